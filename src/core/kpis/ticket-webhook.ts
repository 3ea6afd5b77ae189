import type { TicketRepository } from "../ports.js";
import { checkTicket, type RawTicket, TICKET_CSV_COLUMNS, type TicketProblem } from "./ticket-fields.js";
import type { TicketInput, TicketSource, UpsertResult } from "./types.js";

/** How far a signed request's timestamp may be from now before it counts as a replay. */
export const WEBHOOK_TOLERANCE_MS = 5 * 60_000;
/** More tickets than this in one request are refused; send several requests. */
export const WEBHOOK_MAX_BATCH = 5000;

export type WebhookBody =
  | { readonly ok: true; readonly tickets: readonly RawTicket[] }
  | { readonly ok: false; readonly reason: string };

/** Kurs's own format: one ticket, an array of tickets, or `{ "tickets": [...] }`, with the CSV's field names. */
export function readKursBody(body: unknown): WebhookBody {
  const list = Array.isArray(body)
    ? body
    : isObject(body) && Array.isArray(body.tickets)
      ? body.tickets
      : isObject(body)
        ? [body]
        : null;
  if (!list || list.length === 0) return { ok: false, reason: "expected a ticket object or a non-empty array" };
  if (list.length > WEBHOOK_MAX_BATCH) return { ok: false, reason: `at most ${WEBHOOK_MAX_BATCH} tickets per request` };
  const tickets: RawTicket[] = [];
  for (const item of list) {
    if (!isObject(item)) return { ok: false, reason: "every ticket must be an object" };
    const raw: RawTicket = {};
    for (const column of TICKET_CSV_COLUMNS) raw[column] = text(item[column]);
    tickets.push(raw);
  }
  return { ok: true, tickets };
}

const ZAMMAD_CLOSED = new Set(["closed", "merged", "removed"]);

/**
 * Zammad's webhook (its default payload: `{ ticket: {...}, article: {...} }`). The group name is
 * the team_path (map it with `kurs tenant --map-group`); a ticket counts as resolved while its
 * state is closed. Zammad sends no reopen count, so its tickets count as not reopened.
 */
export function readZammadBody(body: unknown): WebhookBody & { updatedAt?: Date | null } {
  if (!isObject(body) || !isObject(body.ticket)) return { ok: false, reason: "expected Zammad's { ticket: {...} }" };
  const t = body.ticket;
  const state = isObject(t.state) ? text(t.state.name) : text(t.state);
  const group = isObject(t.group) ? text(t.group.name) : text(t.group);
  const closed = state !== undefined && ZAMMAD_CLOSED.has(state.toLowerCase());
  const updated = text(t.updated_at);
  return {
    ok: true,
    updatedAt: updated ? new Date(updated) : null,
    tickets: [
      {
        ticket_id: text(t.number) ?? text(t.id),
        team_path: group,
        created_at: text(t.created_at),
        first_response_at: text(t.first_response_at),
        resolved_at: closed ? text(t.close_at) : undefined,
        due_at: text(t.close_escalation_at),
        reopened_count: undefined,
        status: state,
      },
    ],
  };
}

export type IngestOutcome =
  | { readonly ok: true; readonly result: UpsertResult }
  | { readonly ok: false; readonly problems: readonly TicketProblem[] };

/** Checks every ticket first; one bad ticket and the request changes nothing. */
export async function ingestTickets(
  tickets: TicketRepository,
  tenant: { readonly id: string; readonly timezone: string },
  raws: readonly RawTicket[],
  source: TicketSource,
): Promise<IngestOutcome> {
  const targets = await tickets.targets(tenant.id);
  const good = new Map<string, TicketInput>();
  const problems: TicketProblem[] = [];
  raws.forEach((raw, index) => {
    const checked = checkTicket(raw, index + 1, { targets, timezone: tenant.timezone, source });
    if (checked.ok) good.set(checked.ticket.ticketId, checked.ticket);
    else problems.push(...checked.problems);
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, result: await tickets.upsertTickets(tenant.id, [...good.values()]) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}
