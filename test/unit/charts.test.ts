import { describe, expect, it } from "vitest";
import { kpiTrendSpec, TREND_HEIGHT, TREND_WIDTH } from "../../src/charts/kpi-trend.js";
import { renderVegaLitePng } from "../../src/charts/render-png.js";

function pngSize(png: Buffer): { width: number; height: number } {
  // The 8-byte signature, then the IHDR chunk: length, "IHDR", width, height (big-endian).
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("charts", () => {
  const weeks = Array.from({ length: 12 }, (_, i) => `2026-W${String(i + 10).padStart(2, "0")}`);
  const spec = kpiTrendSpec({
    title: "Kennzahlen – Service Desk",
    axis: "%",
    points: weeks.flatMap((week, i) => [
      { week, series: "Termintreue", value: 0.6 + i * 0.02 },
      // A week without enough data is a gap.
      { week, series: "Erstlösungsquote", value: i === 5 ? null : 0.8 + i * 0.01 },
    ]),
  });

  it("renders the KPI trend as a PNG of the chart's size at scale 2", async () => {
    const chart = await renderVegaLitePng(spec);
    expect(pngSize(chart.png)).toEqual({ width: TREND_WIDTH * 2, height: TREND_HEIGHT * 2 });
    expect(chart).toMatchObject({ width: TREND_WIDTH * 2, height: TREND_HEIGHT * 2 });
    // A blank image compresses to almost nothing; lines, labels and a legend do not.
    expect(chart.png.length).toBeGreaterThan(20_000);
  });

  it("renders at scale 1, and says which package is missing when the font is", async () => {
    expect(pngSize((await renderVegaLitePng(spec, { scale: 1 })).png)).toEqual({
      width: TREND_WIDTH,
      height: TREND_HEIGHT,
    });
    await expect(renderVegaLitePng(spec, { fontFile: "/nonexistent/font.ttf" })).rejects.toThrow("fonts-dejavu-core");
  });
});
