import type { Locale } from "../org/types.js";
import type { Block, Card, CardAction } from "../ui/card.js";
import type { Translate } from "../ui/i18n/index.js";
import { escapeMarkup } from "../ui/markup.js";
import { trainingActions } from "./actions.js";
import { formatDuration, formatWhen, trainingTitle } from "./format.js";
import type { EnrolmentView, SessionView, TrainingView } from "./types.js";

export interface View {
  readonly t: Translate;
  readonly locale: Locale;
  /** The reader's time zone. */
  readonly zone: string;
  readonly now: Date;
}

/** Sessions shown per card; Slack allows 50 blocks, and nobody picks from more. */
const MAX_SESSIONS = 12;
const MAX_TRAININGS = 20;

export function statusLabel(t: Translate, e: Pick<EnrolmentView, "status" | "waitlistPosition">): string {
  return e.status === "waitlisted"
    ? t("trainings.status.waitlisted", { position: e.waitlistPosition ?? 1 })
    : t(`trainings.status.${e.status}`);
}

export function trainingLine(v: View, training: TrainingView): string {
  return v.t("trainings.line", {
    title: escapeMarkup(trainingTitle(training, v.locale)),
    kind: v.t(`trainings.kind.${training.kind}`),
    duration: formatDuration(v.t, training.durationMinutes),
  });
}

/** Where and with whom: the line under a session's time. */
export function sessionWhere(v: View, session: SessionView): string {
  const parts: string[] = [];
  if (session.place) parts.push(escapeMarkup(session.place));
  if (session.onlineUrl) parts.push(`[${v.t("trainings.sessions.online")}](${session.onlineUrl})`);
  if (session.trainer) parts.push(v.t("trainings.sessions.trainer", { name: escapeMarkup(session.trainer.name) }));
  return parts.join(" · ");
}

export function upcoming(sessions: readonly SessionView[], now: Date): SessionView[] {
  return sessions.filter((s) => !s.cancelledAt && s.startsAt.getTime() > now.getTime());
}

/** The button a session offers this reader: enrol, join the waitlist, or cancel what they hold. */
export function sessionButton(
  v: View,
  session: SessionView,
  mine: EnrolmentView | undefined,
  need?: string,
): CardAction {
  if (mine && (mine.status === "enrolled" || mine.status === "waitlisted")) {
    return trainingActions.cancel.button(v.t("trainings.buttons.cancel"), { enrolment: mine.id }, { style: "danger" });
  }
  const free = session.capacity - session.taken;
  const label = free > 0 ? v.t("trainings.buttons.enrol") : v.t("trainings.buttons.waitlist");
  return trainingActions.enrol.button(
    label,
    { session: session.id, need },
    free > 0 ? { style: "primary" } : undefined,
  );
}

export function sessionBlocks(
  v: View,
  session: SessionView,
  mine: EnrolmentView | undefined,
  options: { readonly need?: string; readonly button?: boolean } = {},
): Block[] {
  const free = Math.max(0, session.capacity - session.taken);
  const seats =
    free > 0
      ? v.t("trainings.sessions.seats", { free, capacity: session.capacity })
      : v.t("trainings.sessions.full", { waiting: session.waitlisted });
  const lines = [`**${formatWhen(session.startsAt, v.zone, v.locale)}**`, sessionWhere(v, session), seats];
  if (mine && mine.status !== "cancelled") {
    lines.push(v.t("trainings.sessions.yours", { status: statusLabel(v.t, mine) }));
  }
  const blocks: Block[] = [{ type: "text", text: lines.filter((l) => l !== "").join("\n") }];
  if (
    options.button !== false &&
    (!mine || mine.status === "enrolled" || mine.status === "waitlisted" || mine.status === "cancelled")
  ) {
    blocks.push({ type: "actions", actions: [sessionButton(v, session, mine, options.need)] });
  }
  return blocks;
}

/** `/training sessions <training>`: the upcoming sessions with seats and one button each. */
export function sessionsCard(
  v: View,
  training: TrainingView,
  sessions: readonly SessionView[],
  mine: readonly EnrolmentView[],
  notice?: string,
): Card {
  const title = trainingTitle(training, v.locale);
  const blocks: Block[] = [];
  if (notice) blocks.push({ type: "text", text: notice }, { type: "divider" });
  blocks.push({ type: "header", text: v.t("trainings.sessions.header", { title }) });
  blocks.push({ type: "context", text: trainingLine(v, training) });
  const open = upcoming(sessions, v.now);
  if (open.length === 0) blocks.push({ type: "text", text: v.t("trainings.sessions.none") });
  // With one seat per training, a person holding a seat in one session sees no enrol buttons elsewhere.
  const holding = mine.find(
    (e) =>
      e.trainingId === training.id && (e.status === "enrolled" || e.status === "waitlisted" || e.status === "attended"),
  );
  for (const session of open.slice(0, MAX_SESSIONS)) {
    const own = mine.find((e) => e.sessionId === session.id);
    blocks.push(...sessionBlocks(v, session, own, { button: !holding || holding.sessionId === session.id }));
  }
  return {
    summary: notice ? notice.replace(/\*\*/g, "") : v.t("trainings.sessions.header", { title }),
    blocks,
    ...(open.length > MAX_SESSIONS
      ? { overflow: { text: v.t("common.more", { count: open.length - MAX_SESSIONS }) } }
      : {}),
  };
}

export function catalogCard(v: View, trainings: readonly TrainingView[], unitNames: ReadonlyMap<string, string>): Card {
  const blocks: Block[] = [{ type: "header", text: v.t("trainings.catalog.header") }];
  if (trainings.length === 0) blocks.push({ type: "text", text: v.t("trainings.catalog.empty") });
  for (const training of trainings.slice(0, MAX_TRAININGS)) {
    const lines = [trainingLine(v, training)];
    if (training.criterionKeys.length > 0) {
      lines.push(v.t("trainings.catalog.criteria", { keys: escapeMarkup(training.criterionKeys.join(", ")) }));
    }
    const units = training.mandatoryUnitIds.map((id) => unitNames.get(id)).filter((n): n is string => !!n);
    if (units.length > 0) lines.push(v.t("trainings.catalog.mandatoryFor", { units: escapeMarkup(units.join(", ")) }));
    blocks.push(
      { type: "text", text: lines.join("\n") },
      {
        type: "actions",
        actions: [trainingActions.sessions.button(v.t("trainings.buttons.sessions"), { training: training.id })],
      },
    );
  }
  return {
    summary: v.t("trainings.catalog.header"),
    blocks,
    ...(trainings.length > MAX_TRAININGS
      ? { overflow: { text: v.t("common.more", { count: trainings.length - MAX_TRAININGS }) } }
      : {}),
  };
}

export interface MineEntry {
  readonly training: TrainingView;
  /** Why it is recommended: matched criteria, or who nominated. */
  readonly reason?: string;
}

export interface HeldSeat {
  readonly training: TrainingView;
  readonly session: SessionView;
  readonly enrolment: EnrolmentView;
}

/** `/training`: mandatory, recommended, enrolled and completed, with the next step as a button. */
export function mineCard(
  v: View,
  input: {
    readonly mandatory: readonly MineEntry[];
    readonly recommended: readonly MineEntry[];
    readonly held: readonly HeldSeat[];
    readonly completed: readonly HeldSeat[];
    readonly admin: boolean;
  },
): Card {
  const { t } = v;
  const blocks: Block[] = [{ type: "header", text: t("trainings.mine.header") }];
  const offer = (title: string, entries: readonly MineEntry[]) => {
    if (entries.length === 0) return;
    blocks.push({ type: "text", text: `**${title}**` });
    for (const entry of entries.slice(0, 8)) {
      const text = entry.reason
        ? `${trainingLine(v, entry.training)}\n_${entry.reason}_`
        : trainingLine(v, entry.training);
      blocks.push(
        { type: "text", text },
        {
          type: "actions",
          actions: [trainingActions.sessions.button(t("trainings.buttons.sessions"), { training: entry.training.id })],
        },
      );
    }
  };
  offer(t("trainings.mine.mandatory"), input.mandatory);
  offer(t("trainings.mine.recommended"), input.recommended);
  if (input.held.length > 0) {
    blocks.push({ type: "text", text: `**${t("trainings.mine.enrolled")}**` });
    for (const seat of input.held.slice(0, 8)) {
      blocks.push(
        {
          type: "text",
          text: `${trainingLine(v, seat.training)}\n${formatWhen(seat.session.startsAt, v.zone, v.locale)} · ${statusLabel(t, seat.enrolment)}\n${sessionWhere(v, seat.session)}`,
        },
        {
          type: "actions",
          actions: [
            trainingActions.cancel.button(
              t("trainings.buttons.cancel"),
              { enrolment: seat.enrolment.id },
              { style: "danger" },
            ),
          ],
        },
      );
    }
  }
  if (input.completed.length > 0) {
    blocks.push({
      type: "text",
      text: `**${t("trainings.mine.completed")}**\n${input.completed
        .map((c) => `✓ ${trainingLine(v, c.training)}`)
        .join("\n")}`,
    });
  }
  if (blocks.length === 1) blocks.push({ type: "text", text: t("trainings.mine.nothing") });
  blocks.push({ type: "context", text: t("trainings.mine.hint") });
  if (input.admin) blocks.push({ type: "context", text: t("trainings.mine.adminHint") });
  return { summary: t("trainings.mine.header"), blocks };
}

export interface CoverageRow {
  readonly unitId: string;
  readonly unitName: string;
  readonly people: number;
  readonly basicCompleted: number;
  readonly basicEnrolled: number;
  readonly basicPercent: number;
  readonly needs: number;
  readonly needsAddressed: number;
  readonly noShows: number;
}

export function coverageCard(t: Translate, unitName: string, rows: readonly CoverageRow[], hasBasic: boolean): Card {
  const blocks: Block[] = [{ type: "header", text: t("trainings.coverage.header", { unit: unitName }) }];
  if (!hasBasic) blocks.push({ type: "text", text: t("trainings.coverage.noBasic") });
  for (const row of rows.slice(0, 40)) {
    blocks.push({
      type: "progress",
      label: row.unitName,
      percent: row.basicPercent,
      note: t("trainings.coverage.row", {
        done: row.basicCompleted,
        people: row.people,
        percent: row.basicPercent,
        enrolled: row.basicEnrolled,
        addressed: row.needsAddressed,
        needs: row.needs,
        noShows: row.noShows,
      }),
    });
  }
  blocks.push({ type: "context", text: `${t("trainings.coverage.basic")} · ${t("trainings.coverage.privacy")}` });
  return { summary: t("trainings.coverage.header", { unit: unitName }), blocks };
}

/** The trainer's attendance list: one line and two buttons per participant. */
export function rosterCard(
  v: View,
  training: TrainingView,
  session: SessionView,
  entries: readonly { readonly enrolment: EnrolmentView; readonly name: string }[],
): Card {
  const title = trainingTitle(training, v.locale);
  const when = formatWhen(session.startsAt, v.zone, v.locale);
  const blocks: Block[] = [
    { type: "header", text: v.t("trainings.notice.rosterSummary", { title }) },
    { type: "text", text: v.t("trainings.notice.roster", { title: escapeMarkup(title), when }) },
  ];
  if (entries.length === 0) blocks.push({ type: "text", text: v.t("trainings.notice.rosterEmpty") });
  for (const { enrolment, name } of entries.slice(0, 23)) {
    blocks.push({
      type: "text",
      text: v.t("trainings.notice.marked", { name: escapeMarkup(name), status: statusLabel(v.t, enrolment) }),
    });
    blocks.push({
      type: "actions",
      actions: [
        trainingActions.attended.button(
          v.t("trainings.buttons.attended"),
          { enrolment: enrolment.id },
          { style: "primary" },
        ),
        trainingActions.noShow.button(v.t("trainings.buttons.noShow"), { enrolment: enrolment.id }),
      ],
    });
  }
  return { summary: v.t("trainings.notice.rosterSummary", { title }), blocks };
}
