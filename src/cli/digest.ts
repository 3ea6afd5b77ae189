import { registry } from "../core/features.js";
import { DIGEST_JOB } from "../core/kpis/digest.js";
import { systemClock } from "../core/ports.js";
import { translator } from "../core/ui/i18n/index.js";
import { createServices } from "../db/services.js";
import { createLogger } from "../logger.js";
import { JobProducer } from "../queue/job-producer.js";
import { closeRedis, createRedis } from "../queue/redis.js";
import { resolveTenant, withDatabase } from "./context.js";

/**
 * `kurs digest --now`: this week's KPI digest, planned and handed to the queue at once, exactly as
 * the Monday schedule does it. Planned twice in one week, it plans nothing new.
 */
export async function digestCommand(opts: { tenant: string; now?: boolean; lang?: "de" | "en" }): Promise<void> {
  await withDatabase(async (ctx) => {
    const t = translator(opts.lang ?? ctx.config.defaultLocale);
    if (!opts.now) {
      console.error(t("kpi.digestCli.needNow"));
      process.exitCode = 1;
      return;
    }
    const tenant = await resolveTenant(ctx, opts.tenant);
    if (!tenant) {
      console.error(t("kpi.digestCli.noTenant", { slug: opts.tenant }));
      process.exitCode = 1;
      return;
    }
    const log = createLogger("silent");
    const redis = createRedis(ctx.config.redisUrl, "producer", log);
    const producer = new JobProducer(redis, ctx.config.queuePrefix, log);
    try {
      const services = createServices(ctx.db.prisma, {
        jobs: producer,
        clock: systemClock,
        defaultLocale: ctx.config.defaultLocale,
        sql: ctx.db.sql,
        publicUrl: ctx.config.publicUrl,
      });
      const channels = await services.tickets.digestChannels(tenant.id);
      if (channels.length === 0) {
        console.error(t("kpi.digestCli.noChannels"));
        process.exitCode = 1;
        return;
      }
      const decl = registry.job(DIGEST_JOB);
      if (!decl) throw new Error("the digest job is not registered");
      const result = (await decl.run(services, { tenantId: tenant.id })) as { planned: number };
      console.log(
        result.planned > 0
          ? t("kpi.digestCli.planned", { count: result.planned })
          : t("kpi.digestCli.nothingNew", { count: channels.length }),
      );
    } finally {
      await producer.close();
      await closeRedis(redis);
    }
  });
}
