import { platformsOf } from "../goals/reminder-delivery.js";
import type { Requester } from "../org/identify.js";
import type { PersonProfile, PersonRef, TenantInfo } from "../org/types.js";
import type {
  Clock,
  DeliveryRenderer,
  DeliveryTarget,
  OrgRepository,
  StatementRepository,
  TenantRepository,
} from "../ports.js";
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

export type StatementReply = Reply;

export type StatementSubmitResult = SubmitOutcome<{
  readonly statement: StatementView;
  /** The outbox rows written with it, for the fast path that enqueues them after the commit. */
  readonly deliveryIds: readonly string[];
}>;

/** The outbox purpose of a statement DM; the subject is the statement's id. */
export const STATEMENT_PURPOSE = "statements.statement";
/** The outbox purpose of the notice to a statement's author about a comment; the subject is the comment's id. */
export const COMMENT_PURPOSE = "statements.comment";

export type CommentSubmitResult = SubmitOutcome<{
  readonly comment: StatementCommentView;
  /** The outbox rows of the author's notice, written with the comment. */
  readonly deliveryIds: readonly string[];
  /** Whether the statement's author is to be told (not when they comment on their own statement). */
  readonly notifyAuthor: boolean;
}>;

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
  if (!tenant) return tenantNotSetUpCard(t, requester.unbound);
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
 * the metadata, together with one outbox row per reachable person and platform (same transaction:
 * a saved statement is never left without its deliveries). Enqueueing them is the caller's next step.
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
  const now = deps.clock.now();
  const { statement, deliveryIds } = await deps.statements.publish(
    {
      tenantId: m.tenant.id,
      seriesId: revisionOf?.seriesId ?? null,
      ...result.value,
      authorId: m.person.id,
      publishedAt: now,
    },
    { purpose: STATEMENT_PURPOSE, targets: statementTargets(await deps.org.people(m.tenant.id)), notBefore: now },
  );
  return { kind: "saved", statement, deliveryIds, card: savedCard(m.t, statement) };
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
  const notifyAuthor = statement.author.id !== m.person.id;
  const author = notifyAuthor ? await deps.statements.recipient(m.tenant.id, statement.author.id) : null;
  const now = deps.clock.now();
  const { comment, deliveryIds } = await deps.statements.addComment(
    { tenantId: m.tenant.id, statementId: statement.id, personId: m.person.id, text: result.text, at: now },
    author ? { purpose: COMMENT_PURPOSE, targets: statementTargets([author]), notBefore: now } : undefined,
  );
  const title = escapeMarkup(localisedTitle(statement, m.t));
  const text = notifyAuthor
    ? m.t("statements.comment.saved", { title, author: escapeMarkup(statement.author.name) })
    : m.t("statements.comment.savedOwn", { title });
  return {
    kind: "saved",
    comment,
    deliveryIds,
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

/** One outbox row per active person and platform they are linked to. */
export function statementTargets(people: readonly PersonRef[]): DeliveryTarget[] {
  return people.flatMap((person) => platformsOf(person).map((platform) => ({ personId: person.id, platform })));
}

/**
 * `statements.statement`: the statement card for one person, in their language, built when it is
 * sent (so a reader who acknowledged meanwhile, e.g. on the other platform, sees "read").
 */
export function statementRenderer(deps: StatementDeps): DeliveryRenderer {
  return {
    async render(request) {
      const [tenant, statement, person] = await Promise.all([
        deps.tenants.findById(request.tenantId),
        isUuid(request.subject) ? deps.statements.get(request.tenantId, request.subject) : null,
        deps.statements.recipient(request.tenantId, request.personId),
      ]);
      if (!tenant || !statement || !person) return { kind: "cancel", reason: "statement, tenant or person gone" };
      const locale = person.locale ?? tenant.defaultLocale;
      const t = translator(locale, tenant.formality);
      const ackedAt = await deps.statements.ackedAt(request.tenantId, statement.id, person.id);
      return {
        kind: "message",
        locale,
        card: statementCard({
          t,
          statement,
          ackedAt,
          timezone: timezoneOf(person, tenant),
          canRevise: isManagingDirector(person),
        }),
      };
    },
  };
}

/**
 * `statements.comment`: tells the author about a comment, in the author's language, built when it
 * is sent. One row per platform the author is on, like every outbox delivery.
 */
export function commentRenderer(deps: StatementDeps): DeliveryRenderer {
  return {
    async render(request) {
      const comment = isUuid(request.subject)
        ? await deps.statements.getComment(request.tenantId, request.subject)
        : null;
      if (!comment) return { kind: "cancel", reason: "comment gone" };
      const [tenant, statement, author] = await Promise.all([
        deps.tenants.findById(request.tenantId),
        deps.statements.get(request.tenantId, comment.statementId),
        deps.statements.recipient(request.tenantId, request.personId),
      ]);
      if (!tenant || !statement || !author || statement.author.id !== author.id) {
        return { kind: "cancel", reason: "statement, tenant or author gone" };
      }
      const locale = author.locale ?? tenant.defaultLocale;
      const t = translator(locale, tenant.formality);
      return {
        kind: "message",
        locale,
        card: commentNoticeCard(t, statement, comment, timezoneOf(author, tenant)),
      };
    },
  };
}
