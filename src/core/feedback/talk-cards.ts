import type { Block, Card, CardAction } from "../ui/card.js";
import type { Translate } from "../ui/i18n/index.js";
import { escapeMarkup } from "../ui/markup.js";
import { feedbackActions } from "./actions.js";
import { pick } from "./common.js";
import type { FeedbackPerson, ProfileVersion, TalkView } from "./types.js";
import { formatDay, formatWhen } from "./when.js";

export type Viewer = "leader" | "employee" | "hr";

export interface TalkCardInput {
  readonly talk: TalkView;
  readonly profile: ProfileVersion | null;
  readonly leader: FeedbackPerson | undefined;
  readonly employee: FeedbackPerson | undefined;
  /** The reader's time zone. */
  readonly zone: string;
  readonly viewer: Viewer;
  readonly t: Translate;
}

export function talkTitle(t: Translate, leader: string, employee: string): string {
  return t("feedback.talk.title", { leader, employee });
}

/** Who, when, where and the state: what either person may see of a talk, and nobody else. */
export function talkHeadBlocks(input: TalkCardInput): Block[] {
  const { talk, t } = input;
  return [
    { type: "header", text: talkTitle(t, input.leader?.name ?? "?", input.employee?.name ?? "?") },
    {
      type: "fields",
      fields: [
        { label: t("feedback.talk.when"), value: formatWhen(talk.startsAt, input.zone, t.locale) },
        { label: t("feedback.talk.place"), value: talk.place ? escapeMarkup(talk.place) : t("common.none") },
        { label: t("feedback.talk.state"), value: t(`feedback.state.${talk.state}`) },
      ],
    },
  ];
}

function levelText(t: Translate, level: number | undefined): string {
  return level === undefined ? t("common.none") : t("feedback.profile.level", { level });
}

/** The assessments side by side per criterion, the needs, agreements and follow-up. */
export function talkContentBlocks(input: TalkCardInput): Block[] {
  const { talk, profile, t } = input;
  const blocks: Block[] = [];
  const criteria = profile?.criteria ?? [];
  if ((talk.selfAssessment || talk.leaderAssessment) && criteria.length > 0) {
    blocks.push({
      type: "fields",
      fields: criteria.map((c) => ({
        label: pick(c.name, t.locale),
        value: t("feedback.talk.levels", {
          self: levelText(t, talk.selfAssessment?.[c.key]),
          leader: levelText(t, talk.leaderAssessment?.[c.key]),
        }),
      })),
    });
  }
  if (talk.selfNote)
    blocks.push({ type: "text", text: `**${t("feedback.talk.selfNote")}** ${escapeMarkup(talk.selfNote)}` });
  if (talk.needs.length > 0) {
    const name = (key: string) => {
      const c = criteria.find((x) => x.key === key);
      return c ? pick(c.name, t.locale) : key;
    };
    blocks.push(
      { type: "text", text: `**${t("feedback.talk.needs")}**` },
      {
        type: "list",
        items: talk.needs.map((n) =>
          t("feedback.talk.need", {
            criterion: escapeMarkup(name(n.criterionKey)),
            priority: t(`feedback.priority.${n.priority}`),
            gap: n.levelGap,
          }),
        ),
      },
    );
  }
  if (talk.agreements)
    blocks.push({ type: "text", text: `**${t("feedback.talk.agreements")}** ${escapeMarkup(talk.agreements)}` });
  if (talk.followUpDate) {
    blocks.push({
      type: "context",
      text: t("feedback.talk.followUp", { date: formatDay(talk.followUpDate, t.locale) }),
    });
  }
  if (talk.employeeComment) {
    blocks.push({
      type: "text",
      text: `**${t("feedback.talk.employeeComment")}** ${escapeMarkup(talk.employeeComment)}`,
    });
  }
  return blocks;
}

export function talkButtons(talk: TalkView, viewer: Viewer, t: Translate): CardAction[] {
  const p = { talk: talk.id };
  if (viewer === "leader") {
    if (talk.state === "scheduled") {
      return [
        feedbackActions.record.button(t("feedback.talk.recordButton"), p, { style: "primary" }),
        feedbackActions.reschedule.button(t("feedback.talk.rescheduleButton"), p),
        feedbackActions.cancel.button(t("feedback.talk.cancelButton"), p, { style: "danger" }),
      ];
    }
    if (talk.state === "recorded") return [feedbackActions.record.button(t("feedback.talk.editRecordButton"), p)];
    return [];
  }
  if (viewer === "employee") {
    if (talk.state === "scheduled") return [feedbackActions.selfAssess.button(t("feedback.talk.selfButton"), p)];
    if (talk.state === "recorded") {
      return [
        feedbackActions.confirm.button(t("feedback.talk.confirmButton"), p, { style: "primary" }),
        feedbackActions.comment.button(t("feedback.talk.commentButton"), p),
      ];
    }
  }
  return [];
}

export function talkCard(input: TalkCardInput, lead?: string, content = true): Card {
  const head = talkHeadBlocks(input);
  const buttons = talkButtons(input.talk, input.viewer, input.t);
  const title = talkTitle(input.t, input.leader?.name ?? "?", input.employee?.name ?? "?");
  return {
    summary: lead ?? title,
    blocks: [
      ...(lead ? [{ type: "text" as const, text: lead }] : []),
      ...head,
      ...(content ? talkContentBlocks(input) : []),
      ...(buttons.length > 0 ? [{ type: "actions" as const, actions: buttons }] : []),
    ],
  };
}
