import { DateTime } from "luxon";
import { dueReminders } from "../../src/core/goals/reminders.js";
import type { JobPayload } from "../definitions.js";
import type { ProcessorDeps } from "./deps.js";

/**
 * The goals.remind job id for one person and slot. Deterministic, so every scan (and every replica
 * running one) enqueues the same job; BullMQ ignores an add whose id exists. BullMQ 6 rejects ids
 * with more than two colons, hence the slot in basic ISO format (20261026T080000Z).
 */
export function remindJobId(personId: string, slot: Date): string {
  const compact = DateTime.fromJSDate(slot, { zone: "utc" }).toFormat("yyyyMMdd'T'HHmmss'Z'");
  return `goals.remind:${personId}:${compact}`;
}

/** The stable id of a tenant's hourly scan scheduler. */
export function remindersScanSchedulerId(tenantId: string): string {
  return `goals.reminders-scan:${tenantId}`;
}

/**
 * goals.reminders-scan: plans each owner's next nudge as a delayed goals.remind job. Idempotent: it
 * writes nothing but jobs with deterministic ids, and skips stale periods already nudged.
 */
export async function goalsRemindersScan(
  deps: ProcessorDeps,
  payload: JobPayload<"goals.reminders-scan">,
): Promise<{ planned: number }> {
  const tenant = await deps.tenants.settings(payload.tenantId);
  if (!tenant) {
    // The tenant was deleted; its scheduler would otherwise fire hourly forever.
    await deps.producer.queue.removeJobScheduler(remindersScanSchedulerId(payload.tenantId));
    deps.log.info({ tenantId: payload.tenantId }, "tenant is gone; removed its reminder scan");
    return { planned: 0 };
  }
  const measures = await deps.reminders.openMeasures(tenant.id);
  const ownerIds = [...new Set(measures.flatMap((m) => m.ownerIds))];
  const people = await deps.reminders.people(tenant.id, ownerIds);
  const now = deps.clock.now();
  const planned = dueReminders(measures, people, tenant, now);
  for (const reminder of planned) {
    await deps.producer.enqueue(
      "goals.remind",
      { tenantId: tenant.id, personId: reminder.personId, slot: reminder.slot.toISOString() },
      {
        jobId: remindJobId(reminder.personId, reminder.slot),
        delayMs: Math.max(0, reminder.slot.getTime() - now.getTime()),
      },
    );
  }
  deps.log.debug({ tenantId: tenant.id, measures: measures.length, planned: planned.length }, "reminders planned");
  return { planned: planned.length };
}
