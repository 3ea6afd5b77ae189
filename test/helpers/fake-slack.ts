import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedCall {
  readonly method: string;
  readonly body: Record<string, unknown>;
  readonly token: string | undefined;
  /** Answered with 429 (see rateLimit): Slack did not act on this call. */
  readonly rateLimited?: boolean;
}

/** A file shared through files.uploadV2: the bytes POSTed to the upload URL, completed into a channel. */
export interface UploadedFile {
  readonly fileId: string;
  readonly channel: string;
  readonly title: string;
  readonly filename: string;
  readonly bytes: Buffer;
}

export interface FakeSlackUser {
  readonly id: string;
  readonly email?: string;
  readonly locale?: string;
}

/**
 * A local stand-in for slack.com/api that Bolt's WebClient talks to through SLACK_API_URL.
 * It records every call, knows a few users, answers response_url posts, and can answer
 * 429 + Retry-After to exercise rate-limit handling.
 */
export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  /** Messages posted to response_url, by the id in the URL. */
  readonly responses: { id: string; body: Record<string, unknown> }[] = [];
  readonly users = new Map<string, FakeSlackUser>();
  /** Bytes POSTed to an upload URL that files.getUploadURLExternal handed out, by file id. */
  private readonly uploads = new Map<string, { filename: string; bytes: Buffer }>();
  private fileCount = 0;
  private readonly rateLimits = new Map<string, { remaining: number; retryAfter: number }>();
  private readonly delays = new Map<string, number>();
  private readonly gates = new Map<string, Promise<void>>();
  private readonly waiters: (() => void)[] = [];
  private server: Server | undefined;
  url = "";

  constructor(readonly teamId = `T${Math.random().toString(36).slice(2, 10).toUpperCase()}`) {}

  addUser(user: FakeSlackUser): void {
    this.users.set(user.id, user);
  }

  /** The next `times` calls of `method` get 429 with Retry-After: retryAfter seconds. */
  rateLimit(method: string, times: number, retryAfter = 1): void {
    this.rateLimits.set(method, { remaining: times, retryAfter });
  }

  /** Every call of `method` answers only after `ms` milliseconds (a slow Slack). */
  slowDown(method: string, ms: number): void {
    this.delays.set(method, ms);
  }

  /**
   * Holds every call of `method` (recorded, unanswered) until the returned release() is called:
   * a test can act while Kurs is provably in the middle of that call, whatever the machine's speed.
   */
  hold(method: string): () => void {
    let release = () => {};
    this.gates.set(
      method,
      new Promise<void>((resolve) => {
        release = () => {
          this.gates.delete(method);
          resolve();
        };
      }),
    );
    return () => release();
  }

  /** Files completed into a channel (files.completeUploadExternal), with the bytes that were uploaded. */
  files(): UploadedFile[] {
    return this.callsOf("files.completeUploadExternal").flatMap((call) => {
      const listed = Array.isArray(call.body.files) ? (call.body.files as { id?: string; title?: string }[]) : [];
      return listed.flatMap((f) => {
        const upload = this.uploads.get(String(f.id));
        return upload
          ? [
              {
                fileId: String(f.id),
                channel: String(call.body.channel_id),
                title: String(f.title ?? ""),
                filename: upload.filename,
                bytes: upload.bytes,
              },
            ]
          : [];
      });
    });
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  responseUrl(id: string): string {
    return `${this.url}/response/${id}`;
  }

  /** Resolves once `count` response_url messages for `id` have arrived. */
  async waitForResponses(id: string, count = 1, timeoutMs = 60_000): Promise<Record<string, unknown>[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const got = this.responses.filter((r) => r.id === id).map((r) => r.body);
      if (got.length >= count) return got;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${count} response(s) to ${id}; got ${got.length}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const raw = await readRaw(req);
      const path = req.url ?? "/";
      const reply = (status: number, json: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(json));
      };
      if (path.startsWith("/upload/")) {
        // The WebClient posts the file as multipart/form-data (field "body"), as to files.slack.com.
        const form = await new Response(raw, { headers: { "content-type": req.headers["content-type"] ?? "" } })
          .formData()
          .catch(() => null);
        const part = form?.get("body");
        const fileId = path.slice("/upload/".length);
        const known = this.uploads.get(fileId);
        if (!known || !(part instanceof Blob)) {
          res.writeHead(400).end("bad upload");
          return;
        }
        this.uploads.set(fileId, { filename: known.filename, bytes: Buffer.from(await part.arrayBuffer()) });
        res.writeHead(200, { "content-type": "text/plain" }).end(`OK - ${raw.length}`);
        return;
      }
      const body = parseBody(raw, req.headers["content-type"] ?? "");
      if (path.startsWith("/response/")) {
        this.responses.push({ id: path.slice("/response/".length), body });
        for (const wake of this.waiters.splice(0)) wake();
        reply(200, { ok: true });
        return;
      }
      const method = path.replace(/^\/api\//, "").split("?")[0] ?? "";
      const token = req.headers.authorization?.replace(/^Bearer /, "");
      const limit = this.rateLimits.get(method);
      const limited = limit !== undefined && limit.remaining > 0;
      this.calls.push({ method, body, token, ...(limited ? { rateLimited: true } : {}) });
      if (limit && limited) {
        limit.remaining -= 1;
        reply(429, { ok: false, error: "ratelimited" }, { "retry-after": String(limit.retryAfter) });
        return;
      }
      for (const wake of this.waiters.splice(0)) wake();
      const gate = this.gates.get(method);
      if (gate) await gate;
      const delay = this.delays.get(method);
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      reply(200, this.answer(method, body));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  /** SLACK_API_URL as the WebClient expects it. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          team_id: this.teamId,
          team: "Test",
          user_id: "UBOT",
          bot_id: "BBOT",
          url: "https://test.slack.com/",
        };
      case "users.info": {
        const user = this.users.get(String(body.user));
        if (!user) return { ok: false, error: "user_not_found" };
        return { ok: true, user: { id: user.id, locale: user.locale ?? "en-US", profile: { email: user.email } } };
      }
      case "users.lookupByEmail": {
        const user = [...this.users.values()].find((u) => u.email === body.email);
        return user ? { ok: true, user: { id: user.id } } : { ok: false, error: "users_not_found" };
      }
      case "chat.postMessage":
      case "chat.postEphemeral":
      case "chat.update":
        return { ok: true, channel: body.channel, ts: `${Date.now() / 1000}` };
      case "views.open":
      case "views.update":
      case "views.publish":
      case "views.push":
        return { ok: true, view: { id: `V${this.calls.length}` } };
      case "files.getUploadURLExternal": {
        this.fileCount += 1;
        const fileId = `F${String(this.fileCount).padStart(8, "0")}`;
        this.uploads.set(fileId, { filename: String(body.filename), bytes: Buffer.alloc(0) });
        return { ok: true, upload_url: `${this.url}/upload/${fileId}`, file_id: fileId };
      }
      case "files.completeUploadExternal": {
        const listed = Array.isArray(body.files) ? (body.files as { id?: string; title?: string }[]) : [];
        if (listed.some((f) => !this.uploads.has(String(f.id)))) return { ok: false, error: "file_not_found" };
        return { ok: true, files: listed.map((f) => ({ id: f.id, title: f.title })) };
      }
      case "conversations.open":
        return { ok: true, channel: { id: `D${String(body.users)}` } };
      default:
        return { ok: true };
    }
  }
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseBody(bytes: Buffer, contentType: string): Record<string, unknown> {
  const raw = bytes.toString("utf8");
  if (raw === "") return {};
  if (contentType.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const params = new URLSearchParams(raw);
  const out: Record<string, unknown> = {};
  for (const [key, value] of params) {
    // The WebClient form-encodes arrays and objects as JSON strings.
    out[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return out;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
