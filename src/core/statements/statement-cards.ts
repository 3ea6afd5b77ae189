import { DateTime } from "luxon";
import { formatDate } from "../goals/format.js";
import type { Block, Card, CardAction } from "../ui/card.js";
import type { Translate } from "../ui/i18n/index.js";
import { escapeMarkup, markupToPlain, progressLine } from "../ui/markup.js";
import type { AckReport, AckRow } from "./ack-report.js";
import { statementActions } from "./actions.js";
import { localisedBody, localisedTitle } from "./statement-form.js";
import type { StatementCommentView, StatementView } from "./types.js";

/** Slack cuts a section at 3,000 characters; escaping adds some, so paragraphs are split well below. */
const PARAGRAPH_MAX = 2500;

export function textCard(text: string): Card {
  return { summary: markupToPlain(text), blocks: [{ type: "text", text }] };
}

/** A calendar date in the reader's time zone, e.g. "27.11.2026" or "27 Nov 2026". */
export function localDate(at: Date, timezone: string, t: Translate): string {
  const iso = DateTime.fromJSDate(at).setZone(timezone).toISODate() ?? at.toISOString().slice(0, 10);
  return formatDate(iso, t.locale);
}

/**
 * User text as text blocks: one per paragraph, long paragraphs split at a space, so no renderer has
 * to cut a statement or a comment. Escaped, so what the author typed shows exactly as typed.
 */
export function paragraphBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    let rest = paragraph.trim();
    while (rest.length > PARAGRAPH_MAX) {
      const space = rest.lastIndexOf(" ", PARAGRAPH_MAX);
      const cut = space > PARAGRAPH_MAX / 2 ? space : PARAGRAPH_MAX;
      blocks.push({ type: "text", text: escapeMarkup(rest.slice(0, cut).trimEnd()) });
      rest = rest.slice(cut).trimStart();
    }
    if (rest !== "") blocks.push({ type: "text", text: escapeMarkup(rest) });
  }
  return blocks;
}

export interface StatementCardContext {
  readonly t: Translate;
  readonly statement: StatementView;
  /** When this reader acknowledged it, if they did. */
  readonly ackedAt: Date | null;
  /** The reader's time zone, for the dates on the card. */
  readonly timezone: string;
  /** Managing directors may publish a revision. */
  readonly canRevise: boolean;
}

/**
 * A statement as one reader sees it: in their language (German when there is no English version),
 * with author and version, and either the "Read" button or when they confirmed reading it.
 */
export function statementCard(ctx: StatementCardContext): Card {
  const { t, statement } = ctx;
  const title = localisedTitle(statement, t);
  const payload = { statement: statement.id };
  const actions: CardAction[] = [];
  if (!ctx.ackedAt)
    actions.push(statementActions.ack.button(t("statements.actions.ack"), payload, { style: "primary" }));
  actions.push(statementActions.comment.button(t("statements.actions.comment"), payload));
  if (ctx.canRevise) actions.push(statementActions.revise.button(t("statements.actions.revise"), payload));
  const blocks: Block[] = [
    { type: "header", text: escapeMarkup(title) },
    ...paragraphBlocks(localisedBody(statement, t)),
    {
      type: "context",
      text: t("statements.card.meta", {
        author: escapeMarkup(statement.author.name),
        version: statement.version,
        date: localDate(statement.publishedAt ?? statement.createdAt, ctx.timezone, t),
      }),
    },
  ];
  if (ctx.ackedAt)
    blocks.push({
      type: "context",
      text: t("statements.card.read", { date: localDate(ctx.ackedAt, ctx.timezone, t) }),
    });
  else blocks.push({ type: "context", text: t("statements.card.readPrompt") });
  blocks.push({ type: "actions", actions });
  return { summary: t("statements.card.summary", { title }), blocks };
}

/** The author's confirmation right after saving: the statement is out, the DMs follow. */
export function savedCard(t: Translate, statement: StatementView): Card {
  const title = localisedTitle(statement, t);
  return {
    summary: t("statements.saved.summary", { title }),
    blocks: [
      { type: "text", text: t("statements.saved.text", { title: escapeMarkup(title), version: statement.version }) },
    ],
  };
}

/** Saved, but the fan-out could not be queued (Redis away): the author must not think it went out. */
/** Saved, but the queue is away: the deliveries wait in the outbox and go out once it is back. */
export function deliveryDelayedCard(t: Translate, statement: StatementView): Card {
  return textCard(t("statements.saved.deliveryDelayed", { title: escapeMarkup(localisedTitle(statement, t)) }));
}

/** What the author of a statement receives when someone comments on it. */
export function commentNoticeCard(
  t: Translate,
  statement: StatementView,
  comment: StatementCommentView,
  timezone: string,
): Card {
  const title = localisedTitle(statement, t);
  return {
    summary: t("statements.notice.summary", { name: comment.person.name, title }),
    blocks: [
      {
        type: "text",
        text: t("statements.notice.text", {
          name: escapeMarkup(comment.person.name),
          title: escapeMarkup(title),
          version: statement.version,
        }),
      },
      ...paragraphBlocks(comment.text),
      { type: "context", text: localDate(comment.createdAt, timezone, t) },
    ],
  };
}

function relativePath(row: AckRow): string {
  // Every line is inside the company; repeating its name on each line only adds noise.
  const parts = row.unit.path.split("/");
  return parts.length > 1 ? parts.slice(1).join("/") : row.unit.path;
}

function reportLine(t: Translate, row: AckRow): string {
  return t("statements.report.line", {
    bar: progressLine(row.percent),
    unit: escapeMarkup(relativePath(row)),
    acknowledged: row.acknowledged,
    delivered: row.delivered,
  });
}

/** `/kurs statement report`: acknowledged / delivered per area and team, lowest rate first. */
export function reportCard(t: Translate, statement: StatementView, report: AckReport, timezone: string): Card {
  const title = localisedTitle(statement, t);
  const blocks: Block[] = [
    { type: "header", text: t("statements.report.header", { title: escapeMarkup(title) }) },
    {
      type: "context",
      text: t("statements.report.meta", {
        version: statement.version,
        date: localDate(statement.publishedAt ?? statement.createdAt, timezone, t),
      }),
    },
  ];
  const reach: Block[] = [];
  if (report.unreachable.count > 0) {
    reach.push(
      { type: "text", text: t("statements.report.unreachable", { count: report.unreachable.count }) },
      {
        type: "list",
        items: report.unreachable.reasons.map((r) =>
          t("statements.report.reason", { reason: escapeMarkup(r.reason), count: r.count }),
        ),
      },
    );
  }
  if (report.waiting > 0)
    reach.push({ type: "context", text: t("statements.report.waiting", { count: report.waiting }) });
  if (report.total.delivered === 0) {
    blocks.push({ type: "text", text: t("statements.report.nobody") }, ...reach);
    return { summary: t("statements.report.summary", { title }), blocks };
  }
  blocks.push({
    type: "progress",
    label: escapeMarkup(report.total.unit.name),
    percent: report.total.percent,
    note: t("statements.report.count", {
      acknowledged: report.total.acknowledged,
      delivered: report.total.delivered,
    }),
  });
  if (report.areas.length > 0) {
    blocks.push(
      { type: "text", text: `**${t("statements.report.areas")}**` },
      { type: "list", items: report.areas.map((r) => reportLine(t, r)) },
    );
  }
  if (report.teams.length > 0) {
    blocks.push(
      { type: "text", text: `**${t("statements.report.teams")}**` },
      { type: "list", items: report.teams.map((r) => reportLine(t, r)) },
    );
  }
  blocks.push(...reach, { type: "context", text: t("statements.report.privacy") });
  return { summary: t("statements.report.summary", { title }), blocks };
}
