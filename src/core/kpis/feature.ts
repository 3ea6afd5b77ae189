import { z } from "zod/v4";
import { type Feature, job } from "../feature.js";
import { DIGEST_JOB, DIGEST_PURPOSE, planWeeklyDigest, renderDigest, updateKpiGoals } from "./digest.js";
import { kpiChatCommand } from "./kpi-chat.js";

/** Monday 08:00 in the tenant's time zone (the schedule runs with tenant.timezone). */
export const DIGEST_CRON = "0 8 * * 1";

/** Service KPIs (SEED step 10) in chat: `/kpi`, `/kpi <metric> [unit]` and the weekly digest. */
export const kpisFeature: Feature = {
  name: "kpis",
  commands: [
    {
      command: "kpi",
      description: "commands.kpi",
      run: (ctx, args) => kpiChatCommand(ctx, args),
    },
  ],
  jobs: [
    job({
      name: DIGEST_JOB,
      schema: z.object({ tenantId: z.uuid() }),
      run: async (services, payload) => {
        await updateKpiGoals(services, payload.tenantId);
        const ids = await planWeeklyDigest(services, payload.tenantId);
        if (ids.length > 0) await services.jobs.dispatchDeliveries(payload.tenantId, ids);
        return { planned: ids.length };
      },
    }),
  ],
  schedules: (tenant) => [
    { id: `${DIGEST_JOB}:${tenant.id}`, job: DIGEST_JOB, pattern: DIGEST_CRON, payload: { tenantId: tenant.id } },
  ],
  deliveries: {
    [DIGEST_PURPOSE]: (services, request) => renderDigest(services, request),
  },
};
