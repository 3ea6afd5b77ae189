import type { FeatureCatalog } from "../../ui/i18n/catalog.js";
import { feedbackDe } from "./de.js";
import { feedbackEn } from "./en.js";

const de = { feedback: feedbackDe } as const;

/** The feedback feature's words under `feedback.*`, registered in src/core/ui/i18n/catalogs.ts. */
export const catalog = { de, en: { feedback: feedbackEn } } as const satisfies FeatureCatalog<typeof de>;
