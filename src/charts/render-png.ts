import { existsSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { KursError } from "../errors.js";

/** Debian's fonts-dejavu-core. Loaded explicitly: resvg has no fontconfig, and system fonts differ. */
export const DEFAULT_FONT_FILE = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
export const FONT_FAMILY = "DejaVu Sans";

export interface RenderedChart {
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
}

/**
 * vega-lite spec -> vega -> SVG (`toSVG`, no canvas) -> PNG through resvg. `scale` 2 gives sharp
 * images on high-density screens; the PNG is the SVG's size times the scale.
 */
export async function renderVegaLitePng(
  spec: TopLevelSpec,
  options: { readonly scale?: number; readonly fontFile?: string } = {},
): Promise<RenderedChart> {
  const fontFile = options.fontFile ?? DEFAULT_FONT_FILE;
  if (!existsSync(fontFile)) {
    throw new KursError(
      "CHART_FONT_MISSING",
      `chart font ${fontFile} not found: install fonts-dejavu-core (apt-get install fonts-dejavu-core)`,
    );
  }
  const vegaSpec = compile({ ...spec, config: { ...spec.config, font: FONT_FAMILY } } as TopLevelSpec).spec;
  const view = new View(parse(vegaSpec), { renderer: "none" });
  try {
    const svg = await view.toSVG();
    const scale = options.scale ?? 2;
    const resvg = new Resvg(svg, {
      fitTo: { mode: "zoom", value: scale },
      background: "white",
      font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    });
    const image = resvg.render();
    return { png: image.asPng(), width: image.width, height: image.height };
  } finally {
    view.finalize();
  }
}
