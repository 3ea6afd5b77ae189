import type { PersonProfile } from "../org/types.js";
import type { Form, FormValues } from "../ui/card.js";
import { fieldText, typedValue } from "../ui/form-values.js";
import { formatList, type Translate } from "../ui/i18n/index.js";
import { escapeMarkup } from "../ui/markup.js";
import { mayCheckin } from "./permissions.js";
import { CHECKIN_STATUSES, type CheckinStatus, type GoalView } from "./types.js";

export const CHECKIN_FORM_ID = "goals.save-checkin" as const;

/** Goals and measures this person owns that are not done yet, measures first (they change weekly). */
export function owedCheckins(person: PersonProfile, goals: readonly GoalView[]): GoalView[] {
  const order = { measure: 0, team: 1, area: 2, company: 3 } as const;
  return goals
    .filter((g) => g.status !== "done" && mayCheckin(person, g))
    .sort((a, b) => order[a.level] - order[b.level] || a.dueDate.localeCompare(b.dueDate));
}

export function checkinForm(
  t: Translate,
  owed: readonly GoalView[],
  values: FormValues = {},
  errors?: Readonly<Record<string, string>>,
): Form {
  const selected = owed.find((g) => g.id === typedValue(values, "item")) ?? owed[0];
  return {
    id: CHECKIN_FORM_ID,
    title: t("goals.checkin.title"),
    submitLabel: t("goals.checkin.submit"),
    closeLabel: t("goals.form.close"),
    inputs: [
      {
        id: "item",
        kind: "select",
        label: t("goals.checkin.item"),
        required: true,
        options: owed
          .slice(0, 100)
          .map((g) => ({ value: g.id, label: `${t(`goals.level.${g.level}`)}: ${g.title}`.slice(0, 75) })),
        initial: selected?.id,
      },
      {
        id: "progress",
        kind: "number",
        label: t("goals.checkin.progress"),
        required: true,
        min: 0,
        max: 100,
        integer: true,
        initial:
          typedValue(values, "progress") !== undefined ? Number(typedValue(values, "progress")) : selected?.progress,
      },
      {
        id: "status",
        kind: "radio",
        label: t("goals.checkin.status"),
        required: true,
        options: CHECKIN_STATUSES.map((s) => ({ value: s, label: t(`goals.status.${s}`) })),
        initial:
          typedValue(values, "status") ?? (selected && isCheckinStatus(selected.status) ? selected.status : "on_track"),
      },
      {
        id: "note",
        kind: "longText",
        label: t("goals.checkin.note"),
        maxLength: 1000,
        initial: typedValue(values, "note"),
      },
    ],
    errors,
  };
}

export type CheckinFormResult =
  | {
      readonly ok: true;
      readonly goalId: string;
      readonly progress: number;
      readonly status: CheckinStatus;
      readonly note: string | null;
    }
  | { readonly ok: false; readonly errors: Readonly<Record<string, string>> };

export function validateCheckin(
  t: Translate,
  person: PersonProfile,
  goals: readonly GoalView[],
  values: FormValues,
): CheckinFormResult {
  const errors: Record<string, string> = {};
  const itemId = fieldText(values, "item");
  const goal = goals.find((g) => g.id === itemId);
  if (itemId === "") errors.item = t("goals.errors.itemRequired");
  else if (!goal) errors.item = t("goals.errors.notFound");
  else if (!mayCheckin(person, goal))
    errors.item = t("goals.errors.itemNotOwned", {
      owners: formatList(
        t,
        goal.owners.map((o) => escapeMarkup(o.name)),
      ),
      count: goal.owners.length,
    });

  const progressRaw = fieldText(values, "progress");
  const progress = /^\d{1,3}$/.test(progressRaw) ? Number(progressRaw) : Number.NaN;
  if (!(progress >= 0 && progress <= 100)) errors.progress = t("goals.errors.progressInvalid");

  const status = fieldText(values, "status");
  if (!isCheckinStatus(status)) errors.status = t("goals.errors.statusRequired");

  const note = fieldText(values, "note");
  if (note.length > 1000) errors.note = t("goals.errors.noteTooLong");

  if (Object.keys(errors).length > 0 || !goal || !isCheckinStatus(status)) return { ok: false, errors };
  return { ok: true, goalId: goal.id, progress, status, note: note === "" ? null : note };
}

function isCheckinStatus(value: string): value is CheckinStatus {
  return (CHECKIN_STATUSES as readonly string[]).includes(value);
}
