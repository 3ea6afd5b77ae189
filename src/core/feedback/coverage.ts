import type { PersonRef, UnitNode } from "../org/types.js";
import type { Campaign, FeedbackPerson, TalkView } from "./types.js";

export interface LeaderCoverage {
  readonly done: readonly FeedbackPerson[];
  readonly scheduled: readonly FeedbackPerson[];
  readonly missing: readonly FeedbackPerson[];
}

/** Talks count from the campaign's start; without a campaign, every talk counts. */
function counts(talk: TalkView, campaign: Campaign | null): boolean {
  return !campaign || talk.startsAt.toISOString().slice(0, 10) >= campaign.startDate;
}

export type TalkStatus = "done" | "scheduled" | "missing";

/** Done once a record is confirmed; scheduled while a talk waits to be held or confirmed. */
export function statusOf(personId: string, talks: readonly TalkView[], campaign: Campaign | null): TalkStatus {
  const own = talks.filter((t) => t.employeeId === personId && t.state !== "cancelled" && counts(t, campaign));
  if (own.some((t) => t.state === "confirmed")) return "done";
  return own.length > 0 ? "scheduled" : "missing";
}

/** The leader's direct reports (Person.managerId), by status. */
export function coverageOfLeader(
  leaderId: string,
  people: readonly FeedbackPerson[],
  talks: readonly TalkView[],
  campaign: Campaign | null,
): LeaderCoverage {
  const reports = people.filter((p) => p.managerId === leaderId);
  const by = (s: TalkStatus) => reports.filter((p) => statusOf(p.id, talks, campaign) === s);
  return { done: by("done"), scheduled: by("scheduled"), missing: by("missing") };
}

export interface UnitCoverage {
  readonly unit: UnitNode;
  /** Share of the unit's people (with a leader to talk to) whose talk is done, 0–100; null when nobody. */
  readonly percent: number | null;
}

/**
 * Per unit below (and including) the given roots: the percentage of talks done, nothing more.
 * A person counts in the units where they hold a role and in every unit above them; people without
 * a manager (the top) have nobody to hold their talk and are not counted.
 */
export function unitCoverage(
  roots: readonly string[],
  units: readonly UnitNode[],
  orgPeople: readonly PersonRef[],
  people: readonly FeedbackPerson[],
  talks: readonly TalkView[],
  campaign: Campaign | null,
): UnitCoverage[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const ancestors = (unitId: string): string[] => {
    const chain: string[] = [];
    let current = byId.get(unitId);
    while (current && !chain.includes(current.id)) {
      chain.push(current.id);
      current = current.parentId ? byId.get(current.parentId) : undefined;
    }
    return chain;
  };
  const managed = new Set(people.filter((p) => p.managerId !== null).map((p) => p.id));
  const totals = new Map<string, { all: number; done: number }>();
  for (const person of orgPeople) {
    if (!managed.has(person.id)) continue;
    const done = statusOf(person.id, talks, campaign) === "done";
    const inUnits = new Set(person.roles.flatMap((r) => ancestors(r.unitId)));
    for (const unitId of inUnits) {
      const total = totals.get(unitId) ?? { all: 0, done: 0 };
      totals.set(unitId, { all: total.all + 1, done: total.done + (done ? 1 : 0) });
    }
  }
  const inScope = units.filter((u) => ancestors(u.id).some((id) => roots.includes(id)));
  return inScope
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((unit) => {
      const total = totals.get(unit.id);
      return { unit, percent: total && total.all > 0 ? Math.round((100 * total.done) / total.all) : null };
    });
}
