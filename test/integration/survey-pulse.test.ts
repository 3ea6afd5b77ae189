import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { ProcessorDeps } from "../../jobs/processors/deps.js";
import { createWorker } from "../../jobs/worker-runtime.js";
import { deliveryRenderers } from "../../src/core/features.js";
import { PROMPT_PURPOSE, pulsePlans, resultsCard } from "../../src/core/surveys/pulse.js";
import { PULSE_TEMPLATE } from "../../src/core/surveys/templates.js";
import { translator } from "../../src/core/ui/i18n/index.js";
import { type Database, openDatabase } from "../../src/db/client.js";
import { PrismaDeliveryRepository } from "../../src/db/delivery-repository.js";
import { PrismaOrgRepository } from "../../src/db/org-repository.js";
import { createServices } from "../../src/db/services.js";
import { PrismaSurveyRepository } from "../../src/db/survey-repository.js";
import { sweepDeliveries } from "../../src/delivery/sweep.js";
import { createLogger } from "../../src/logger.js";
import { JobProducer } from "../../src/queue/job-producer.js";
import { closeRedis, createRedis } from "../../src/queue/redis.js";
import { FakeSlack } from "../helpers/fake-slack.js";
import { processorDeps } from "../helpers/processor-deps.js";
import { createTestTenant, type TestTenant } from "../helpers/tenant-fixture.js";

const log = createLogger("silent");
let db: Database;
let slack: FakeSlack;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: inject("databaseUrl") });
  slack = await new FakeSlack().start();
});

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  slack.slowDown("chat.postMessage", 0);
});

afterAll(async () => {
  await db.close();
  await slack.stop();
});

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The fixture's five people plus `extra` more on Slack only. */
async function tenantWith(extra: number): Promise<TestTenant> {
  const org = await createTestTenant(db);
  const suffix = randomUUID().slice(0, 8);
  await db.prisma.person.createMany({
    data: Array.from({ length: extra }, (_, i) => ({
      tenantId: org.tenant.id,
      email: `p${i}.${suffix}@example.com`,
      name: `Person ${i}`,
      slackUserId: `UP${i}X${suffix.toUpperCase()}`,
    })),
  });
  return org;
}

function services(producer: JobProducer) {
  return createServices(db.prisma, { jobs: producer, clock: { now: () => new Date() }, defaultLocale: "de" });
}

/** An open pulse wave with its prompts planned for everyone active (Slack rows only, for counting). */
async function openPulse(org: TestTenant, threshold: number, slackOnly: boolean) {
  const surveys = new PrismaSurveyRepository(db.prisma);
  const people = await new PrismaOrgRepository(db.prisma).people(org.tenant.id);
  const boss = people.find((p) => p.email === org.people.boss.email);
  if (!boss) throw new Error("no boss");
  const survey = await surveys.create({
    tenantId: org.tenant.id,
    title: `Puls ${randomUUID().slice(0, 6)}`,
    templateKey: "pulse",
    createdById: boss.id,
    anonymityThreshold: threshold,
    instrument: PULSE_TEMPLATE,
  });
  const wave = await surveys.addWave(org.tenant.id, survey.id, "pulse", "Puls");
  const now = new Date();
  const targets = slackOnly ? people.map((p) => ({ ...p, teamsAadObjectId: null })) : people;
  const plans = pulsePlans(org.tenant, targets, boss, wave.id, now, new Date(now.getTime() + 10 * 86_400_000));
  const deliveryIds = await surveys.openPulse({
    tenantId: org.tenant.id,
    waveId: wave.id,
    anonymityThreshold: threshold,
    opensAt: now,
    closesAt: new Date(now.getTime() + 10 * 86_400_000),
    plans,
  });
  return { surveys, survey, wave, people, deliveryIds };
}

function promptsPerUser(title: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of slack.callsOf("chat.postMessage")) {
    const body = JSON.stringify(call.body);
    if (call.rateLimited || !body.includes(title) || !body.includes("surveys.pick")) continue;
    const channel = String(call.body.channel);
    counts.set(channel, (counts.get(channel) ?? 0) + 1);
  }
  return counts;
}

describe("pulse fan-out", () => {
  it("a pulse to 90 people reaches each exactly once, also after a worker is killed mid-run", async () => {
    const org = await tenantWith(85);
    const { survey, wave, people } = await openPulse(org, 5, true);
    expect(people).toHaveLength(90);
    const prefix = `kurs-test-${randomUUID().slice(0, 8)}`;
    const redisUrl = inject("redisUrl");
    const producerRedis: Redis = createRedis(redisUrl, "producer", log);
    const producer = new JobProducer(producerRedis, prefix);
    producer.queue.on("error", () => undefined);
    closers.push(
      () => closeRedis(producerRedis),
      () => producer.close(),
    );
    const deps: ProcessorDeps = {
      ...processorDeps(db, { slackApiUrl: slack.apiUrl, producer, clock: { now: () => new Date() }, log }),
      renderers: deliveryRenderers(services(producer)),
    };
    const startWorker = async () => {
      const workerRedis = createRedis(redisUrl, "worker", log);
      const worker = createWorker(workerRedis, prefix, deps, 4);
      closers.push(
        () => closeRedis(workerRedis),
        () => worker.close(true),
      );
      await worker.waitUntilReady();
      return worker;
    };
    slack.slowDown("chat.postMessage", 100);
    const first = await startWorker();
    const sweepDeps = {
      store: new PrismaDeliveryRepository(db.prisma),
      queue: producer,
      clock: { now: () => new Date() },
    };
    await sweepDeliveries(sweepDeps, 2_000, org.tenant.id);
    await until("some prompts out", () => (promptsPerUser(survey.title).size >= 5 ? true : undefined));
    await first.close(true);
    expect(promptsPerUser(survey.title).size).toBeLessThan(90);

    await startWorker();
    await until("every prompt sent", async () => {
      await sweepDeliveries(sweepDeps, 2_000, org.tenant.id);
      const rows = await db.prisma.delivery.findMany({
        where: { tenantId: org.tenant.id, purpose: PROMPT_PURPOSE, subject: wave.id },
      });
      return rows.length === 90 && rows.every((r) => r.state === "sent") ? true : undefined;
    });
    const counts = promptsPerUser(survey.title);
    expect(counts.size).toBe(90);
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    // Reminders wait for their 09:00 slots; nothing else went out.
    const sentOther = await db.prisma.delivery.count({
      where: { tenantId: org.tenant.id, purpose: { not: PROMPT_PURPOSE }, state: "sent" },
    });
    expect(sentOther).toBe(0);
  });
});

describe("anonymity in chat results", () => {
  for (const n of [2, 3, 4, 5, 6]) {
    it(`with ${n} answers and a threshold of 5`, async () => {
      const org = await tenantWith(5);
      const { surveys, survey, wave, people } = await openPulse(org, 5, true);
      const desk = await db.prisma.orgUnit.findFirstOrThrow({
        where: { tenantId: org.tenant.id, parentId: { not: null } },
        orderBy: { path: "desc" },
      });
      for (const person of people.slice(0, n)) {
        const stored = await surveys.answerInChat(
          org.tenant.id,
          wave.id,
          person.id,
          {
            source: "chat",
            locale: "de",
            unitId: desk.id,
            personId: null,
            answers: [
              { questionKey: "clarity", value: 4, choice: null, text: null },
              { questionKey: "nps", value: 9, choice: null, text: null },
              { questionKey: "comment", value: null, choice: null, text: `geheim ${person.email.length}` },
            ],
          },
          new Date(),
        );
        expect(stored).toBe(true);
      }
      // A second answer by the same person is refused and stores nothing.
      const first = people[0];
      if (!first) throw new Error("no people");
      expect(
        await surveys.answerInChat(
          org.tenant.id,
          wave.id,
          first.id,
          { source: "chat", locale: "de", unitId: null, personId: null, answers: [] },
          new Date(),
        ),
      ).toBe(false);
      const responses = await db.prisma.surveyResponse.findMany({ where: { tenantId: org.tenant.id } });
      expect(responses).toHaveLength(n);
      expect(responses.every((r) => r.personId === null)).toBe(true);

      const producerRedis = createRedis(inject("redisUrl"), "producer", log);
      const producer = new JobProducer(producerRedis, `kurs-test-${randomUUID().slice(0, 8)}`);
      closers.push(
        () => closeRedis(producerRedis),
        () => producer.close(),
      );
      const svc = services(producer);
      const full = await surveys.get(org.tenant.id, survey.id);
      if (!full) throw new Error("no survey");
      const card = JSON.stringify(await resultsCard(svc, translator("de"), "de", full, wave));
      if (n < 5) {
        expect(card).toContain("Zu wenige Antworten");
        expect(card).not.toContain("von 5");
      } else {
        expect(card).toContain("Klarheit: 4,0 von 5");
      }
      if (n > 5) expect(card).toContain("geheim");
      else expect(card).not.toContain("geheim");
      // Never a name, in any case: the free text is shown without its author.
      expect(card).not.toContain("Birgit");
    });
  }
});
