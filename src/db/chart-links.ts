import { createHash, randomBytes } from "node:crypto";
import type { ChartData, ChartLinks, Clock } from "../core/ports.js";
import type { PrismaClient } from "../generated/prisma/client.js";

/**
 * Slack caches a card image when the message is posted, but Teams fetches it every time the card
 * is shown: two weeks keeps last week's digest readable and still lets old links die.
 */
export const CHART_LINK_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export function hashChartToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Charts behind 128-bit random tokens; only the token's hash is stored, so a database dump opens no chart. */
export class PrismaChartLinks implements ChartLinks {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly publicUrl: string,
    private readonly clock: Clock,
  ) {}

  async publish(tenantId: string, chart: ChartData): Promise<string> {
    const token = randomBytes(16).toString("base64url");
    const now = this.clock.now();
    await this.prisma.kpiChart.create({
      data: {
        tenantId,
        tokenHash: hashChartToken(token),
        data: JSON.parse(JSON.stringify(chart)),
        expiresAt: new Date(now.getTime() + CHART_LINK_TTL_MS),
      },
    });
    // Expired rows of the tenant go as new ones come; the index makes this a range delete.
    await this.prisma.kpiChart.deleteMany({ where: { tenantId, expiresAt: { lt: now } } });
    return `${this.publicUrl}/charts/${token}.png`;
  }

  /** The chart behind a token, or null when the token is unknown or expired. */
  async find(token: string, now: Date): Promise<ChartData | null> {
    const row = await this.prisma.kpiChart.findUnique({ where: { tokenHash: hashChartToken(token) } });
    if (!row || row.expiresAt.getTime() <= now.getTime()) return null;
    return row.data as unknown as ChartData;
  }
}
