import type { TopLevelSpec } from "vega-lite";

export interface TrendPoint {
  /** ISO week, "2026-W05". */
  readonly week: string;
  /** Translated series name, e.g. "Termintreue". */
  readonly series: string;
  readonly value: number | null;
}

export const TREND_WIDTH = 640;
export const TREND_HEIGHT = 320;

/**
 * The 12-week trend of a unit's rates (as percentages) in one chart of a fixed size: weeks
 * without enough data are left out, never drawn as zero. Labels come translated from the caller.
 */
export function kpiTrendSpec(input: {
  readonly title: string;
  readonly points: readonly TrendPoint[];
  /** The y axis title ("%", "h", …). */
  readonly axis: string;
  /** Values are shares drawn as percentages (the default); false draws them as they are. */
  readonly percent?: boolean;
}): TopLevelSpec {
  const scale = input.percent === false ? 1 : 100;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: input.title,
    width: TREND_WIDTH,
    height: TREND_HEIGHT,
    autosize: { type: "fit", contains: "padding" },
    padding: 12,
    background: "white",
    data: {
      values: input.points.map((p) => ({
        week: p.week,
        series: p.series,
        value: p.value === null ? null : p.value * scale,
      })),
    },
    transform: [{ filter: "isValid(datum.value)" }],
    mark: { type: "line", point: true, strokeWidth: 2 },
    encoding: {
      x: { field: "week", type: "ordinal", title: null, axis: { labelAngle: -45 } },
      y: { field: "value", type: "quantitative", title: input.axis, scale: { domainMin: 0 } },
      color: { field: "series", type: "nominal", title: null, legend: { orient: "bottom" } },
    },
  };
}
