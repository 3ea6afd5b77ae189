import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import { WebClient } from "@slack/web-api";
import { SlackDirectory } from "../chat/slack/slack-directory.js";
import { type Config, cliLocale } from "../config.js";
import { importOrg, linkIdentitiesByEmail } from "../core/org/import-org.js";
import type { OrgRepository } from "../core/ports.js";
import { translator } from "../core/ui/i18n/index.js";
import { KursError } from "../errors.js";
import { resolveTenant, withDatabase } from "./context.js";
import { cliText } from "./messages.js";

export async function importOrgCommand(file: string, opts: { tenant: string; lang?: "de" | "en" }): Promise<void> {
  const say = cliText(opts.lang ?? cliLocale());
  try {
    await access(file);
  } catch (err) {
    throw new KursError("FILE_NOT_FOUND", say("importOrg.fileNotFound", { file }), { cause: err });
  }
  await withDatabase(async (ctx) => {
    const t = translator(opts.lang ?? ctx.config.defaultLocale);
    const tenant = await resolveTenant(ctx, opts.tenant);
    if (!tenant) throw new KursError("TENANT_NOT_FOUND", say("tenant.notFound", { slug: opts.tenant }));
    const outcome = await importOrg(ctx.org, tenant.id, createReadStream(file));
    if (!outcome.ok) {
      console.error(t("import.failed", { count: new Set(outcome.problems.map((p) => p.line)).size }));
      for (const problem of outcome.problems) {
        const reason = t(`import.error.${problem.code}`, problem.params);
        console.error(`  ${t("import.line", { line: problem.line, reason })}`);
      }
      process.exitCode = 1;
      return;
    }
    console.log(
      outcome.changed
        ? t("import.done", {
            ...outcome.result,
            unitsCreated: t("import.unitsCreated", { count: outcome.result.unitsCreated }),
            peopleCreated: t("import.peopleCreated", { count: outcome.result.peopleCreated }),
          })
        : t("import.nothingChanged", { count: outcome.people }),
    );
    const linked = await linkSlack(ctx.config, ctx.org, tenant.id);
    if (linked !== undefined) console.log(t("import.linked", { count: linked }));
  });
}

async function linkSlack(config: Config, org: OrgRepository, tenantId: string): Promise<number | undefined> {
  if (!config.slack) return undefined;
  const apiUrl = config.slack.apiUrl;
  const client = new WebClient(
    config.slack.botToken,
    apiUrl ? { slackApiUrl: apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/` } : {},
  );
  return linkIdentitiesByEmail(org, tenantId, new SlackDirectory(client));
}
