import { DateTime } from "luxon";
import { isValidTimezone } from "../org/tenant-settings.js";
import type { PersonRef, UnitNode } from "../org/types.js";
import type { Form, FormValues } from "../ui/card.js";
import { fieldText, typedValue } from "../ui/form-values.js";
import type { Translate } from "../ui/i18n/index.js";
import { TRAINING_KINDS, type TrainingKind, type TrainingView } from "./types.js";

/** Submit ids differ from button ids: Teams delivers both as Action.Execute verbs. */
export const TRAINING_FORM_ID = "trainings.save-training" as const;
export const SESSION_FORM_ID = "trainings.save-session" as const;
export const INVITATION_FORM_ID = "trainings.save-invitation" as const;
export const NOMINATION_FORM_ID = "trainings.save-nomination" as const;

const MAX_OPTIONS = 100;
const CRITERION_KEY = /^[a-z0-9][a-z0-9_-]{0,49}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

type Errors = Record<string, string>;
type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: Errors };

function list(values: FormValues, key: string): readonly string[] {
  const v = values[key];
  if (Array.isArray(v)) return v as readonly string[];
  return typeof v === "string" && v !== "" ? [v] : [];
}

// ---------------------------------------------------------------------------------------------
// Training

export function trainingForm(t: Translate, units: readonly UnitNode[], values: FormValues = {}, errors?: Errors): Form {
  return {
    id: TRAINING_FORM_ID,
    title: t("trainings.form.trainingTitle"),
    submitLabel: t("trainings.form.save"),
    inputs: [
      {
        id: "titleDe",
        kind: "text",
        label: t("trainings.form.titleDe"),
        required: true,
        maxLength: 150,
        initial: typedValue(values, "titleDe"),
      },
      {
        id: "titleEn",
        kind: "text",
        label: t("trainings.form.titleEn"),
        maxLength: 150,
        initial: typedValue(values, "titleEn"),
      },
      {
        id: "kind",
        kind: "radio",
        label: t("trainings.form.kind"),
        required: true,
        options: TRAINING_KINDS.map((k) => ({ value: k, label: t(`trainings.kind.${k}`) })),
        initial: typedValue(values, "kind") ?? "basic",
      },
      {
        id: "duration",
        kind: "number",
        label: t("trainings.form.duration"),
        required: true,
        integer: true,
        min: 15,
        max: 4800,
        ...(numberInitial(values, "duration") ?? { initial: 240 }),
      },
      {
        id: "criteria",
        kind: "text",
        label: t("trainings.form.criteria"),
        hint: t("trainings.form.criteriaHint"),
        maxLength: 500,
        initial: typedValue(values, "criteria"),
      },
      {
        id: "descriptionDe",
        kind: "longText",
        label: t("trainings.form.descriptionDe"),
        maxLength: 2000,
        initial: typedValue(values, "descriptionDe"),
      },
      {
        id: "descriptionEn",
        kind: "longText",
        label: t("trainings.form.descriptionEn"),
        maxLength: 2000,
        initial: typedValue(values, "descriptionEn"),
      },
      ...(units.length > 0
        ? [
            {
              id: "mandatory",
              kind: "checkboxes" as const,
              label: t("trainings.form.mandatoryUnits"),
              options: units.slice(0, MAX_OPTIONS).map((u) => ({ value: u.id, label: u.path.slice(0, 75) })),
              initial: list(values, "mandatory"),
            },
          ]
        : []),
    ],
    ...(errors ? { errors } : {}),
  };
}

function numberInitial(values: FormValues, key: string): { initial: number } | undefined {
  const n = Number(typedValue(values, key));
  return typedValue(values, key) !== undefined && Number.isFinite(n) ? { initial: n } : undefined;
}

export interface TrainingInput {
  readonly titleDe: string;
  readonly titleEn: string | null;
  readonly descriptionDe: string | null;
  readonly descriptionEn: string | null;
  readonly kind: TrainingKind;
  readonly durationMinutes: number;
  readonly criterionKeys: readonly string[];
  readonly mandatoryUnitIds: readonly string[];
}

function intIn(raw: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= min && n <= max ? n : undefined;
}

export function validateTraining(
  t: Translate,
  values: FormValues,
  units: readonly UnitNode[],
): Validated<TrainingInput> {
  const errors: Errors = {};
  const titleDe = fieldText(values, "titleDe");
  const titleEn = fieldText(values, "titleEn");
  if (titleDe === "") errors.titleDe = t("trainings.errors.titleRequired");
  else if (titleDe.length > 150) errors.titleDe = t("trainings.errors.tooLong", { max: 150 });
  if (titleEn.length > 150) errors.titleEn = t("trainings.errors.tooLong", { max: 150 });
  const descriptionDe = fieldText(values, "descriptionDe");
  const descriptionEn = fieldText(values, "descriptionEn");
  if (descriptionDe.length > 2000) errors.descriptionDe = t("trainings.errors.tooLong", { max: 2000 });
  if (descriptionEn.length > 2000) errors.descriptionEn = t("trainings.errors.tooLong", { max: 2000 });
  const kind = TRAINING_KINDS.find((k) => k === fieldText(values, "kind"));
  if (!kind) errors.kind = t("trainings.errors.kind");
  const duration = intIn(fieldText(values, "duration"), 15, 4800);
  if (duration === undefined) errors.duration = t("trainings.errors.duration");
  const criterionKeys = fieldText(values, "criteria")
    .split(/[,;\s]+/)
    .map((k) => k.trim())
    .filter((k) => k !== "");
  if (criterionKeys.some((k) => !CRITERION_KEY.test(k))) errors.criteria = t("trainings.errors.criteria");
  const known = new Set(units.map((u) => u.id));
  const mandatoryUnitIds = list(values, "mandatory");
  if (mandatoryUnitIds.some((id) => !known.has(id))) errors.mandatory = t("trainings.errors.unknownUnit");
  if (Object.keys(errors).length > 0 || !kind || duration === undefined) return { ok: false, errors };
  return {
    ok: true,
    value: {
      titleDe,
      titleEn: titleEn || null,
      descriptionDe: descriptionDe || null,
      descriptionEn: descriptionEn || null,
      kind,
      durationMinutes: duration,
      criterionKeys: [...new Set(criterionKeys)],
      mandatoryUnitIds: [...new Set(mandatoryUnitIds)],
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Session

export function sessionForm(
  t: Translate,
  training: TrainingView,
  title: string,
  people: readonly PersonRef[],
  defaults: { readonly timezone: string; readonly date: string },
  values: FormValues = {},
  errors?: Errors,
): Form {
  return {
    id: SESSION_FORM_ID,
    title: t("trainings.form.sessionTitle"),
    submitLabel: t("trainings.form.save"),
    metadata: training.id,
    intro: [{ type: "text", text: `**${title}**` }],
    inputs: [
      {
        id: "date",
        kind: "date",
        label: t("trainings.form.date"),
        required: true,
        initial: typedValue(values, "date") ?? defaults.date,
      },
      {
        id: "time",
        kind: "time",
        label: t("trainings.form.time"),
        required: true,
        initial: typedValue(values, "time") ?? "09:00",
      },
      {
        id: "timezone",
        kind: "text",
        label: t("trainings.form.timezone"),
        required: true,
        maxLength: 64,
        initial: typedValue(values, "timezone") ?? defaults.timezone,
      },
      {
        id: "place",
        kind: "text",
        label: t("trainings.form.place"),
        hint: t("trainings.form.placeHint"),
        maxLength: 200,
        initial: typedValue(values, "place"),
      },
      {
        id: "onlineUrl",
        kind: "text",
        label: t("trainings.form.onlineUrl"),
        maxLength: 500,
        initial: typedValue(values, "onlineUrl"),
      },
      {
        id: "trainer",
        kind: "select",
        label: t("trainings.form.trainer"),
        placeholder: t("trainings.form.pick"),
        options: people.slice(0, MAX_OPTIONS).map((p) => ({ value: p.id, label: p.name.slice(0, 75) })),
        initial: typedValue(values, "trainer"),
      },
      {
        id: "capacity",
        kind: "number",
        label: t("trainings.form.capacity"),
        required: true,
        integer: true,
        min: 1,
        max: 500,
        ...(numberInitial(values, "capacity") ?? { initial: 15 }),
      },
    ],
    ...(errors ? { errors } : {}),
  };
}

export interface SessionInput {
  readonly startsAt: Date;
  readonly timezone: string;
  readonly place: string | null;
  readonly onlineUrl: string | null;
  readonly trainerId: string | null;
  readonly capacity: number;
}

export function validateSession(
  t: Translate,
  values: FormValues,
  people: readonly PersonRef[],
  now: Date,
): Validated<SessionInput> {
  const errors: Errors = {};
  const date = fieldText(values, "date");
  const time = fieldText(values, "time");
  const timezone = fieldText(values, "timezone");
  if (!DATE.test(date)) errors.date = t("trainings.errors.date");
  if (!TIME.test(time)) errors.time = t("trainings.errors.time");
  if (!isValidTimezone(timezone)) errors.timezone = t("trainings.errors.timezone");
  let startsAt: Date | undefined;
  if (!errors.date && !errors.time && !errors.timezone) {
    const dt = DateTime.fromISO(`${date}T${time}`, { zone: timezone });
    if (!dt.isValid) errors.date = t("trainings.errors.date");
    else if (dt.toMillis() <= now.getTime()) errors.date = t("trainings.errors.past");
    else startsAt = dt.toJSDate();
  }
  const place = fieldText(values, "place");
  const onlineUrl = fieldText(values, "onlineUrl");
  if (place === "" && onlineUrl === "") errors.place = t("trainings.errors.place");
  if (onlineUrl !== "" && !/^https:\/\/\S+$/.test(onlineUrl)) errors.onlineUrl = t("trainings.errors.url");
  const trainer = fieldText(values, "trainer");
  if (trainer !== "" && !people.some((p) => p.id === trainer)) errors.trainer = t("trainings.errors.trainer");
  const capacity = intIn(fieldText(values, "capacity"), 1, 500);
  if (capacity === undefined) errors.capacity = t("trainings.errors.capacity");
  if (Object.keys(errors).length > 0 || !startsAt || capacity === undefined) return { ok: false, errors };
  return {
    ok: true,
    value: {
      startsAt,
      timezone,
      place: place || null,
      onlineUrl: onlineUrl || null,
      trainerId: trainer || null,
      capacity,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Invitation to a mandatory training

export function invitationForm(
  t: Translate,
  training: TrainingView,
  title: string,
  units: readonly UnitNode[],
  defaultDeadline: string,
  values: FormValues = {},
  errors?: Errors,
): Form {
  return {
    id: INVITATION_FORM_ID,
    title: t("trainings.form.invitationTitle"),
    submitLabel: t("trainings.form.send"),
    metadata: training.id,
    intro: [{ type: "text", text: `**${title}**` }],
    inputs: [
      {
        id: "units",
        kind: "checkboxes",
        label: t("trainings.form.units"),
        required: true,
        options: units.slice(0, MAX_OPTIONS).map((u) => ({ value: u.id, label: u.path.slice(0, 75) })),
        initial: values.units === undefined ? training.mandatoryUnitIds : list(values, "units"),
      },
      {
        id: "deadline",
        kind: "date",
        label: t("trainings.form.deadline"),
        required: true,
        initial: typedValue(values, "deadline") ?? defaultDeadline,
      },
    ],
    ...(errors ? { errors } : {}),
  };
}

export function validateInvitation(
  t: Translate,
  values: FormValues,
  units: readonly UnitNode[],
  zone: string,
  now: Date,
): Validated<{ readonly unitIds: readonly string[]; readonly deadline: Date }> {
  const errors: Errors = {};
  const unitIds = list(values, "units");
  const known = new Set(units.map((u) => u.id));
  if (unitIds.length === 0) errors.units = t("trainings.errors.units");
  else if (unitIds.some((id) => !known.has(id))) errors.units = t("trainings.errors.unknownUnit");
  const raw = fieldText(values, "deadline");
  // The deadline is a whole day: it ends at midnight in the tenant's zone.
  const end = DATE.test(raw) ? DateTime.fromISO(raw, { zone }).endOf("day") : undefined;
  if (!end?.isValid) errors.deadline = t("trainings.errors.date");
  else if (end.toMillis() <= now.getTime()) errors.deadline = t("trainings.errors.past");
  if (Object.keys(errors).length > 0 || !end) return { ok: false, errors };
  return { ok: true, value: { unitIds: [...new Set(unitIds)], deadline: end.toJSDate() } };
}

// ---------------------------------------------------------------------------------------------
// Nomination

export function nominationForm(
  t: Translate,
  reports: readonly PersonRef[],
  trainings: readonly { readonly id: string; readonly title: string }[],
  values: FormValues = {},
  errors?: Errors,
): Form {
  return {
    id: NOMINATION_FORM_ID,
    title: t("trainings.form.nominationTitle"),
    submitLabel: t("trainings.form.save"),
    inputs: [
      {
        id: "person",
        kind: "select",
        label: t("trainings.form.person"),
        required: true,
        placeholder: t("trainings.form.pick"),
        options: reports.slice(0, MAX_OPTIONS).map((p) => ({ value: p.id, label: p.name.slice(0, 75) })),
        initial: typedValue(values, "person"),
      },
      {
        id: "training",
        kind: "select",
        label: t("trainings.form.training"),
        required: true,
        placeholder: t("trainings.form.pick"),
        options: trainings.slice(0, MAX_OPTIONS).map((x) => ({ value: x.id, label: x.title.slice(0, 75) })),
        initial: typedValue(values, "training"),
      },
    ],
    ...(errors ? { errors } : {}),
  };
}
