import type { ReadStream } from "node:fs";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { importTickets } from "../core/kpis/import-tickets.js";
import type { TicketProblem } from "../core/kpis/ticket-fields.js";
import { type Translate, translator } from "../core/ui/i18n/index.js";
import { PrismaTicketRepository } from "../db/ticket-repository.js";
import { KursError } from "../errors.js";
import { resolveTenant, withDatabase } from "./context.js";

export interface ImportTicketsCommandOptions {
  readonly tenant: string;
  readonly strict?: boolean;
  readonly lang?: "de" | "en";
}

/** `kurs import tickets FILE.csv`: streams the file in batches; bad rows are listed as they are found. */
export async function importTicketsCommand(file: string, opts: ImportTicketsCommandOptions): Promise<void> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error("not a file");
    size = info.size;
  } catch (err) {
    throw new KursError("FILE_NOT_FOUND", `cannot read ${file}: no such file or no permission`, { cause: err });
  }
  await withDatabase(async (ctx) => {
    const t = translator(opts.lang ?? ctx.config.defaultLocale);
    const tenant = await resolveTenant(ctx, opts.tenant);
    if (!tenant) throw new KursError("TENANT_NOT_FOUND", `no tenant with slug "${opts.tenant}"`);
    const progress = process.stdout.isTTY ? new ProgressBar(t, size) : undefined;
    let current: ReadStream | undefined;
    const badLines = new Set<number>();
    const outcome = await importTickets(
      new PrismaTicketRepository(ctx.db.prisma, ctx.db.sql),
      () => {
        current = createReadStream(file, { highWaterMark: 256 * 1024 });
        return current;
      },
      {
        tenantId: tenant.id,
        timezone: tenant.timezone,
        strict: opts.strict ?? false,
        onProblem: (problem) => {
          badLines.add(problem.line);
          progress?.clear();
          console.error(describeProblem(t, problem));
        },
        onProgress: (rows) => progress?.update(current?.bytesRead ?? 0, rows),
      },
    );
    progress?.clear();
    if (outcome.aborted) {
      console.error(
        outcome.rows === 0 && badLines.has(1)
          ? t("kpi.import.headerFailed")
          : t("kpi.import.strictFailed", { count: outcome.badRows }),
      );
      process.exitCode = 1;
      return;
    }
    console.log(t("kpi.import.done", { rows: outcome.rows, ...outcome.result }));
    if (outcome.badRows > 0) {
      console.error(t("kpi.import.partial", { count: outcome.badRows }));
      process.exitCode = 1;
    }
  });
}

export function describeProblem(t: Translate, problem: TicketProblem): string {
  return `  ${t("kpi.import.line", { line: problem.line, reason: t(`kpi.import.error.${problem.code}`, problem.params) })}`;
}

/** A one-line bar on the terminal, redrawn at most every 100 ms. */
class ProgressBar {
  private last = 0;

  constructor(
    private readonly t: Translate,
    private readonly total: number,
  ) {}

  update(bytes: number, rows: number): void {
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    const share = this.total > 0 ? Math.min(1, bytes / this.total) : 1;
    const width = 30;
    const filled = Math.round(share * width);
    const label = this.t("kpi.import.progress", {
      percent: Math.round(share * 100),
      rows: rows.toLocaleString(this.t.locale === "de" ? "de-DE" : "en-GB"),
    });
    process.stdout.write(`\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${label}\x1b[K`);
  }

  clear(): void {
    if (this.last > 0) process.stdout.write("\r\x1b[K");
    this.last = 0;
  }
}
