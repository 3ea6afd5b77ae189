import type { Queue } from "bullmq";
import { registry } from "../src/core/features.js";
import type { TenantInfo } from "../src/core/org/types.js";
import { DEFAULT_JOB_OPTIONS, type JobPayload } from "./definitions.js";
import { remindersScanSchedulerId } from "./processors/goals-reminders-scan.js";

interface Schedule {
  readonly id: string;
  readonly name: string;
  readonly pattern: string;
  readonly payload: unknown;
}

/** Recurring jobs per tenant; stable scheduler ids make every replica's upsert the same single schedule. */
export function tenantSchedules(tenant: TenantInfo, options: { slack: boolean }): Schedule[] {
  const schedules: Schedule[] = [];
  if (options.slack) {
    schedules.push({
      id: `org.link-identities:${tenant.id}`,
      name: "org.link-identities",
      // Nightly, outside working hours: new Slack accounts get linked before people start asking.
      pattern: "0 3 * * *",
      payload: { tenantId: tenant.id, platform: "slack" } satisfies JobPayload<"org.link-identities">,
    });
  }
  schedules.push({
    id: remindersScanSchedulerId(tenant.id),
    name: "goals.reminders-scan",
    // Hourly at half past, off the full hour of the 09:00 slots: a scan does not race the nudge it plans.
    pattern: "30 * * * *",
    payload: { tenantId: tenant.id } satisfies JobPayload<"goals.reminders-scan">,
  });
  // What the feature modules schedule (digests, nudge scans, …).
  for (const feature of registry.features) {
    for (const s of feature.schedules?.(tenant) ?? []) {
      schedules.push({ id: s.id, name: s.job, pattern: s.pattern, payload: s.payload });
    }
  }
  return schedules;
}

export async function upsertSchedules(queue: Queue, tenant: TenantInfo, schedules: readonly Schedule[]): Promise<void> {
  for (const schedule of schedules) {
    await queue.upsertJobScheduler(
      schedule.id,
      { pattern: schedule.pattern, tz: tenant.timezone },
      { name: schedule.name, data: schedule.payload, opts: { ...DEFAULT_JOB_OPTIONS } },
    );
  }
}
