import type { Requester } from "../org/identify.js";
import type { Services } from "../services.js";
import type { Block, Card, Form, FormValues, Input } from "../ui/card.js";
import { fieldText, typedValue } from "../ui/form-values.js";
import type { Translate } from "../ui/i18n/index.js";
import { escapeMarkup } from "../ui/markup.js";
import type { Reply } from "../ui/reply.js";
import { FEEDBACK_FORMS, feedbackActions } from "./actions.js";
import { BUILTIN_CRITERIA, BUILTIN_PROFILE_NAME } from "./builtin-profile.js";
import { cardReply, isCard, isManagingDirector, type Member, member, pick, textCard } from "./common.js";
import type { FeedbackOutcome } from "./outcomes.js";
import type { Criterion, DraftCriterion, ProfileVersion } from "./types.js";

/** The built-in draft is written the first time anyone in the tenant uses /feedback. */
export async function ensureDraft(services: Services, tenantId: string): Promise<void> {
  await services.feedback.seedDraft(tenantId, BUILTIN_CRITERIA);
}

/** Working-group members and managing directors shape the draft. */
async function mayDraft(services: Services, m: Member): Promise<boolean> {
  if (isManagingDirector(m.person)) return true;
  return (await services.feedback.members(m.tenant.id, "working_group")).includes(m.person.id);
}

export function criterionBlocks(c: Criterion, t: Translate): Block[] {
  const locale = t.locale;
  return [
    { type: "text", text: `**${escapeMarkup(pick(c.name, locale))}**\n${escapeMarkup(pick(c.description, locale))}` },
    {
      type: "list",
      ordered: false,
      items: c.levels.map(
        (l) =>
          `${t("feedback.profile.level", { level: l.level })}${l.level === c.targetLevel ? ` (${t("feedback.profile.target")})` : ""}: ${escapeMarkup(pick(l.anchor, locale))}`,
      ),
    },
  ];
}

export function publishedProfileCard(profile: ProfileVersion, t: Translate): Card {
  const title = t("feedback.profile.publishedTitle", {
    name: pick(BUILTIN_PROFILE_NAME, t.locale),
    version: profile.version,
  });
  return {
    summary: title,
    blocks: [{ type: "header", text: title }, ...profile.criteria.flatMap((c) => criterionBlocks(c, t))],
  };
}

/** `/feedback profile`: the draft with comments and approvals, and what each person may do with it. */
export async function profileCommand(services: Services, requester: Requester): Promise<Reply> {
  const m = member(requester);
  if (isCard(m)) return cardReply(m);
  await ensureDraft(services, m.tenant.id);
  return cardReply(await draftCard(services, m));
}

async function draftCard(services: Services, m: Member): Promise<Card> {
  const { t } = m;
  const [draft, published, group, people] = await Promise.all([
    services.feedback.draft(m.tenant.id),
    services.feedback.latestProfile(m.tenant.id),
    services.feedback.members(m.tenant.id, "working_group"),
    services.feedback.people(m.tenant.id),
  ]);
  const drafter = isManagingDirector(m.person) || group.includes(m.person.id);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const title = t("feedback.profile.draftTitle", { name: pick(BUILTIN_PROFILE_NAME, t.locale) });
  const blocks: Block[] = [
    { type: "header", text: title },
    {
      type: "context",
      text: published
        ? t("feedback.profile.lastPublished", { version: published.version })
        : t("feedback.profile.notPublished"),
    },
    {
      type: "context",
      text: t("feedback.profile.group", {
        names: group.map((id) => escapeMarkup(names.get(id) ?? "?")).join(", ") || t("common.none"),
      }),
    },
  ];
  for (const c of draft) {
    blocks.push({ type: "divider" }, ...criterionBlocks(c, t));
    const approvedBy = c.approvals.map((id) => escapeMarkup(names.get(id) ?? "?"));
    blocks.push({
      type: "context",
      text:
        approvedBy.length === 0
          ? t("feedback.profile.noApprovals")
          : t("feedback.profile.approvals", { count: approvedBy.length, names: approvedBy.join(", ") }),
    });
    for (const comment of c.comments.slice(-3)) {
      blocks.push({ type: "context", text: `💬 ${escapeMarkup(comment.personName)}: ${escapeMarkup(comment.text)}` });
    }
    if (drafter) {
      blocks.push({
        type: "actions",
        actions: [
          feedbackActions.criterionComment.button(t("feedback.profile.comment"), { criterion: c.key }),
          ...(c.approvals.includes(m.person.id)
            ? []
            : [feedbackActions.criterionApprove.button(t("feedback.profile.approve"), { criterion: c.key })]),
          feedbackActions.criterionEdit.button(t("feedback.profile.edit"), { criterion: c.key }),
        ],
      });
    }
  }
  if (isManagingDirector(m.person)) {
    blocks.push(
      { type: "divider" },
      {
        type: "actions",
        actions: [feedbackActions.publish.button(t("feedback.profile.publish"), {}, { style: "primary" })],
      },
    );
  }
  return { summary: title, blocks };
}

async function draftCriterion(services: Services, m: Member, key: string): Promise<DraftCriterion | undefined> {
  await ensureDraft(services, m.tenant.id);
  return (await services.feedback.draft(m.tenant.id)).find((c) => c.key === key);
}

export async function openCriterionComment(services: Services, requester: Requester, key: string): Promise<Reply> {
  const m = member(requester);
  if (isCard(m)) return cardReply(m);
  if (!(await mayDraft(services, m))) return cardReply(textCard(m.t("feedback.profile.notInGroup")));
  const c = await draftCriterion(services, m, key);
  if (!c) return cardReply(textCard(m.t("feedback.profile.unknownCriterion")));
  return { kind: "form", form: commentForm(m.t, c) };
}

function commentForm(t: Translate, c: Criterion, errors?: Record<string, string>, values?: FormValues): Form {
  return {
    id: FEEDBACK_FORMS.criterionComment,
    title: t("feedback.profile.commentTitle"),
    submitLabel: t("feedback.profile.commentSubmit"),
    metadata: c.key,
    intro: [{ type: "text", text: `**${escapeMarkup(pick(c.name, t.locale))}**` }],
    inputs: [
      {
        kind: "longText",
        id: "text",
        label: t("feedback.profile.commentLabel"),
        required: true,
        maxLength: 2000,
        ...(values ? { initial: typedValue(values, "text") ?? "" } : {}),
      },
    ],
    ...(errors ? { errors } : {}),
  };
}

export async function submitCriterionComment(
  services: Services,
  requester: Requester,
  key: string,
  values: FormValues,
): Promise<FeedbackOutcome> {
  const m = member(requester);
  if (isCard(m)) return { kind: "refused", card: m };
  if (!(await mayDraft(services, m))) return { kind: "refused", card: textCard(m.t("feedback.profile.notInGroup")) };
  const c = await draftCriterion(services, m, key);
  if (!c) return { kind: "refused", card: textCard(m.t("feedback.profile.unknownCriterion")) };
  const text = fieldText(values, "text");
  if (text === "" || text.length > 2000) {
    const errors = { text: m.t("feedback.errors.textLength", { max: 2000 }) };
    return { kind: "invalid", form: commentForm(m.t, c, errors, values), errors };
  }
  await services.feedback.addComment(m.tenant.id, key, m.person.id, text);
  return { kind: "saved", card: textCard(m.t("feedback.profile.commented", { name: pick(c.name, m.t.locale) })) };
}

export async function approveCriterion(services: Services, requester: Requester, key: string): Promise<Reply> {
  const m = member(requester);
  if (isCard(m)) return cardReply(m);
  if (!(await mayDraft(services, m))) return cardReply(textCard(m.t("feedback.profile.notInGroup")));
  const c = await draftCriterion(services, m, key);
  if (!c) return cardReply(textCard(m.t("feedback.profile.unknownCriterion")));
  await services.feedback.approve(m.tenant.id, key, m.person.id);
  return cardReply(await draftCard(services, m));
}

const LEVEL_SLOTS = [1, 2, 3, 4] as const;

export async function openCriterionEdit(services: Services, requester: Requester, key: string): Promise<Reply> {
  const m = member(requester);
  if (isCard(m)) return cardReply(m);
  if (!(await mayDraft(services, m))) return cardReply(textCard(m.t("feedback.profile.notInGroup")));
  const c = await draftCriterion(services, m, key);
  if (!c) return cardReply(textCard(m.t("feedback.profile.unknownCriterion")));
  return { kind: "form", form: editForm(m.t, c) };
}

function editForm(t: Translate, c: Criterion, errors?: Record<string, string>, values?: FormValues): Form {
  const initial = (id: string, fallback: string) => (values ? (typedValue(values, id) ?? "") : fallback);
  const text = (id: string, label: string, fallback: string, long = false, required = true): Input => ({
    kind: long ? "longText" : "text",
    id,
    label,
    required,
    maxLength: 500,
    initial: initial(id, fallback),
  });
  const inputs: Input[] = [
    text("nameDe", t("feedback.profile.nameDe"), c.name.de),
    text("nameEn", t("feedback.profile.nameEn"), c.name.en),
    text("descriptionDe", t("feedback.profile.descriptionDe"), c.description.de, true),
    text("descriptionEn", t("feedback.profile.descriptionEn"), c.description.en, true),
  ];
  for (const level of LEVEL_SLOTS) {
    const l = c.levels.find((x) => x.level === level);
    // The fourth level is optional: a criterion has three or four.
    const required = level <= 3;
    inputs.push(
      text(`anchorDe${level}`, t("feedback.profile.anchorDe", { level }), l?.anchor.de ?? "", true, required),
      text(`anchorEn${level}`, t("feedback.profile.anchorEn", { level }), l?.anchor.en ?? "", true, required),
    );
  }
  inputs.push({
    kind: "select",
    id: "targetLevel",
    label: t("feedback.profile.targetLabel"),
    required: true,
    options: LEVEL_SLOTS.map((l) => ({ value: String(l), label: t("feedback.profile.level", { level: l }) })),
    initial: initial("targetLevel", String(c.targetLevel)),
  });
  return {
    id: FEEDBACK_FORMS.criterionEdit,
    title: t("feedback.profile.editTitle"),
    submitLabel: t("feedback.profile.editSubmit"),
    metadata: c.key,
    inputs,
    ...(errors ? { errors } : {}),
  };
}

export async function submitCriterionEdit(
  services: Services,
  requester: Requester,
  key: string,
  values: FormValues,
): Promise<FeedbackOutcome> {
  const m = member(requester);
  if (isCard(m)) return { kind: "refused", card: m };
  const { t } = m;
  if (!(await mayDraft(services, m))) return { kind: "refused", card: textCard(t("feedback.profile.notInGroup")) };
  const c = await draftCriterion(services, m, key);
  if (!c) return { kind: "refused", card: textCard(t("feedback.profile.unknownCriterion")) };
  const errors: Record<string, string> = {};
  const need = (id: string) => {
    const v = fieldText(values, id);
    if (v === "" || v.length > 500) errors[id] = t("feedback.errors.textLength", { max: 500 });
    return v;
  };
  const name = { de: need("nameDe"), en: need("nameEn") };
  const description = { de: need("descriptionDe"), en: need("descriptionEn") };
  const levels = [];
  for (const level of LEVEL_SLOTS) {
    const de = fieldText(values, `anchorDe${level}`);
    const en = fieldText(values, `anchorEn${level}`);
    if (level === 4 && de === "" && en === "") continue;
    levels.push({ level, anchor: { de: need(`anchorDe${level}`), en: need(`anchorEn${level}`) } });
  }
  const target = Number(fieldText(values, "targetLevel"));
  if (!Number.isInteger(target) || target < 1 || target > levels.length) {
    errors.targetLevel = t("feedback.profile.targetInvalid", { max: levels.length });
  }
  if (Object.keys(errors).length > 0) return { kind: "invalid", form: editForm(t, c, errors, values), errors };
  const updated = await services.feedback.updateCriterion(
    m.tenant.id,
    { key, name, description, levels, targetLevel: target },
    m.person.id,
  );
  if (!updated) return { kind: "refused", card: textCard(t("feedback.profile.unknownCriterion")) };
  return { kind: "saved", card: textCard(t("feedback.profile.edited", { name: pick(updated.name, t.locale) })) };
}

/** A managing director publishes the draft as it reads now: the next immutable version. */
export async function publishProfile(services: Services, requester: Requester): Promise<Reply> {
  const m = member(requester);
  if (isCard(m)) return cardReply(m);
  if (!isManagingDirector(m.person)) return cardReply(textCard(m.t("feedback.profile.onlyDirectorPublishes")));
  await ensureDraft(services, m.tenant.id);
  const draft = await services.feedback.draft(m.tenant.id);
  const profile = await services.feedback.publish(m.tenant.id, draft, m.person.id);
  const card = publishedProfileCard(profile, m.t);
  const done = m.t("feedback.profile.published", { version: profile.version });
  return cardReply({ summary: done, blocks: [{ type: "text", text: `✅ ${done}` }, ...card.blocks] });
}
