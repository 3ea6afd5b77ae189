import type { Application, Request, Response } from "express";
import { kpiTrendSpec } from "../charts/kpi-trend.js";
import { renderVegaLitePng } from "../charts/render-png.js";
import type { Clock } from "../core/ports.js";
import type { PrismaChartLinks } from "../db/chart-links.js";
import type { Logger } from "../logger.js";

export interface ChartRouteDeps {
  readonly charts: Pick<PrismaChartLinks, "find">;
  readonly clock: Clock;
  readonly log: Logger;
}

const TOKEN = /^[A-Za-z0-9_-]{22}$/;

/**
 * GET /charts/<token>.png: the chart a card points at, rendered when fetched. Slack's and Teams'
 * image proxies fetch it without credentials, so the token is the only key; an unknown, expired or
 * malformed token is a plain 404 that tells nothing about which tokens exist.
 */
export function mountChartRoute(app: Application, deps: ChartRouteDeps): void {
  app.get("/charts/:file", async (req: Request, res: Response) => {
    const file = String(req.params.file ?? "");
    const token = file.endsWith(".png") ? file.slice(0, -".png".length) : "";
    if (!TOKEN.test(token)) {
      res.status(404).type("text/plain").send("not found");
      return;
    }
    try {
      const chart = await deps.charts.find(token, deps.clock.now());
      if (!chart) {
        res.status(404).type("text/plain").send("not found");
        return;
      }
      const rendered = await renderVegaLitePng(kpiTrendSpec(chart));
      res
        .status(200)
        .set({ "Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff" })
        .type("image/png")
        .send(rendered.png);
    } catch (err) {
      deps.log.error({ err }, "chart rendering failed");
      res.status(500).type("text/plain").send("chart unavailable");
    }
  });
}
