import { DateTime } from "luxon";
import type { Platform } from "../org/types.js";
import type {
  Clock,
  DeliveryPlan,
  DeliveryRenderer,
  DeliveryTarget,
  JsonObject,
  ReminderRepository,
  TenantRepository,
} from "../ports.js";
import { translator } from "../ui/i18n/index.js";
import {
  isTooLate,
  type PlannedReminder,
  type ReminderPerson,
  reminderCard,
  remindersAt,
  zoneOf,
} from "./reminders.js";

/** The outbox purpose of check-in nudges: one message per person, platform and 09:00 slot. */
export const REMINDER_PURPOSE = "goals.reminder";

/** The subject of a person's nudge at `slot`, e.g. "slot-20261026T080000Z". */
export function reminderSubject(slot: Date): string {
  return `slot-${DateTime.fromJSDate(slot, { zone: "utc" }).toFormat("yyyyMMdd'T'HHmmss'Z'")}`;
}

export function platformsOf(person: {
  readonly slackUserId: string | null;
  readonly teamsAadObjectId: string | null;
}): Platform[] {
  const platforms: Platform[] = [];
  if (person.slackUserId) platforms.push("slack");
  if (person.teamsAadObjectId) platforms.push("teams");
  return platforms;
}

export interface ReminderItem {
  readonly goalId: string;
  readonly staleSince: Date;
}

function itemsPayload(items: readonly ReminderItem[]): JsonObject {
  return { items: items.map((i) => ({ goalId: i.goalId, staleSince: i.staleSince.toISOString() })) };
}

/** Reads the measures a reminder row planned or sent, from its payload; garbage yields nothing. */
export function reminderItems(payload: JsonObject | null): ReminderItem[] {
  const items = payload?.items;
  if (!Array.isArray(items)) return [];
  return items.flatMap((item: unknown) => {
    if (typeof item !== "object" || item === null) return [];
    const goalId = Reflect.get(item, "goalId");
    const since = Reflect.get(item, "staleSince");
    if (typeof goalId !== "string" || typeof since !== "string") return [];
    const staleSince = new Date(since);
    return Number.isNaN(staleSince.getTime()) ? [] : [{ goalId, staleSince }];
  });
}

/**
 * The outbox rows of one planned nudge: one per platform the person is on, due at the 09:00 slot.
 * The payload names the measures it is planned for, so the next scan does not plan them again;
 * what the message lists is decided when it is sent.
 */
export function reminderPlan(
  reminder: PlannedReminder,
  person: ReminderPerson,
  staleSinceOf: ReadonlyMap<string, Date>,
): DeliveryPlan {
  const targets: DeliveryTarget[] = platformsOf(person).map((platform) => ({ personId: person.id, platform }));
  const items = reminder.goalIds.flatMap((goalId) => {
    const staleSince = staleSinceOf.get(goalId);
    return staleSince ? [{ goalId, staleSince }] : [];
  });
  return {
    purpose: REMINDER_PURPOSE,
    subject: reminderSubject(reminder.slot),
    targets,
    notBefore: reminder.slot,
    payload: itemsPayload(items),
  };
}

export interface ReminderRenderDeps {
  readonly tenants: TenantRepository;
  readonly reminders: ReminderRepository;
  readonly clock: Clock;
}

/**
 * `goals.reminder`: re-reads the person's measures when the nudge is sent, so a check-in since the
 * scan drops that measure (and a nudge with nothing left is cancelled). Judged at the slot, not at
 * the worker's clock. A slot missed by more than the tolerance (the service was down) is cancelled:
 * the next scan plans the next working day's 09:00 instead of nudging at a random hour.
 */
export function reminderRenderer(deps: ReminderRenderDeps): DeliveryRenderer {
  return {
    async render(request) {
      const slot = request.notBefore;
      if (isTooLate(slot, deps.clock.now()))
        return { kind: "cancel", reason: "late: slot passed, left to the next scan" };
      const [tenant, people] = await Promise.all([
        deps.tenants.settings(request.tenantId),
        deps.reminders.people(request.tenantId, [request.personId]),
      ]);
      const person = people[0];
      if (!tenant || !person) return { kind: "cancel", reason: "tenant or person gone" };
      const measures = await deps.reminders.openMeasures(tenant.id, person.id, request.subject);
      const due = remindersAt(measures, person, tenant, slot);
      if (due.length === 0) return { kind: "cancel", reason: "nothing due: checked in since it was planned" };
      const locale = person.locale ?? tenant.defaultLocale;
      return {
        kind: "message",
        card: reminderCard(translator(locale, tenant.formality), due, zoneOf(person, tenant)),
        locale,
        record: itemsPayload(due.map((d) => ({ goalId: d.measure.id, staleSince: d.staleSince }))),
      };
    },
  };
}
