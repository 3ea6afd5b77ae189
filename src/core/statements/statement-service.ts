import { KursError } from "../../errors.js";
import type { Requester } from "../org/identify.js";
import type { PersonProfile, PersonRef, TenantInfo } from "../org/types.js";
import type { Clock, JobQueue, Notifier, OrgRepository, StatementRepository, TenantRepository } from "../ports.js";
import { tenantNotSetUpCard } from "../programme/help.js";
import type { Card, FormValues } from "../ui/card.js";
import { formatList, type Translate, translator } from "../ui/i18n/index.js";
import { escapeMarkup } from "../ui/markup.js";
import type { Reply, SubmitOutcome } from "../ui/reply.js";
import { ackReport } from "./ack-report.js";
import { commentNoticeCard, reportCard, savedCard, statementCard, textCard } from "./statement-cards.js";
import {
  commentForm,
  localisedTitle,
  statementForm,
  statementValues,
  validateComment,
  validateStatementForm,
} from "./statement-form.js";
import type { StatementCommentView, StatementView } from "./types.js";

export interface StatementDeps {
  readonly statements: StatementRepository;
  readonly org: OrgRepository;
  readonly tenants: TenantRepository;
  readonly clock: Clock;
}

/** What the jobs need on top: a way to reach people. */
export interface StatementDeliveryDeps extends StatementDeps {
  readonly notifier: Notifier;
}

export type StatementReply = Reply;

export type StatementSubmitResult = SubmitOutcome<{ readonly statement: StatementView }>;

export type CommentSubmitResult = SubmitOutcome<{
  readonly comment: StatementCommentView;
  /** Whether the statement's author is to be told (not when they comment on their own statement). */
  readonly notifyAuthor: boolean;
}>;

/**
 * How long a claimed delivery row stays reserved for the attempt that claimed it. Longer than one
 * send normally takes (the Slack client waits out 429s inside the send); shorter than the job's
 * retries (JOB_OPTIONS: twelve attempts over hours), so a crashed attempt's row is taken over by a
 * retry within minutes. Workers compare it with their own clocks: seconds of skew do not matter.
 */
export const DELIVERY_LEASE_MS = 5 * 60 * 1000;

/** The words after `/kurs` (Slack) or `kurs` (Teams) that lead to statements. */
const STATEMENT_WORDS: ReadonlySet<string> = new Set(["statement", "statements"]);

export function isStatementWord(word: string): boolean {
  return STATEMENT_WORDS.has(word.toLowerCase());
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from buttons and form metadata come from the client: never let a forged one reach a uuid column. */
function isUuid(value: string | undefined): value is string {
  return value !== undefined && UUID.test(value);
}

const card = (c: Card): StatementReply => ({ kind: "card", card: c });

interface Member {
  readonly t: Translate;
  readonly tenant: TenantInfo;
  readonly person: PersonProfile;
}

/** The requester as a member of a set-up tenant, or the card that says why not. */
function member(requester: Requester): Member | Card {
  const { tenant, person, t } = requester;
  if (!tenant) return tenantNotSetUpCard(t);
  if (!person) return textCard(t("statements.notInOrg"));
  return { t, tenant, person };
}

function isMember(value: Member | Card): value is Member {
  return "person" in value;
}

export function isManagingDirector(person: { readonly roles: readonly { readonly role: string }[] }): boolean {
  return person.roles.some((r) => r.role === "managing_director");
}

function timezoneOf(person: { readonly timezone: string | null }, tenant: TenantInfo): string {
  return person.timezone ?? tenant.timezone;
}

/** Only the managing directors publish statements (SEED step 2); the refusal names them. */
async function refusal(deps: StatementDeps, m: Member): Promise<Card> {
  const directors = (await deps.org.people(m.tenant.id)).filter(isManagingDirector);
  const names = directors.map((p) => escapeMarkup(p.name));
  const who = names.length > 0 ? formatList(m.t, names) : m.t("statements.nobody");
  return textCard(m.t("statements.refused", { who, count: Math.max(1, names.length) }));
}

async function findStatement(deps: StatementDeps, tenantId: string, id: string | undefined) {
  return isUuid(id) ? deps.statements.get(tenantId, id) : null;
}

/** `/kurs statement [report]` (Slack) and `kurs statement [report]` (Teams). */
export async function statementCommand(
  deps: StatementDeps,
  requester: Requester,
  args: string,
): Promise<StatementReply> {
  const m = member(requester);
  if (!isMember(m)) return card(m);
  const word = args.trim().split(/\s+/, 1)[0]?.toLowerCase() ?? "";
  switch (word) {
    case "":
    case "new":
    case "neu":
      if (!isManagingDirector(m.person)) return card(await refusal(deps, m));
      return { kind: "form", form: statementForm(m.t) };
    case "report":
    case "bericht":
      return card(await statementReport(deps, m));
    default:
      return card(usage(m.t, args));
  }
}

function usage(t: Translate, args: string): Card {
  return {
    summary: t("statements.usage.summary"),
    blocks: [
      { type: "text", text: t("statements.usage.text", { args: escapeMarkup(args.trim().slice(0, 60)) }) },
      { type: "text", text: t("statements.usage.items") },
    ],
  };
}

/** The "Revise" button: the form again, filled with the latest version of the series. */
export async function openRevisionForm(
  deps: StatementDeps,
  requester: Requester,
  statementId: string | undefined,
): Promise<StatementReply> {
  const m = member(requester);
  if (!isMember(m)) return card(m);
  if (!isManagingDirector(m.person)) return card(await refusal(deps, m));
  const statement = await findStatement(deps, m.tenant.id, statementId);
  if (!statement) return card(textCard(m.t("statements.errors.notFound")));
  const latest = (await deps.statements.latestInSeries(m.tenant.id, statement.seriesId)) ?? statement;
  return { kind: "form", form: statementForm(m.t, statementValues(latest), undefined, latest) };
}

/**
 * Submit of the statement form. Re-checks the role (the form could be old or forged), validates,
 * and saves the statement as published: version 1 of a new series, or n+1 of the series named in
 * the metadata. Delivery is the caller's next step (the `statements.publish` job).
 */
export async function submitStatement(
  deps: StatementDeps,
  requester: Requester,
  metadata: string | undefined,
  values: FormValues,
): Promise<StatementSubmitResult> {
  const m = member(requester);
  if (!isMember(m)) return { kind: "refused", card: m };
  if (!isManagingDirector(m.person)) return { kind: "refused", card: await refusal(deps, m) };
  let revisionOf: StatementView | undefined;
  if (metadata !== undefined && metadata !== "") {
    revisionOf = isUuid(metadata)
      ? ((await deps.statements.latestInSeries(m.tenant.id, metadata)) ?? undefined)
      : undefined;
    if (!revisionOf) return { kind: "refused", card: textCard(m.t("statements.errors.notFound")) };
  }
  const result = validateStatementForm(m.t, values);
  if (!result.ok) {
    return { kind: "invalid", form: statementForm(m.t, values, result.errors, revisionOf), errors: result.errors };
  }
  const statement = await deps.statements.create({
    tenantId: m.tenant.id,
    seriesId: revisionOf?.seriesId ?? null,
    ...result.value,
    authorId: m.person.id,
    publishedAt: deps.clock.now(),
  });
  return { kind: "saved", statement, card: savedCard(m.t, statement) };
}

/**
 * "Read": records the acknowledgement (a second click changes nothing and keeps the first time)
 * and returns the statement card as this reader now sees it, with "✓ read on …" instead of the button.
 */
export async function acknowledgeStatement(
  deps: StatementDeps,
  requester: Requester,
  statementId: string | undefined,
): Promise<Card> {
  const m = member(requester);
  if (!isMember(m)) return m;
  const statement = await findStatement(deps, m.tenant.id, statementId);
  if (!statement) return textCard(m.t("statements.errors.notFound"));
  const ackedAt = await deps.statements.acknowledge(m.tenant.id, statement.id, m.person.id, deps.clock.now());
  return statementCard({
    t: m.t,
    statement,
    ackedAt,
    timezone: timezoneOf(m.person, m.tenant),
    canRevise: isManagingDirector(m.person),
  });
}

/** "Comment": the comment form for this statement. Anyone in the org may comment. */
export async function openCommentForm(
  deps: StatementDeps,
  requester: Requester,
  statementId: string | undefined,
): Promise<StatementReply> {
  const m = member(requester);
  if (!isMember(m)) return card(m);
  const statement = await findStatement(deps, m.tenant.id, statementId);
  if (!statement) return card(textCard(m.t("statements.errors.notFound")));
  return { kind: "form", form: commentForm(m.t, statement) };
}

/**
 * Submit of the comment form. Comments carry the commenter's name (the form says so) and go to the
 * statement's author: statements are meant to start a dialogue between leadership and everyone
 * else (SEED steps 2-4), and a comment nobody reads would teach people not to bother.
 */
export async function submitComment(
  deps: StatementDeps,
  requester: Requester,
  metadata: string | undefined,
  values: FormValues,
): Promise<CommentSubmitResult> {
  const m = member(requester);
  if (!isMember(m)) return { kind: "refused", card: m };
  const statement = await findStatement(deps, m.tenant.id, metadata);
  if (!statement) return { kind: "refused", card: textCard(m.t("statements.errors.notFound")) };
  const result = validateComment(m.t, values);
  if (!result.ok)
    return { kind: "invalid", form: commentForm(m.t, statement, values, result.errors), errors: result.errors };
  const comment = await deps.statements.addComment({
    tenantId: m.tenant.id,
    statementId: statement.id,
    personId: m.person.id,
    text: result.text,
    at: deps.clock.now(),
  });
  const notifyAuthor = statement.author.id !== m.person.id;
  const title = escapeMarkup(localisedTitle(statement, m.t));
  const text = notifyAuthor
    ? m.t("statements.comment.saved", { title, author: escapeMarkup(statement.author.name) })
    : m.t("statements.comment.savedOwn", { title });
  return {
    kind: "saved",
    comment,
    notifyAuthor,
    card: { summary: m.t("statements.comment.summary"), blocks: [{ type: "text", text }] },
  };
}

/** The acknowledgement report of the latest statement: directors see the company, area heads their area. */
async function statementReport(deps: StatementDeps, m: Member): Promise<Card> {
  const director = m.person.roles.find((r) => r.role === "managing_director");
  const areaHead = m.person.roles.find((r) => r.role === "area_head");
  const scope = director ?? areaHead;
  if (!scope) return textCard(m.t("statements.report.refused"));
  const statement = await deps.statements.latestPublished(m.tenant.id);
  if (!statement) return textCard(m.t("statements.report.noStatement"));
  const [units, people, tally] = await Promise.all([
    deps.org.units(m.tenant.id),
    deps.org.people(m.tenant.id),
    deps.statements.tally(m.tenant.id, statement.id),
  ]);
  // A director's role sits on the company unit; should it sit lower, the report still covers the company.
  const root = director ? (units.find((u) => u.parentId === null) ?? scope.unit) : scope.unit;
  const report = ackReport(units, people, tally, root.id);
  if (!report) return textCard(m.t("statements.report.noStatement"));
  return reportCard(m.t, statement, report, timezoneOf(m.person, m.tenant));
}

// ---------------------------------------------------------------------------------------------
// Jobs

function reachable(person: PersonRef): boolean {
  return person.slackUserId !== null || person.teamsAadObjectId !== null;
}

/**
 * `statements.publish`: one delivery per active person who has a chat account. `schedule` enqueues
 * the delivery job with a deterministic id, so running this twice schedules nobody twice.
 * Returns how many were scheduled, or null when the statement does not exist (any more).
 */
export async function fanOutStatement(
  deps: StatementDeps,
  tenantId: string,
  statementId: string,
  schedule: (personId: string) => Promise<void>,
): Promise<number | null> {
  const statement = await deps.statements.get(tenantId, statementId);
  if (!statement) return null;
  const people = (await deps.org.people(tenantId)).filter(reachable);
  for (const person of people) await schedule(person.id);
  return people.length;
}

export type DeliveryOutcome =
  /** Sent now. */
  | "sent"
  /** Sent now, but this attempt's lease had run out and another attempt took the row over meanwhile. */
  | "sent-lease-lost"
  /** An earlier attempt or a duplicate job sent it already. */
  | "already-sent"
  /** The person has no chat Kurs can reach yet (e.g. never opened Kurs in Teams); the row is released. */
  | "unreachable"
  /** Statement, tenant or person gone (deleted, deactivated). */
  | "skipped";

/**
 * `statements.deliver`: the statement card as one DM, in the recipient's language.
 *
 * Duplicates first collapse at enqueue: the job id is `statements.deliver:<statement>:<person>`, so a
 * second publish adds nothing while the first job is kept (a day after completion). What gets past
 * that (a later publish, a stalled job run twice) meets the row.
 *
 * Claim protocol (the StatementDelivery row, unique per statement and person, written BEFORE sending):
 * 1. Claim: insert the row with createdAt = now (the schema has no lease column, so createdAt is
 *    the claim's lease timestamp). If the insert wins, this attempt owns the send.
 * 2. Row exists with sentAt set: sent before, do nothing (a retried job or a duplicate publish).
 * 3. Row exists, sentAt empty, lease younger than DELIVERY_LEASE_MS: another attempt is sending (or
 *    died mid-send); throw DELIVERY_BUSY so the job is retried after its backoff.
 * 4. Row exists, sentAt empty, lease expired: take it over with a compare-and-set UPDATE on the
 *    lease timestamp; of two concurrent takers exactly one matches the WHERE.
 * 5. Send. On a send error the row is released (deleted, guarded by our lease) and the error is
 *    rethrown, so the retry sends again: nobody is skipped because a platform was briefly down.
 * 6. Record sentAt, again guarded by our lease.
 *
 * Failure window: if the process dies (or Postgres is unreachable) after the platform accepted the
 * message and before step 6 commits, the lease expires and a retry sends again: the one case of a
 * double DM, chosen over skipping the person, because a missed statement is worse than a repeated
 * one. Slack and Teams offer no idempotency key that could close this gap. A person linked on both
 * platforms whose second platform fails gets the first one again on retry (one row per person).
 */
export async function deliverStatement(
  deps: StatementDeliveryDeps,
  input: { readonly tenantId: string; readonly statementId: string; readonly personId: string },
): Promise<DeliveryOutcome> {
  const { tenantId, statementId, personId } = input;
  const [tenant, statement, person] = await Promise.all([
    deps.tenants.findById(tenantId),
    deps.statements.get(tenantId, statementId),
    deps.statements.recipient(tenantId, personId),
  ]);
  if (!tenant || !statement || !person) return "skipped";
  const claim = await deps.statements.claimDelivery(
    tenantId,
    statementId,
    personId,
    deps.clock.now(),
    DELIVERY_LEASE_MS,
  );
  if (claim.kind === "sent") return "already-sent";
  if (claim.kind === "busy") {
    throw new KursError(
      "DELIVERY_BUSY",
      `statement ${statementId} to person ${personId} is claimed by another attempt until ${claim.leaseUntil.toISOString()}`,
    );
  }
  const locale = person.locale ?? tenant.defaultLocale;
  const t = translator(locale, tenant.formality);
  const ackedAt = await deps.statements.ackedAt(tenantId, statementId, personId);
  const message = statementCard({
    t,
    statement,
    ackedAt,
    timezone: timezoneOf(person, tenant),
    canRevise: isManagingDirector(person),
  });
  const release = () =>
    // If even the release fails, the lease runs out and a retry takes the row over.
    deps.statements.releaseDelivery(tenantId, statementId, personId, claim.claimedAt).catch(() => undefined);
  let receipts: readonly unknown[];
  try {
    receipts = await deps.notifier.sendDirect(
      tenantId,
      { id: person.id, slackUserId: person.slackUserId, teamsAadObjectId: person.teamsAadObjectId, locale },
      message,
    );
  } catch (err) {
    await release();
    throw err;
  }
  if (receipts.length === 0) {
    await release();
    return "unreachable";
  }
  const recorded = await deps.statements.markDelivered(
    tenantId,
    statementId,
    personId,
    claim.claimedAt,
    deps.clock.now(),
  );
  return recorded ? "sent" : "sent-lease-lost";
}

/**
 * `statements.notify-comment`: tells the author about a comment, in the author's language. At least
 * once: a job retried after a crash between send and completion repeats the notice, which the
 * deterministic job id keeps to that one case.
 */
export async function notifyCommentAuthor(
  deps: StatementDeliveryDeps,
  input: { readonly tenantId: string; readonly commentId: string },
): Promise<"sent" | "unreachable" | "skipped"> {
  const comment = await deps.statements.getComment(input.tenantId, input.commentId);
  if (!comment) return "skipped";
  const [tenant, statement] = await Promise.all([
    deps.tenants.findById(input.tenantId),
    deps.statements.get(input.tenantId, comment.statementId),
  ]);
  if (!tenant || !statement || statement.author.id === comment.person.id) return "skipped";
  const author = await deps.statements.recipient(input.tenantId, statement.author.id);
  if (!author) return "skipped";
  const locale = author.locale ?? tenant.defaultLocale;
  const t = translator(locale, tenant.formality);
  const receipts = await deps.notifier.sendDirect(
    input.tenantId,
    { id: author.id, slackUserId: author.slackUserId, teamsAadObjectId: author.teamsAadObjectId, locale },
    commentNoticeCard(t, statement, comment, timezoneOf(author, tenant)),
  );
  return receipts.length > 0 ? "sent" : "unreachable";
}

/**
 * Deterministic job ids: a duplicate enqueue collapses onto the existing job. BullMQ allows ":" in a
 * custom id only as exactly three parts, hence name:scope:id.
 */
export const statementJobIds = {
  publish: (tenantId: string, statementId: string) => `statements.publish:${tenantId}:${statementId}`,
  deliver: (statementId: string, personId: string) => `statements.deliver:${statementId}:${personId}`,
  notifyComment: (tenantId: string, commentId: string) => `statements.notify-comment:${tenantId}:${commentId}`,
} as const;

/** Starts the fan-out of a saved statement; enqueueing it again is harmless (same job id). */
export function enqueueStatementPublish(jobs: JobQueue, statement: StatementView): Promise<void> {
  return jobs.add({
    name: "statements.publish",
    payload: { tenantId: statement.tenantId, statementId: statement.id },
    jobId: statementJobIds.publish(statement.tenantId, statement.id),
  });
}

/** Tells the statement's author about a comment, from a job: the author may be on another platform. */
export function enqueueCommentNotice(jobs: JobQueue, comment: StatementCommentView): Promise<void> {
  return jobs.add({
    name: "statements.notify-comment",
    payload: { tenantId: comment.tenantId, commentId: comment.id },
    jobId: statementJobIds.notifyComment(comment.tenantId, comment.id),
  });
}
