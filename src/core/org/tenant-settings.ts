import { IANAZone } from "luxon";
import { type Formality, LOCALES, type Locale, type TenantInfo } from "./types.js";

/** German states by their ISO 3166-2:DE code without the "DE-" prefix, as date-holidays names them. */
export const GERMAN_STATES = [
  "BB",
  "BE",
  "BW",
  "BY",
  "HB",
  "HE",
  "HH",
  "MV",
  "NI",
  "NW",
  "RP",
  "SH",
  "SL",
  "SN",
  "ST",
  "TH",
] as const;
export type GermanState = (typeof GERMAN_STATES)[number];

export const FORMALITIES = ["sie", "du"] as const satisfies readonly Formality[];

export function isGermanState(value: string | null | undefined): value is GermanState {
  return (GERMAN_STATES as readonly string[]).includes(value ?? "");
}

export function isValidTimezone(zone: string | null | undefined): zone is string {
  return typeof zone === "string" && zone !== "" && IANAZone.isValidZone(zone);
}

/** What an operator can change about a tenant (`kurs tenant`), besides what TenantInfo already carries. */
export interface TenantSettings extends TenantInfo {
  /** null: national public holidays only. */
  readonly holidayState: GermanState | null;
  /** Whether HR members may see feedback-talk content (default off; works-council matter). */
  readonly feedbackHrAccess: boolean;
}

export interface TenantSettingsPatch {
  readonly holidayState?: GermanState | null;
  readonly timezone?: string;
  readonly formality?: Formality;
  readonly defaultLocale?: Locale;
  readonly feedbackHrAccess?: boolean;
}

export interface TenantSettingsInput {
  readonly holidayState?: string;
  readonly timezone?: string;
  readonly formality?: string;
  readonly locale?: string;
  readonly feedbackHrAccess?: string;
}

export type SettingsProblem =
  | { readonly code: "holidayState"; readonly value: string; readonly allowed: string }
  | { readonly code: "timezone"; readonly value: string }
  | { readonly code: "formality"; readonly value: string }
  | { readonly code: "locale"; readonly value: string }
  | { readonly code: "feedbackHrAccess"; readonly value: string };

/** The word that clears the holiday state, so only national holidays count. */
export const NO_STATE = "none";

/** Validates every given setting at once, so an operator sees all mistakes in one run. */
export function parseTenantSettings(
  input: TenantSettingsInput,
):
  | { readonly ok: true; readonly patch: TenantSettingsPatch }
  | { readonly ok: false; readonly problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const patch: {
    holidayState?: GermanState | null;
    timezone?: string;
    formality?: Formality;
    defaultLocale?: Locale;
    feedbackHrAccess?: boolean;
  } = {};
  if (input.holidayState !== undefined) {
    const state = input.holidayState.trim().toUpperCase().replace(/^DE-/, "");
    if (state === NO_STATE.toUpperCase()) patch.holidayState = null;
    else if (isGermanState(state)) patch.holidayState = state;
    else problems.push({ code: "holidayState", value: input.holidayState, allowed: GERMAN_STATES.join(" ") });
  }
  if (input.timezone !== undefined) {
    const zone = input.timezone.trim();
    if (isValidTimezone(zone)) patch.timezone = zone;
    else problems.push({ code: "timezone", value: input.timezone });
  }
  if (input.formality !== undefined) {
    const formality = input.formality.trim().toLowerCase();
    const known = FORMALITIES.find((f) => f === formality);
    if (known) patch.formality = known;
    else problems.push({ code: "formality", value: input.formality });
  }
  if (input.locale !== undefined) {
    const locale = input.locale.trim().toLowerCase();
    const known = LOCALES.find((l) => l === locale);
    if (known) patch.defaultLocale = known;
    else problems.push({ code: "locale", value: input.locale });
  }
  if (input.feedbackHrAccess !== undefined) {
    const value = input.feedbackHrAccess.trim().toLowerCase();
    if (["on", "true", "yes", "ja", "an"].includes(value)) patch.feedbackHrAccess = true;
    else if (["off", "false", "no", "nein", "aus"].includes(value)) patch.feedbackHrAccess = false;
    else problems.push({ code: "feedbackHrAccess", value: input.feedbackHrAccess });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, patch };
}
