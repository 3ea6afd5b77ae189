import { DateTime } from "luxon";
import type { Locale } from "../org/types.js";
import type { Translate } from "../ui/i18n/index.js";
import type { TrainingView } from "./types.js";

/** A session time as its reader sees it: their language, their time zone (with the zone's abbreviation). */
export function formatWhen(at: Date, zone: string, locale: Locale): string {
  const dt = DateTime.fromJSDate(at, { zone }).setLocale(locale === "de" ? "de-DE" : "en-GB");
  return locale === "de" ? dt.toFormat("ccc dd.MM.yyyy, HH:mm 'Uhr' ZZZZ") : dt.toFormat("ccc d LLL yyyy, HH:mm ZZZZ");
}

export function formatDate(at: Date, zone: string, locale: Locale): string {
  const dt = DateTime.fromJSDate(at, { zone }).setLocale(locale === "de" ? "de-DE" : "en-GB");
  return locale === "de" ? dt.toFormat("dd.MM.yyyy") : dt.toFormat("d LLL yyyy");
}

export function trainingTitle(training: TrainingView, locale: Locale): string {
  return locale === "en" && training.titleEn ? training.titleEn : training.titleDe;
}

export function trainingDescription(training: TrainingView, locale: Locale): string | null {
  return locale === "en" && training.descriptionEn ? training.descriptionEn : training.descriptionDe;
}

export function formatDuration(t: Translate, minutes: number): string {
  if (minutes % 60 === 0 || minutes >= 120) {
    const hours = Math.round((minutes / 60) * 10) / 10;
    return t("trainings.duration", { hours: t.locale === "de" ? String(hours).replace(".", ",") : String(hours) });
  }
  return t("trainings.minutes", { minutes });
}

/** "One week before" and "one day before" as the person's wall clock counts them, across DST changes. */
export function beforeInZone(at: Date, zone: string, amount: { readonly days: number }): Date {
  return DateTime.fromJSDate(at, { zone }).minus(amount).toJSDate();
}
