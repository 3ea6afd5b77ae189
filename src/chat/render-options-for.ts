import type { Locale } from "../core/org/types.js";
import { translator } from "../core/ui/i18n/index.js";
import type { RenderOptions } from "../core/ui/render-options.js";

export function renderOptionsFor(locale: Locale): RenderOptions {
  const t = translator(locale);
  return { more: (count) => t("common.more", { count }) };
}
