import { WebClient } from "@slack/web-api";
import { ChatNotifier, type NotifierDeps } from "../../src/chat/notifier.js";
import { deliveryRenderers } from "../../src/core/features.js";
import type { Platform } from "../../src/core/org/types.js";
import type { Clock, JsonObject } from "../../src/core/ports.js";
import type { Services } from "../../src/core/services.js";
import type { Database } from "../../src/db/client.js";
import { PrismaDeliveryRepository } from "../../src/db/delivery-repository.js";
import { type DeliverDeps, type DeliverOutcome, deliverOne } from "../../src/delivery/deliver.js";
import { unlimited } from "../../src/delivery/rate-limit.js";
import type { Logger } from "../../src/logger.js";
import type { FakeSlack } from "./fake-slack.js";

/** One Delivery row as the database holds it. */
export interface DeliveryRow {
  readonly id: string;
  readonly purpose: string;
  readonly subject: string;
  readonly personId: string;
  readonly platform: Platform;
  readonly notBefore: Date;
  readonly state: string;
  readonly reason: string | null;
  readonly payload: JsonObject | null;
}

/** A row the outbox sent, with what the fake Slack API received for it (message text and blocks, files). */
export interface Delivered {
  readonly row: DeliveryRow;
  readonly outcome: DeliverOutcome;
  /** The posted messages' text and blocks as JSON: every word the person saw. */
  readonly text: string;
  readonly files: readonly { readonly filename: string; readonly content: string }[];
}

/**
 * Drives the real outbox in tests that need no queue: the Delivery table, the features' renderers,
 * the ChatNotifier against the fake Slack API (and a fake Teams connector when given), and
 * deliverOne for every due row of one tenant, one after another, as the sweep would enqueue them.
 */
export class OutboxDriver {
  readonly deps: DeliverDeps;

  constructor(
    private readonly db: Database,
    services: Services,
    private readonly slack: FakeSlack,
    options: { readonly clock: Clock; readonly log: Logger; readonly teams?: NotifierDeps["teams"] },
  ) {
    const client = new WebClient("xoxb-test", {
      slackApiUrl: slack.apiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
    this.deps = {
      store: new PrismaDeliveryRepository(db.prisma),
      renderers: deliveryRenderers(services),
      sender: new ChatNotifier({ slack: client, teams: options.teams, log: options.log }),
      limiter: unlimited,
      clock: options.clock,
      log: options.log,
    };
  }

  async rows(tenantId: string, where: { purpose?: string; subject?: string } = {}): Promise<DeliveryRow[]> {
    const rows = await this.db.prisma.delivery.findMany({
      where: { tenantId, ...where },
      orderBy: [{ notBefore: "asc" }, { id: "asc" }],
    });
    return rows.map((r) => ({
      id: r.id,
      purpose: r.purpose,
      subject: r.subject,
      // Channel rows (the KPI digest) have no person; these helpers are about people's deliveries.
      personId: r.personId ?? "",
      platform: r.platform as Platform,
      notBefore: r.notBefore,
      state: r.state,
      reason: r.reason,
      payload:
        r.payload !== null && typeof r.payload === "object" && !Array.isArray(r.payload)
          ? (r.payload as JsonObject)
          : null,
    }));
  }

  /** Delivers every row of the tenant that is due now; returns the ones that were sent. */
  async deliverDue(tenantId: string): Promise<Delivered[]> {
    const out: Delivered[] = [];
    for (const due of await this.deps.store.due(this.deps.clock.now(), 1000, tenantId)) {
      const posts = this.slack.callsOf("chat.postMessage").length;
      const files = this.slack.files().length;
      const outcome = await deliverOne(this.deps, { tenantId, deliveryId: due.id });
      if (outcome.kind !== "sent") continue;
      const [row] = await this.db.prisma.delivery.findMany({ where: { tenantId, id: due.id } });
      if (!row) continue;
      const [view] = (await this.rows(tenantId, { purpose: row.purpose, subject: row.subject })).filter(
        (r) => r.id === row.id,
      );
      if (!view) continue;
      out.push({
        row: view,
        outcome,
        text:
          row.platform === "slack"
            ? this.slack
                .callsOf("chat.postMessage")
                .slice(posts)
                .map((c) => `${String(c.body.text)}\n${JSON.stringify(c.body.blocks)}`)
                .join("\n")
            : "",
        files: this.slack
          .files()
          .slice(files)
          .map((f) => ({ filename: f.filename, content: f.bytes.toString("utf8") })),
      });
    }
    return out;
  }
}
