import type { Readable } from "node:stream";
import type { Directory, OrgRepository } from "../ports.js";
import { type ImportResult, isEmptyPlan, planImport, summarisePlan } from "./import-plan.js";
import { parseOrgCsv, type RowProblem } from "./org-csv.js";

export type ImportOrgOutcome =
  | { readonly ok: true; readonly result: ImportResult; readonly changed: boolean; readonly people: number }
  | { readonly ok: false; readonly problems: readonly RowProblem[] };

/**
 * `kurs import org`: validates the whole file first and imports nothing if any row is bad,
 * then applies only the differences in one transaction.
 */
export async function importOrg(
  org: OrgRepository,
  tenantId: string,
  csv: string | Readable,
): Promise<ImportOrgOutcome> {
  const snapshot = await org.snapshot(tenantId);
  const parsed = await parseOrgCsv(csv, new Set(snapshot.people.map((p) => p.email)));
  if (parsed.problems.length > 0) return { ok: false, problems: parsed.problems };
  const plan = planImport(parsed.rows, snapshot);
  const result = summarisePlan(plan, parsed.rows.length);
  if (isEmptyPlan(plan)) return { ok: true, result, changed: false, people: parsed.rows.length };
  await org.applyImport(tenantId, plan);
  return { ok: true, result, changed: true, people: parsed.rows.length };
}

/**
 * Links people imported without a chat id to their account, found by e-mail in the platform's
 * directory. Safe to repeat: people already linked are skipped, and unknown e-mails stay unlinked.
 */
export async function linkIdentitiesByEmail(
  org: OrgRepository,
  tenantId: string,
  directory: Directory,
): Promise<number> {
  const pending = await org.peopleWithoutPlatformId(tenantId, directory.platform);
  let linked = 0;
  for (const person of pending) {
    const userId = await directory.lookupByEmail(person.email);
    if (userId) {
      await org.linkPlatformId(tenantId, person.id, directory.platform, userId);
      linked += 1;
    }
  }
  return linked;
}
