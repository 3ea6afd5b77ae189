import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTeamsConnector, messageActivity, postActivity } from "../helpers/fake-teams-connector.js";
import { type RunningKurs, SIGNING_SECRET, startKurs } from "../helpers/kurs-instance.js";
import { postSlashCommand } from "../helpers/slack-signing.js";
import { createTestTenant, type TestTenant } from "../helpers/tenant-fixture.js";

let app: RunningKurs;
let a: TestTenant;
let b: TestTenant;
const connector = new FakeTeamsConnector();

beforeAll(async () => {
  await connector.start();
  app = await startKurs();
  a = await createTestTenant(app.kurs.db, { name: "Alpha GmbH" });
  b = await createTestTenant(app.kurs.db, { name: "Beta AG" });
});

afterAll(async () => {
  await app?.stop();
  await connector.stop();
});

async function slackKurs(teamId: string, userId: string): Promise<string> {
  const id = `${teamId}-${userId}-${Math.random()}`;
  await postSlashCommand(app.url, SIGNING_SECRET, {
    command: "/kurs",
    teamId,
    userId,
    responseUrl: app.slack.responseUrl(id),
  });
  const [message] = await app.slack.waitForResponses(id);
  return JSON.stringify(message);
}

async function teamsKurs(tenantId: string, aadObjectId: string): Promise<string> {
  const before = connector.sent.length;
  await postActivity(app.url, messageActivity({ text: "kurs", serviceUrl: connector.url, tenantId, aadObjectId }));
  return JSON.stringify(connector.sent.slice(before));
}

describe("two tenants on one database", () => {
  it("Slack: each workspace sees only its own people", async () => {
    const inA = await slackKurs(a.slackTeamId, a.people.anna.slackUserId);
    expect(inA).toContain(a.people.anna.name);
    expect(inA).toContain(a.people.tina.name);
    // The same user id arriving from the other workspace is a stranger there.
    const crossed = await slackKurs(b.slackTeamId, a.people.anna.slackUserId);
    expect(crossed).toContain("Beta AG");
    expect(crossed).not.toContain(a.people.tina.name);
    expect(crossed).not.toContain("Testfirma");
  });

  it("Slack: e-mail matching never links a user to another tenant's person", async () => {
    const stranger = "USTRANGER1";
    app.slack.addUser({ id: stranger, email: b.people.anna.email, locale: "de-DE" });
    const answer = await slackKurs(a.slackTeamId, stranger);
    expect(answer).toContain("noch nicht im Organigramm");
    const bAnna = await app.kurs.db.prisma.person.findFirstOrThrow({
      where: { tenantId: b.tenant.id, email: b.people.anna.email },
    });
    expect(bAnna.slackUserId).toBe(b.people.anna.slackUserId);
  });

  it("Teams: each Microsoft tenant sees only its own people", async () => {
    const inB = await teamsKurs(b.teamsTenantId, b.people.tom.aadObjectId);
    expect(inB).toContain("Tom O");
    expect(inB).toContain(b.people.tina.name);
    const crossed = await teamsKurs(a.teamsTenantId, b.people.tom.aadObjectId);
    expect(crossed).toContain("noch nicht im Organigramm");
    expect(crossed).not.toContain(b.people.tina.name);
  });

  it("an unknown workspace gets a friendly answer and no data", async () => {
    const answer = await slackKurs("TNOTSETUP", a.people.anna.slackUserId);
    expect(answer).toContain("noch nicht mit Kurs verbunden");
    expect(answer).not.toContain(a.people.anna.name);
  });
});

describe("linking chat accounts by e-mail on first contact", () => {
  it("Slack: a person imported without a Slack id is found via users.info e-mail and linked", async () => {
    const person = await app.kurs.db.prisma.person.create({
      data: {
        tenantId: a.tenant.id,
        email: `nora.${a.slackTeamId.toLowerCase()}@example.com`,
        name: "Nora Neu",
        locale: "de",
      },
    });
    app.slack.addUser({ id: "UNORA0001", email: person.email, locale: "de-DE" });
    const answer = await slackKurs(a.slackTeamId, "UNORA0001");
    expect(answer).toContain("Nora Neu");
    const stored = await app.kurs.db.prisma.person.findUniqueOrThrow({ where: { id: person.id } });
    expect(stored.slackUserId).toBe("UNORA0001");
  });

  it("Teams: a person imported without an AAD id is found via the connector's member e-mail and linked", async () => {
    const person = await app.kurs.db.prisma.person.create({
      data: { tenantId: b.tenant.id, email: `otto.${b.slackTeamId.toLowerCase()}@example.com`, name: "Otto Offen" },
    });
    const aad = "0d7e3c1a-1111-4222-8333-944455556666";
    connector.members.set(`29:${aad}`, { email: person.email });
    const answer = await teamsKurs(b.teamsTenantId, aad);
    expect(answer).toContain("Otto Offen");
    const stored = await app.kurs.db.prisma.person.findUniqueOrThrow({ where: { id: person.id } });
    expect(stored.teamsAadObjectId).toBe(aad);
  });
});
