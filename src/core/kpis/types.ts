/** Where a ticket came from; a re-import from another source updates the same ticket. */
export type TicketSource = "csv" | "webhook" | "zammad" | "demo";

/** One service-desk ticket as Kurs stores it: attached to an org unit, never to a person. */
export interface TicketInput {
  readonly ticketId: string;
  readonly unitId: string;
  readonly openedAt: Date;
  readonly firstResponseAt: Date | null;
  readonly resolvedAt: Date | null;
  readonly dueAt: Date | null;
  readonly reopenedCount: number;
  readonly status: string;
  readonly source: TicketSource;
}

export interface UpsertResult {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
}

/** How ticket data names a unit: its path ("Company/Area/Team") or a mapped service-desk group. */
export interface TicketTargets {
  readonly paths: ReadonlyMap<string, string>;
  readonly groups: ReadonlyMap<string, string>;
}

/** A unit and the units whose tickets count for it (itself and everything below). */
export interface UnitScope {
  readonly unitId: string;
  readonly memberIds: readonly string[];
}

/** Aggregates of one unit in one ISO week, straight from the database. */
export interface WeeklyAggregate {
  readonly unitId: string;
  /** ISO week, "2026-W05". */
  readonly week: string;
  readonly created: number;
  readonly resolved: number;
  readonly processingMedian: number | null;
  readonly processingP90: number | null;
  readonly firstResponseMedian: number | null;
  readonly resolvedWithDue: number;
  readonly resolvedOnTime: number;
  readonly resolvedFirstTime: number;
}

/** Tickets of one unit created and resolved before the first week asked for (for the backlog). */
export interface TicketTotalsBefore {
  readonly unitId: string;
  readonly createdBefore: number;
  readonly resolvedBefore: number;
}

export interface AggregateQuery {
  readonly tenantId: string;
  readonly units: readonly UnitScope[];
  /** Start of the first week (inclusive) and end of the last (exclusive), as instants. */
  readonly from: Date;
  readonly to: Date;
  readonly timezone: string;
}

export interface AggregateResult {
  readonly weeks: readonly WeeklyAggregate[];
  readonly before: readonly TicketTotalsBefore[];
}

export interface KpiSettings {
  /** Calendar date "YYYY-MM-DD", or null before a programme start is set. */
  readonly programmeStart: string | null;
  readonly baselineWeeks: number;
}

export const DEFAULT_BASELINE_WEEKS = 12;
/** Below this many resolved tickets in a week, rates are withheld (too few to mean anything, too close to a person). */
export const MIN_RESOLVED_FOR_RATES = 5;
