import { z } from "zod/v4";
import type { ActionReply } from "../feature.js";
import { actionRef } from "../feature.js";
import type { Requester } from "../org/identify.js";
import { tenantNotSetUpCard } from "../programme/help.js";
import type { Services } from "../services.js";
import type { Block, Card } from "../ui/card.js";
import { type Translate, translator } from "../ui/i18n/index.js";
import { escapeMarkup } from "../ui/markup.js";
import type { Reply } from "../ui/reply.js";
import type { PollView } from "./types.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const POLL_MIN_OPTIONS = 2;
export const POLL_MAX_OPTIONS = 10;
const QUESTION_MAX = 300;
const OPTION_MAX = 75;
const LETTERS = "ABCDEFGHIJ";

export const pollActions = {
  // The answer's index is checked against the poll by the handler, after "no such poll".
  vote: actionRef("surveys.vote", z.object({ poll: z.guid(), o: z.string().max(64) })),
  close: actionRef("surveys.pollclose", z.object({ poll: z.guid() })),
  /** Teams' refresh: the card as it is now, for whoever opens it. */
  view: actionRef("surveys.pollview", z.object({ poll: z.guid() })),
} as const;

export type Tokens = { ok: true; tokens: string[] } | { ok: false };

const OPENING: Readonly<Record<string, string>> = { '"': '"', "„": "“", "“": "”", "«": "»" };

/** Splits `"Question" "A" B --quiz B` into words; quoted parts keep their spaces; an unclosed quote fails. */
export function tokenize(input: string): Tokens {
  const tokens: string[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i] ?? "";
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const close = OPENING[ch];
    if (close !== undefined) {
      const end = input.indexOf(close, i + 1);
      const alt = ch === '"' ? -1 : input.indexOf('"', i + 1);
      const stop = end >= 0 ? end : alt;
      if (stop < 0) return { ok: false };
      tokens.push(input.slice(i + 1, stop));
      i = stop + 1;
      continue;
    }
    let j = i;
    while (j < input.length && !/\s/.test(input[j] ?? "")) j++;
    const word = input.slice(i, j);
    if (word.includes('"')) return { ok: false };
    tokens.push(word);
    i = j;
  }
  return { ok: true, tokens };
}

export type PollSpec =
  | { ok: true; question: string; options: string[]; correct: number | null }
  | { ok: false; problem: "quotes" | "question" | "options" | "tooMany" | "long" | "duplicate" | "quiz" };

/** The poll a host typed: a question, 2 to 10 answers, and `--quiz X` (letter, number or the answer). */
export function parsePoll(args: string): PollSpec {
  const tokens = tokenize(args);
  if (!tokens.ok) return { ok: false, problem: "quotes" };
  const words = [...tokens.tokens];
  let quiz: string | undefined;
  const at = words.findIndex((w) => w === "--quiz" || w === "--quizz");
  if (at >= 0) {
    quiz = words[at + 1];
    if (quiz === undefined) return { ok: false, problem: "quiz" };
    words.splice(at, 2);
  }
  const [question = "", ...options] = words.map((w) => w.trim());
  if (question === "" || question.length > QUESTION_MAX) return { ok: false, problem: "question" };
  if (options.some((o) => o === "")) return { ok: false, problem: "options" };
  if (options.length < POLL_MIN_OPTIONS) return { ok: false, problem: "options" };
  if (options.length > POLL_MAX_OPTIONS) return { ok: false, problem: "tooMany" };
  if (options.some((o) => o.length > OPTION_MAX)) return { ok: false, problem: "long" };
  if (new Set(options.map((o) => o.toLowerCase())).size !== options.length) return { ok: false, problem: "duplicate" };
  let correct: number | null = null;
  if (quiz !== undefined) {
    const q = quiz.trim();
    const byLetter = q.length === 1 ? LETTERS.indexOf(q.toUpperCase()) : -1;
    const byNumber = /^\d+$/.test(q) ? Number(q) - 1 : -1;
    const byText = options.findIndex((o) => o.toLowerCase() === q.toLowerCase());
    correct = [byText, byLetter, byNumber].find((i) => i >= 0 && i < options.length) ?? -1;
    if (correct < 0) return { ok: false, problem: "quiz" };
  }
  return { ok: true, question, options, correct };
}

const text = (t: string): Card => ({ summary: t, blocks: [{ type: "text", text: t }] });

/**
 * The poll message is one message for the whole channel, so it speaks the organisation's language,
 * not that of whoever voted last.
 */
function channelT(requester: Requester): Translate {
  return requester.tenant ? translator(requester.tenant.defaultLocale, requester.tenant.formality) : requester.t;
}

export function pollCard(t: Translate, poll: PollView): Card {
  const total = poll.counts.reduce((a, b) => a + b, 0);
  const closed = poll.closedAt !== null;
  const blocks: Block[] = [{ type: "header", text: escapeMarkup(poll.question) }];
  poll.options.forEach((option, i) => {
    const n = poll.counts[i] ?? 0;
    const right = closed && poll.correct === i ? " ✓" : "";
    blocks.push({
      type: "progress",
      label: `${LETTERS[i] ?? "?"} · ${escapeMarkup(option)}${right}`,
      percent: total === 0 ? 0 : Math.round((n / total) * 100),
      note: t("surveys.poll.votes", { count: n }),
    });
  });
  blocks.push({
    type: "context",
    text: t(closed ? "surveys.poll.closedTotal" : "surveys.poll.total", { count: total }),
  });
  if (closed && poll.correct !== null) {
    const answer = `${LETTERS[poll.correct] ?? "?"} · ${escapeMarkup(poll.options[poll.correct] ?? "")}`;
    blocks.push({ type: "text", text: t("surveys.poll.correct", { answer }) });
  }
  if (!closed) {
    blocks.push({
      type: "actions",
      actions: poll.options.map((_, i) => pollActions.vote.button(LETTERS[i] ?? "?", { poll: poll.id, o: String(i) })),
    });
    blocks.push({
      type: "actions",
      actions: [pollActions.close.button(t("surveys.poll.close"), { poll: poll.id }, { style: "danger" })],
    });
  }
  return {
    summary: poll.question,
    blocks,
    ...(closed ? {} : { refresh: pollActions.view.button(t("surveys.poll.refresh"), { poll: poll.id }) }),
  };
}

/** `/survey poll "Question" "A" "B" ["C" …] [--quiz B]`: posts the poll to the channel it was typed in. */
export async function pollCommand(
  services: Services,
  requester: Requester,
  channel: string | undefined,
  args: string,
): Promise<Reply> {
  const { tenant, person, t } = requester;
  if (!tenant) return { kind: "card", card: tenantNotSetUpCard(t, requester.unbound) };
  if (!person) return { kind: "card", card: text(t("surveys.chat.notInOrg")) };
  const spec = parsePoll(args);
  if (!spec.ok)
    return {
      kind: "card",
      card: text(`${t(`surveys.poll.errors.${spec.problem}`, { max: POLL_MAX_OPTIONS })}\n${t("surveys.poll.usage")}`),
    };
  const poll = await services.surveys.createPoll({
    tenantId: tenant.id,
    hostId: person.id,
    question: spec.question,
    options: spec.options,
    correct: spec.correct,
    channel: channel ?? null,
  });
  return { kind: "card", card: pollCard(channelT(requester), poll), inChannel: true };
}

async function findPoll(services: Services, tenantId: string, id: string) {
  return UUID.test(id) ? services.surveys.poll(tenantId, id) : null;
}

/** A vote: the person's one vote, replacing an earlier one; the card with the new counts. */
export async function votePoll(
  services: Services,
  requester: Requester,
  pollId: string,
  option: string,
): Promise<Card> {
  const { tenant, person, t } = requester;
  if (!tenant) return tenantNotSetUpCard(t, requester.unbound);
  if (!person) return text(t("surveys.chat.notInOrg"));
  const poll = await findPoll(services, tenant.id, pollId);
  if (!poll) return text(t("surveys.poll.notFound"));
  const index = /^\d$/.test(option) ? Number(option) : -1;
  if (poll.closedAt === null && index >= 0 && index < poll.options.length)
    await services.surveys.vote(tenant.id, poll.id, person.id, index);
  return pollCard(channelT(requester), (await findPoll(services, tenant.id, pollId)) ?? poll);
}

/**
 * "Close": only the host; a quiz then reveals the right answer. Anyone else hears why on their own
 * (the shared message stays as it is).
 */
export async function closePoll(services: Services, requester: Requester, pollId: string): Promise<ActionReply> {
  const { tenant, person, t } = requester;
  if (!tenant) return { kind: "card", card: tenantNotSetUpCard(t, requester.unbound) };
  if (!person) return { kind: "card", card: text(t("surveys.chat.notInOrg")) };
  const poll = await findPoll(services, tenant.id, pollId);
  if (!poll) return { kind: "card", card: text(t("surveys.poll.notFound")) };
  if (poll.hostId !== person.id) return { kind: "card", card: text(t("surveys.poll.onlyHost")) };
  await services.surveys.closePoll(tenant.id, poll.id, services.clock.now());
  return { kind: "update", card: pollCard(channelT(requester), (await findPoll(services, tenant.id, pollId)) ?? poll) };
}

export async function viewPoll(services: Services, requester: Requester, pollId: string): Promise<Card> {
  const { tenant, t } = requester;
  if (!tenant) return tenantNotSetUpCard(t, requester.unbound);
  const poll = await findPoll(services, tenant.id, pollId);
  return poll ? pollCard(channelT(requester), poll) : text(t("surveys.poll.notFound"));
}
