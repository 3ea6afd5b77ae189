import { reminderPlan } from "../../src/core/goals/reminder-delivery.js";
import { dueReminders, staleSince } from "../../src/core/goals/reminders.js";
import type { DeliveryJob } from "../../src/queue/job-producer.js";
import type { JobPayload } from "../definitions.js";
import type { ProcessorDeps } from "./deps.js";

/** The stable id of a tenant's hourly scan scheduler. */
export function remindersScanSchedulerId(tenantId: string): string {
  return `goals.reminders-scan:${tenantId}`;
}

/**
 * goals.reminders-scan: plans each owner's next nudge as outbox rows due at the 09:00 slot (one per
 * platform), and enqueues them as delayed delivery jobs so they go out on the minute. Idempotent:
 * the rows are unique per person, slot and platform, and measures already planned or nudged in
 * their stale period are skipped. If Redis drops the delayed jobs, the sweep still finds the rows.
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
  const staleSinceOf = new Map(measures.map((m) => [m.id, staleSince(m)]));
  const ownerIds = [...new Set(measures.flatMap((m) => m.ownerIds))];
  const people = await deps.reminders.people(tenant.id, ownerIds);
  const byId = new Map(people.map((p) => [p.id, p]));
  const now = deps.clock.now();
  const jobs: DeliveryJob[] = [];
  let planned = 0;
  for (const reminder of dueReminders(measures, people, tenant, now)) {
    const person = byId.get(reminder.personId);
    if (!person) continue;
    const ids = await deps.deliveries.plan(tenant.id, reminderPlan(reminder, person, staleSinceOf));
    if (ids.length > 0) planned += 1;
    const delayMs = Math.max(0, reminder.slot.getTime() - now.getTime());
    for (const deliveryId of ids) jobs.push({ tenantId: tenant.id, deliveryId, delayMs });
  }
  await deps.producer.enqueueDeliveries(jobs);
  deps.log.debug({ tenantId: tenant.id, measures: measures.length, planned }, "reminders planned");
  return { planned };
}
