import type { PersonProfile } from "../org/types.js";
import type { Form, FormValues } from "../ui/card.js";
import { fieldText, typedValue } from "../ui/form-values.js";
import type { Translate } from "../ui/i18n/index.js";
import { escapeMarkup } from "../ui/markup.js";
import { parseNumber } from "./format.js";
import type { OrgScope } from "./org-scope.js";
import { ownerCandidates, parentCandidates } from "./permissions.js";
import { type FocusTopicView, type GoalLevel, type GoalView, KPI_KEYS, type KpiKey, type NewGoal } from "./types.js";

/** Submit ids differ from button ids: Teams delivers both as Action.Execute verbs. */
export const GOAL_FORM_ID = "goals.save-goal" as const;
const MAX_OPTIONS = 100;

export interface GoalFormContext {
  readonly t: Translate;
  readonly person: PersonProfile;
  readonly level: GoalLevel;
  readonly unitId: string;
  readonly scope: OrgScope;
  readonly goals: readonly GoalView[];
  readonly focusTopics: readonly FocusTopicView[];
  /** Today in the tenant's time zone, YYYY-MM-DD. */
  readonly today: string;
}

/** Metadata the platform hands back on submit: which level, for which unit. */
export function goalFormMetadata(level: GoalLevel, unitId: string): string {
  return JSON.stringify({ level, unitId });
}

export function parseGoalFormMetadata(metadata: string | undefined): { level: GoalLevel; unitId: string } | undefined {
  try {
    const value = JSON.parse(metadata ?? "") as { level?: unknown; unitId?: unknown };
    const levels: readonly string[] = ["company", "area", "team", "measure"];
    if (typeof value.level === "string" && levels.includes(value.level) && typeof value.unitId === "string") {
      return { level: value.level as GoalLevel, unitId: value.unitId };
    }
  } catch {
    // fall through: a tampered or truncated metadata string is treated as missing
  }
  return undefined;
}

export function goalForm(
  ctx: GoalFormContext,
  values: FormValues = {},
  errors: Readonly<Record<string, string>> | undefined = undefined,
): Form {
  const { t, level, unitId, scope } = ctx;
  const unit = scope.unit(unitId);
  const parents = parentCandidates(level, unitId, ctx.goals, scope).slice(0, MAX_OPTIONS);
  const owners = ownerCandidates(level, unitId, scope).slice(0, MAX_OPTIONS);
  const inputs: Form["inputs"][number][] = [
    {
      id: "title",
      kind: "text",
      label: t("goals.form.title"),
      required: true,
      maxLength: 150,
      hint: t("goals.form.titleHint"),
      initial: typedValue(values, "title"),
    },
  ];
  if (level !== "company") {
    inputs.push({
      id: "parent",
      kind: "select",
      label: t("goals.form.parent"),
      required: true,
      placeholder: t("goals.form.pick"),
      options: parents.map((g) => ({ value: g.id, label: g.title.slice(0, 75) })),
      initial: typedValue(values, "parent"),
    });
  }
  inputs.push(
    {
      id: "owner",
      kind: "select",
      label: t("goals.form.owner"),
      required: true,
      placeholder: t("goals.form.pick"),
      options: owners.map((p) => ({ value: p.id, label: p.name })),
      initial: typedValue(values, "owner") ?? (owners.some((p) => p.id === ctx.person.id) ? ctx.person.id : undefined),
    },
    { id: "due", kind: "date", label: t("goals.form.due"), required: true, initial: typedValue(values, "due") },
    {
      id: "criterion",
      kind: "longText",
      label: t("goals.form.criterion"),
      required: true,
      maxLength: 1000,
      hint: t("goals.form.criterionHint"),
      initial: typedValue(values, "criterion"),
    },
    {
      id: "kpi",
      kind: "select",
      label: t("goals.form.kpi"),
      placeholder: t("goals.form.pick"),
      options: KPI_KEYS.map((key) => ({ value: key, label: t(`goals.kpi.${key}`) })),
      initial: typedValue(values, "kpi"),
    },
    { id: "target", kind: "text", label: t("goals.form.target"), maxLength: 20, initial: typedValue(values, "target") },
  );
  if (level === "company" && ctx.focusTopics.length > 0) {
    inputs.push({
      id: "focus",
      kind: "select",
      label: t("goals.form.focus"),
      placeholder: t("goals.form.pick"),
      options: ctx.focusTopics.slice(0, MAX_OPTIONS).map((f) => ({ value: f.id, label: f.title.slice(0, 75) })),
      initial: typedValue(values, "focus"),
    });
  }
  const levelName = t(`goals.level.${level}`);
  return {
    id: GOAL_FORM_ID,
    title: level === "measure" ? t("goals.form.titleMeasure") : t("goals.form.titleGoal", { level: levelName }),
    submitLabel: t("goals.form.submit"),
    closeLabel: t("goals.form.close"),
    metadata: goalFormMetadata(level, unitId),
    intro: [
      {
        type: "context",
        text: t("goals.form.intro", { level: capitalise(levelName), unit: escapeMarkup(unit?.path ?? "") }),
      },
    ],
    inputs,
    errors,
  };
}

export type GoalFormResult =
  | { readonly ok: true; readonly goal: Omit<NewGoal, "tenantId" | "createdById"> }
  | { readonly ok: false; readonly errors: Readonly<Record<string, string>> };

/** Checks every field and returns all errors at once, keyed by input id, in the user's language. */
export function validateGoalForm(ctx: GoalFormContext, values: FormValues): GoalFormResult {
  const { t, level, unitId, scope } = ctx;
  const errors: Record<string, string> = {};

  const title = fieldText(values, "title");
  if (title === "") errors.title = t("goals.errors.titleRequired");
  else if (title.length > 150) errors.title = t("goals.errors.titleTooLong", { length: title.length });

  let parentId: string | null = null;
  if (level !== "company") {
    const parent = fieldText(values, "parent");
    if (parent === "") errors.parent = t("goals.errors.parentRequired");
    else if (!parentCandidates(level, unitId, ctx.goals, scope).some((g) => g.id === parent))
      errors.parent = t("goals.errors.parentOutside");
    else parentId = parent;
  }

  const owner = fieldText(values, "owner");
  if (owner === "") errors.owner = t("goals.errors.ownerRequired");
  else if (!ownerCandidates(level, unitId, scope).some((p) => p.id === owner)) {
    errors.owner = t("goals.errors.ownerOutside", { unit: scope.unit(unitId)?.path ?? "" });
  }

  const due = fieldText(values, "due");
  if (due === "") errors.due = t("goals.errors.dueRequired");
  else if (!isIsoDate(due)) errors.due = t("goals.errors.dueInvalid");
  else if (due < ctx.today) errors.due = t("goals.errors.duePast");

  const criterion = fieldText(values, "criterion");
  if (criterion === "") errors.criterion = t("goals.errors.criterionRequired");
  else if (criterion.length > 1000) errors.criterion = t("goals.errors.criterionTooLong");

  const kpiRaw = fieldText(values, "kpi");
  const kpiKey =
    kpiRaw === "" ? null : (KPI_KEYS as readonly string[]).includes(kpiRaw) ? (kpiRaw as KpiKey) : undefined;
  if (kpiKey === undefined) errors.kpi = t("goals.errors.kpiUnknown");
  const targetRaw = fieldText(values, "target");
  const target = targetRaw === "" ? null : parseNumber(targetRaw);
  if (target === undefined) errors.target = t("goals.errors.targetInvalid");
  else if (kpiKey && target === null) errors.target = t("goals.errors.targetRequired");

  let focusTopicId: string | null = null;
  const focus = fieldText(values, "focus");
  if (level === "company" && focus !== "") {
    if (ctx.focusTopics.some((f) => f.id === focus)) focusTopicId = focus;
    else errors.focus = t("goals.errors.focusUnknown");
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    goal: {
      level,
      parentId,
      unitId,
      focusTopicId,
      title,
      successCriterion: criterion,
      dueDate: due,
      kpiKey: kpiKey ?? null,
      kpiTarget: target ?? null,
      ownerIds: [owner],
    },
  };
}

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
