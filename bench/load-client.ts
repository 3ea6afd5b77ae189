/**
 * The load side of bench/ack-latency.ts: a FakeSlack (users.info and response_url land here)
 * plus a client that sends freshly signed slash commands and times each ack.
 *
 * By default bench/ack-latency.ts forks this file as a child process (KURS_BENCH_CLIENT=1), so the
 * client's timers, the fake's work and the servers under test do not share one event loop: in a
 * shared loop a request's ack would be "seen" only after whatever the server does right after
 * acking, which Slack, on the other side of a network, never waits for.
 */
import { performance } from "node:perf_hooks";
import { FakeSlack, type FakeSlackUser } from "../test/helpers/fake-slack.js";
import { slackHeaders, slashCommandBody } from "../test/helpers/slack-signing.js";

export interface BenchUser extends FakeSlackUser {
  /** Text every answer to this user must contain (their name), so a wrong or failed answer is an error. */
  readonly expect: string;
}

export interface RunRequest {
  /** POST target, e.g. http://127.0.0.1:1234/slack/events */
  readonly url: string;
  readonly signingSecret: string;
  readonly teamId: string;
  readonly users: readonly BenchUser[];
  readonly mode: "sequential" | "burst";
  /** Requests in all. Bursts send `concurrency` at a time; a final short burst is allowed. */
  readonly count: number;
  readonly concurrency: number;
  /**
   * The target answers through response_url after acking (Kurs does, the bare app does not).
   * Each request (sequential) or burst then waits for its answers before the next, so every
   * measurement starts on a settled server and leftover work never lands on the other target.
   */
  readonly answers: boolean;
}

export interface LoadClientApi {
  /** SLACK_API_URL for the servers under test. */
  readonly apiUrl: string;
  addUsers(users: readonly FakeSlackUser[]): Promise<void>;
  /** Ack latencies in milliseconds, one per request, in send order. */
  run(request: RunRequest): Promise<number[]>;
  /** How many Slack API calls (users.info, auth.test, …) the fake has seen. */
  apiCalls(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

let sequence = 0;

/** The client in this process (`--client inline`), or the body of the forked child. */
export class LoadClient implements LoadClientApi {
  private readonly apiCallCounts: Record<string, number> = {};

  private constructor(private readonly fake: FakeSlack) {}

  static async start(): Promise<LoadClient> {
    return new LoadClient(await new FakeSlack().start());
  }

  get apiUrl(): string {
    return this.fake.apiUrl;
  }

  async addUsers(users: readonly FakeSlackUser[]): Promise<void> {
    for (const user of users) this.fake.addUser(user);
  }

  async apiCalls(): Promise<Record<string, number>> {
    this.drainCalls();
    return { ...this.apiCallCounts };
  }

  async stop(): Promise<void> {
    await this.fake.stop();
  }

  async run(request: RunRequest): Promise<number[]> {
    const samples: number[] = [];
    if (request.mode === "sequential") {
      for (let i = 0; i < request.count; i++) {
        const user = pick(request.users, i);
        const id = nextId();
        samples.push(await this.send(request, user, id));
        if (request.answers) await this.settle(new Map([[id, user]]));
      }
      return samples;
    }
    for (let sent = 0; sent < request.count; sent += request.concurrency) {
      const size = Math.min(request.concurrency, request.count - sent);
      const burst = new Map<string, BenchUser>();
      for (let i = 0; i < size; i++) burst.set(nextId(), pick(request.users, sent + i));
      // All requests of a burst are signed first and then sent in one go, as Slack would deliver them.
      const results = await Promise.all([...burst].map(([id, user]) => this.send(request, user, id)));
      samples.push(...results);
      if (request.answers) await this.settle(burst);
    }
    return samples;
  }

  /** Signs (outside the timed span, per request, as Slack does) and times one POST until its body is read. */
  private async send(request: RunRequest, user: BenchUser, responseId: string): Promise<number> {
    const body = slashCommandBody({
      command: "/kurs",
      teamId: request.teamId,
      userId: user.id,
      responseUrl: this.fake.responseUrl(responseId),
    });
    const headers = slackHeaders(request.signingSecret, body);
    const started = performance.now();
    const res = await fetch(request.url, { method: "POST", headers, body });
    await res.arrayBuffer();
    const elapsed = performance.now() - started;
    if (res.status !== 200) throw new Error(`POST ${request.url} answered ${res.status}, expected 200`);
    return elapsed;
  }

  /** Waits until every request of `pending` got its response_url answer, and checks each answer is the real one. */
  private async settle(pending: ReadonlyMap<string, BenchUser>): Promise<void> {
    await Promise.all([...pending.keys()].map((id) => this.fake.waitForResponses(id, 1)));
    for (const { id, body } of this.fake.responses.splice(0)) {
      const user = pending.get(id);
      if (!user) throw new Error(`unexpected response_url message for ${id}`);
      if (!JSON.stringify(body).includes(user.expect)) {
        throw new Error(
          `the answer to ${user.id} does not mention "${user.expect}": ${JSON.stringify(body).slice(0, 300)}`,
        );
      }
    }
    this.drainCalls();
  }

  private drainCalls(): void {
    for (const call of this.fake.calls.splice(0)) {
      this.apiCallCounts[call.method] = (this.apiCallCounts[call.method] ?? 0) + 1;
    }
  }
}

function pick<T>(items: readonly T[], i: number): T {
  const item = items[i % items.length];
  if (item === undefined) throw new Error("no users to send as");
  return item;
}

function nextId(): string {
  sequence += 1;
  return `bench-${sequence}`;
}

// ---- child-process side of the RPC -------------------------------------------------------------

type Call =
  | { readonly id: number; readonly op: "addUsers"; readonly users: readonly FakeSlackUser[] }
  | { readonly id: number; readonly op: "run"; readonly request: RunRequest }
  | { readonly id: number; readonly op: "apiCalls" }
  | { readonly id: number; readonly op: "stop" };

export type Reply =
  | { readonly kind: "ready"; readonly apiUrl: string }
  | { readonly kind: "result"; readonly id: number; readonly value: unknown }
  | { readonly kind: "error"; readonly id: number; readonly message: string };

async function serveChild(): Promise<void> {
  const send = (reply: Reply) => process.send?.(reply);
  const client = await LoadClient.start();
  // The parent going away (crash, Ctrl-C) must not leave this process and its port behind.
  process.on("disconnect", () => process.exit(0));
  process.on("message", (message: Call) => {
    const answer = async (): Promise<unknown> => {
      switch (message.op) {
        case "addUsers":
          return client.addUsers(message.users);
        case "run":
          return client.run(message.request);
        case "apiCalls":
          return client.apiCalls();
        case "stop":
          return client.stop();
      }
    };
    answer().then(
      (value) => send({ kind: "result", id: message.id, value: value ?? null }),
      (err: unknown) =>
        send({ kind: "error", id: message.id, message: err instanceof Error ? err.message : String(err) }),
    );
  });
  send({ kind: "ready", apiUrl: client.apiUrl });
}

if (process.env.KURS_BENCH_CLIENT === "1" && process.send) {
  serveChild().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
