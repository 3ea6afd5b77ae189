import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import type { TicketRepository } from "../ports.js";
import {
  checkTicket,
  type RawTicket,
  REQUIRED_TICKET_COLUMNS,
  TICKET_CSV_COLUMNS,
  type TicketColumn,
  type TicketProblem,
} from "./ticket-fields.js";
import type { TicketInput, TicketTargets, UpsertResult } from "./types.js";

export interface ImportTicketsOptions {
  readonly tenantId: string;
  readonly timezone: string;
  /** Any bad row imports nothing: the file is read twice, checked first, then imported. */
  readonly strict: boolean;
  readonly batchSize?: number;
  /** Called with every bad row as it is found, so a file with many keeps memory flat. */
  readonly onProblem?: (problem: TicketProblem) => void;
  /** Called after every batch with the rows read so far. */
  readonly onProgress?: (rows: number) => void;
}

export interface TicketImportOutcome {
  readonly rows: number;
  readonly badRows: number;
  /** True when --strict found a bad row (or the header is wrong) and nothing was written. */
  readonly aborted: boolean;
  readonly result: UpsertResult;
}

const DEFAULT_BATCH = 5000;

/**
 * Streams a ticket CSV into the database in batches, upserting by ticket_id: importing the same
 * file again changes nothing. `open` is called once, or twice with `strict` (check, then import).
 */
export async function importTickets(
  tickets: TicketRepository,
  open: () => Readable,
  options: ImportTicketsOptions,
): Promise<TicketImportOutcome> {
  const targets = await tickets.targets(options.tenantId);
  if (options.strict) {
    const checked = await readTickets(open(), targets, options, null);
    if (checked.badRows > 0 || checked.aborted) return { ...checked, aborted: true };
  }
  return readTickets(open(), targets, options, tickets);
}

async function readTickets(
  input: Readable,
  targets: TicketTargets,
  options: ImportTicketsOptions,
  write: TicketRepository | null,
): Promise<TicketImportOutcome> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const report = options.onProblem ?? (() => undefined);
  const totals = { inserted: 0, updated: 0, unchanged: 0 };
  let rows = 0;
  let badRows = 0;
  let columns: (TicketColumn | null)[] | null = null;
  // Last row wins within a batch, as it does across batches (a later upsert overwrites).
  let batch = new Map<string, TicketInput>();
  let pending: Promise<void> | null = null;

  const flush = async (items: TicketInput[]): Promise<void> => {
    if (!write || items.length === 0) return;
    const r = await write.upsertTickets(options.tenantId, items);
    totals.inserted += r.inserted;
    totals.updated += r.updated;
    totals.unchanged += r.unchanged;
  };

  const parser = input.pipe(
    parse({ bom: true, delimiter: [",", ";"], info: true, relax_column_count: true, skip_empty_lines: true }),
  );
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = item.info.lines;
      if (columns === null) {
        const header = checkHeader(item.record, line);
        if (!header.ok) {
          for (const p of header.problems) report(p);
          input.destroy();
          return { rows: 0, badRows: 1, aborted: true, result: totals };
        }
        columns = header.columns;
        continue;
      }
      rows++;
      const raw: RawTicket = {};
      for (let i = 0; i < columns.length; i++) {
        const column = columns[i];
        if (column) raw[column] = item.record[i];
      }
      const checked = checkTicket(raw, line, { targets, timezone: options.timezone, source: "csv" });
      if (!checked.ok) {
        badRows++;
        for (const p of checked.problems) report(p);
        continue;
      }
      batch.set(checked.ticket.ticketId, checked.ticket);
      if (batch.size >= batchSize) {
        const items = [...batch.values()];
        batch = new Map();
        // One batch in flight while the next is parsed; awaiting it here is the backpressure.
        await pending;
        pending = flush(items);
        // Marked handled now; the await above (next batch) or below rethrows it.
        pending.catch(() => undefined);
        options.onProgress?.(rows);
      }
    }
  } catch (err) {
    const line = typeof err === "object" && err !== null && "lines" in err ? Number(err.lines) : rows + 1;
    const detail = err instanceof Error ? err.message : String(err);
    report({ line, code: "syntax", params: { detail } });
    badRows++;
    await pending;
    return { rows, badRows, aborted: write === null, result: totals };
  }
  await pending;
  await flush([...batch.values()]);
  options.onProgress?.(rows);
  if (columns === null) {
    report({ line: 1, code: "missing_columns", params: { columns: REQUIRED_TICKET_COLUMNS.join(", ") } });
    return { rows: 0, badRows: 1, aborted: true, result: totals };
  }
  return { rows, badRows, aborted: false, result: totals };
}

function checkHeader(
  record: readonly string[],
  line: number,
): { ok: true; columns: (TicketColumn | null)[] } | { ok: false; problems: TicketProblem[] } {
  const names = record.map((c) => c.trim().toLowerCase());
  const known = new Set<string>(TICKET_CSV_COLUMNS);
  const unknown = names.filter((n) => n !== "" && !known.has(n));
  const missing = REQUIRED_TICKET_COLUMNS.filter((c) => !names.includes(c));
  const problems: TicketProblem[] = [];
  if (missing.length > 0) problems.push({ line, code: "missing_columns", params: { columns: missing.join(", ") } });
  if (unknown.length > 0) problems.push({ line, code: "unknown_columns", params: { columns: unknown.join(", ") } });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, columns: names.map((n) => (known.has(n) ? (n as TicketColumn) : null)) };
}
