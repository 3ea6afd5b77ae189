import { DateTime } from "luxon";
import type { KpiSettings } from "./types.js";

export interface KpiSettingsInput {
  readonly programmeStart?: string;
  readonly baselineWeeks?: string;
  readonly webhookSecret?: string;
  readonly mapGroup?: readonly string[];
}

export interface KpiSettingsPatch {
  readonly settings: Partial<KpiSettings>;
  /** "generate" asks for a random secret; otherwise the operator's own. */
  readonly webhookSecret?: { readonly generate: true } | { readonly generate: false; readonly secret: string };
  readonly groups: readonly { readonly group: string; readonly path: string }[];
}

export interface KpiSettingsProblem {
  readonly code: "programmeStart" | "baselineWeeks" | "webhookSecret" | "mapGroup";
  readonly value: string;
}

/** Checks `kurs tenant`'s KPI options together, so every problem is reported at once. */
export function parseKpiSettings(
  input: KpiSettingsInput,
): { ok: true; patch: KpiSettingsPatch; empty: boolean } | { ok: false; problems: KpiSettingsProblem[] } {
  const problems: KpiSettingsProblem[] = [];
  const settings: { programmeStart?: string | null; baselineWeeks?: number } = {};
  if (input.programmeStart !== undefined) {
    const value = input.programmeStart.trim();
    if (value.toLowerCase() === "none") settings.programmeStart = null;
    else if (/^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid) settings.programmeStart = value;
    else problems.push({ code: "programmeStart", value });
  }
  if (input.baselineWeeks !== undefined) {
    const n = Number(input.baselineWeeks);
    if (/^\d+$/.test(input.baselineWeeks.trim()) && n >= 1 && n <= 104) settings.baselineWeeks = n;
    else problems.push({ code: "baselineWeeks", value: input.baselineWeeks });
  }
  let webhookSecret: KpiSettingsPatch["webhookSecret"];
  if (input.webhookSecret !== undefined) {
    if (input.webhookSecret === "generate") webhookSecret = { generate: true };
    else if (input.webhookSecret.length >= 32) webhookSecret = { generate: false, secret: input.webhookSecret };
    else problems.push({ code: "webhookSecret", value: "" });
  }
  const groups: { group: string; path: string }[] = [];
  for (const entry of input.mapGroup ?? []) {
    const at = entry.indexOf("=");
    const group = entry.slice(0, at).trim();
    const path = entry.slice(at + 1).trim();
    if (at < 1 || group === "" || path === "") problems.push({ code: "mapGroup", value: entry });
    else groups.push({ group, path });
  }
  if (problems.length > 0) return { ok: false, problems };
  const empty = Object.keys(settings).length === 0 && webhookSecret === undefined && groups.length === 0;
  return { ok: true, patch: { settings, webhookSecret, groups }, empty };
}
