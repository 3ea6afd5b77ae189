import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ConnectorActivity {
  readonly conversationId: string;
  readonly replyToId: string | undefined;
  readonly activity: Record<string, unknown>;
}

/**
 * A local Bot Framework connector: the `serviceUrl` of test activities points here, so the
 * bot's replies (POST /v3/conversations/{id}/activities[/{replyToId}]) are captured, member
 * look-ups (GET /v3/conversations/{id}/members/{userId}) return the e-mail we set, and proactive
 * 1:1 chats can be opened (POST /v3/conversations), or refused per member with 403.
 */
export class FakeTeamsConnector {
  readonly sent: ConnectorActivity[] = [];
  /** Bytes PUT to {url}/upload/{name}, as a bot uploads an accepted file into the person's OneDrive. */
  readonly uploads = new Map<string, { readonly bytes: Buffer; readonly contentRange: string | undefined }>();
  readonly members = new Map<string, { email: string; name?: string }>();
  /** Bodies of POST /v3/conversations (1:1 chats the bot opened). */
  readonly created: Record<string, unknown>[] = [];
  /** Messages updated in place (PUT …/activities/{id}), e.g. a card replaced for everyone in the chat. */
  readonly updated: { conversationId: string; activityId: string; activity: Record<string, unknown> }[] = [];
  /** Member ids for which opening a chat is refused (403), as when the app is not installed for them. */
  readonly refuseCreate = new Set<string>();
  /** Conversation ids that no longer exist: posting into them answers 404 (e.g. after a reinstall). */
  readonly gone = new Set<string>();
  private throttled = { remaining: 0, retryAfter: 1 };
  /** How many posts were answered with 429 so far. */
  throttledSoFar = 0;

  /** The next `times` posted activities get 429 with Retry-After: retryAfter seconds. */
  throttle(times: number, retryAfter = 1): void {
    this.throttled = { remaining: times, retryAfter };
  }
  private server: Server | undefined;
  url = "";

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks).toString("utf8");
      const path = (req.url ?? "").split("?")[0] ?? "";
      if (req.method === "PUT" && path.startsWith("/upload/")) {
        const contentRange = req.headers["content-range"];
        this.uploads.set(decodeURIComponent(path.slice("/upload/".length)), {
          bytes: Buffer.concat(chunks),
          contentRange: typeof contentRange === "string" ? contentRange : undefined,
        });
        res.writeHead(201, { "content-type": "application/json" }).end("{}");
        return;
      }
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.method === "POST" && path === "/v3/conversations") {
        const body = JSON.parse(raw) as { members?: { id?: string }[]; tenantId?: string };
        const member = body.members?.[0]?.id ?? "";
        if (!member || !body.tenantId) {
          json(400, { error: { code: "BadArgument", message: "members and tenantId are required" } });
          return;
        }
        if (this.refuseCreate.has(member)) {
          json(403, { error: { code: "Forbidden", message: "The bot is not part of the conversation roster." } });
          return;
        }
        this.created.push(body);
        json(201, { id: `a:created-${member}` });
        return;
      }
      const post = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
      if (req.method === "POST" && post && this.throttled.remaining > 0) {
        this.throttled.remaining -= 1;
        this.throttledSoFar += 1;
        res.writeHead(429, { "content-type": "application/json", "retry-after": String(this.throttled.retryAfter) });
        res.end(JSON.stringify({ error: { code: "TooManyRequests", message: "throttled" } }));
        return;
      }
      if (req.method === "POST" && post && this.gone.has(decodeURIComponent(post[1] ?? ""))) {
        json(404, { error: { code: "ConversationNotFound", message: "Conversation not found." } });
        return;
      }
      if (req.method === "POST" && post) {
        this.sent.push({
          conversationId: decodeURIComponent(post[1] ?? ""),
          replyToId: post[2] ? decodeURIComponent(post[2]) : undefined,
          activity: JSON.parse(raw) as Record<string, unknown>,
        });
        json(200, { id: `reply-${this.sent.length}` });
        return;
      }
      if (req.method === "PUT" && post?.[2]) {
        this.updated.push({
          conversationId: decodeURIComponent(post[1] ?? ""),
          activityId: decodeURIComponent(post[2]),
          activity: JSON.parse(raw) as Record<string, unknown>,
        });
        json(200, { id: decodeURIComponent(post[2]) });
        return;
      }
      const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(path);
      if (req.method === "GET" && member) {
        const id = decodeURIComponent(member[2] ?? "");
        const known = this.members.get(id);
        if (!known) {
          json(404, { error: { code: "MemberNotFoundInConversation", message: "not found" } });
          return;
        }
        json(200, { id, name: known.name ?? "Test", email: known.email, userPrincipalName: known.email });
        return;
      }
      json(404, { error: { code: "NotFound", message: path } });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

export interface MessageActivityInput {
  readonly text: string;
  readonly serviceUrl: string;
  readonly tenantId?: string;
  readonly aadObjectId: string;
  readonly userId?: string;
  readonly locale?: string;
  readonly conversationId?: string;
  /** "personal" unless given; "channel" for a message in a team's channel. */
  readonly conversationType?: "personal" | "groupChat" | "channel";
}

/** A Bot Framework message activity as Teams sends it in a personal chat. */
export function messageActivity(input: MessageActivityInput): Record<string, unknown> {
  const conversationId = input.conversationId ?? `a:personal-${input.aadObjectId}`;
  return {
    type: "message",
    id: `act-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    serviceUrl: input.serviceUrl,
    channelId: "msteams",
    from: { id: input.userId ?? `29:${input.aadObjectId}`, name: "Test User", aadObjectId: input.aadObjectId },
    recipient: { id: "28:kurs-bot", name: "Kurs" },
    conversation: {
      id: conversationId,
      conversationType: input.conversationType ?? "personal",
      tenantId: input.tenantId,
    },
    channelData: input.tenantId ? { tenant: { id: input.tenantId } } : {},
    locale: input.locale ?? "de-DE",
    text: input.text,
    textFormat: "plain",
  };
}

export async function postActivity(baseUrl: string, activity: Record<string, unknown>): Promise<Response> {
  return fetch(`${baseUrl}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(activity),
  });
}
