import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertValidAdaptiveCard } from "../helpers/adaptive-card-validate.js";
import { FakeTeamsConnector, messageActivity, postActivity } from "../helpers/fake-teams-connector.js";
import { type RunningKurs, startKurs } from "../helpers/kurs-instance.js";
import { createTestTenant, type TestTenant } from "../helpers/tenant-fixture.js";

let app: RunningKurs;
let org: TestTenant;
const connector = new FakeTeamsConnector();

beforeAll(async () => {
  await connector.start();
  app = await startKurs();
  org = await createTestTenant(app.kurs.db);
});

afterAll(async () => {
  await app?.stop();
  await connector.stop();
});

async function send(text: string, person: { aadObjectId: string }, locale: string, tenantId = org.teamsTenantId) {
  const activity = messageActivity({
    text,
    serviceUrl: connector.url,
    tenantId,
    aadObjectId: person.aadObjectId,
    locale,
  });
  const before = connector.sent.length;
  const res = await postActivity(app.url, activity);
  expect(res.status).toBeLessThan(300);
  // Only this activity's replies: a message another test caused may still be arriving.
  const replies = connector.sent.slice(before).filter((r) => r.replyToId === activity.id);
  expect(replies).toHaveLength(1);
  const reply = replies[0];
  if (!reply) throw new Error("no reply");
  expect(reply.replyToId).toBe(activity.id);
  const attachments = reply.activity.attachments as { contentType: string; content: Record<string, unknown> }[];
  expect(attachments[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
  const card = attachments[0]?.content ?? {};
  assertValidAdaptiveCard(card);
  return { reply: reply.activity, card, text: JSON.stringify(card) };
}

describe("kurs over the Teams endpoint", () => {
  it("answers 'hilfe' in German with unit, role and manager", async () => {
    const { text, reply } = await send("hilfe", org.people.anna, "de-DE");
    expect(text).toContain("Ihr Platz in der Organisation");
    expect(text).toContain("Anna Schmidt");
    expect(text).toContain("Tina Teamleiterin");
    expect(text).toContain("Mitarbeiter/in");
    expect(reply.summary).toContain("Anna Schmidt");
  });

  it("answers 'help' in English for an English Teams client", async () => {
    const { text } = await send("help", org.people.tom, "en-US");
    expect(text).toContain("Your place in the organisation");
    expect(text).toContain("Team member");
  });

  it("strips the bot mention and a leading slash: '/kurs' works too", async () => {
    const { text } = await send("/kurs", org.people.lead, "de-DE");
    expect(text).toContain("Bereichsleitung");
  });

  it("explains an unknown word and lists the commands", async () => {
    const { text } = await send("blabla", org.people.anna, "de-DE");
    expect(text).toContain("„blabla“ kennt Kurs nicht");
    expect(text).toContain("kurs");
  });

  it("tells a tenant that is not set up so, and shows no other tenant's data", async () => {
    const { text } = await send("kurs", org.people.anna, "de-DE", "00000000-0000-0000-0000-00000000dead");
    expect(text).toContain("noch nicht mit Kurs verbunden");
    expect(text).not.toContain("Anna Schmidt");
    // It names the tenant id it saw and the one command that binds it; importing the org would not help.
    expect(text).toContain("kurs tenant --teams-tenant-id 00000000-0000-0000-0000-00000000dead");
    expect(text).not.toContain("import org");
  });

  it("matches an unknown AAD user by e-mail through the connector's member lookup and links them", async () => {
    const newcomer = { aadObjectId: "5a1e6f0e-0000-4000-8000-000000000001" };
    // Tom's row has an AAD id already; a second account of Tom's e-mail must not take over his.
    connector.members.set(`29:${newcomer.aadObjectId}`, { email: org.people.tom.email });
    const { text } = await send("kurs", newcomer, "de-DE");
    expect(text).not.toContain("Tom O'Brien");
    expect(text).toContain("noch nicht im Organigramm");
  });
});
