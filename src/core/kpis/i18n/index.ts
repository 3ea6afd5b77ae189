import type { FeatureCatalog } from "../../ui/i18n/catalog.js";
import { de } from "./de.js";
import { en } from "./en.js";

/** The KPI feature's words, registered in src/core/ui/i18n/catalogs.ts as `kpis` (its words under `kpi.*`). */
export const catalog = { de, en } as const satisfies FeatureCatalog<typeof de>;
