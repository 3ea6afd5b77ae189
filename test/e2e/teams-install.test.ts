import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

/** What Teams sends into the new 1:1 chat when the app is installed for someone. */
function installActivity(
  aadObjectId: string,
  conversationId: string,
  type: "conversationUpdate" | "installationUpdate",
) {
  const base = messageActivity({
    text: "",
    serviceUrl: connector.url,
    tenantId: org.teamsTenantId,
    aadObjectId,
    conversationId,
  });
  const { text: _text, textFormat: _format, ...rest } = base;
  return type === "conversationUpdate"
    ? { ...rest, type, membersAdded: [{ id: "28:kurs-bot" }] }
    : { ...rest, type, action: "add" };
}

async function storedConversation(email: string): Promise<string | undefined> {
  const person = await app.kurs.db.prisma.person.findFirstOrThrow({ where: { tenantId: org.tenant.id, email } });
  const row = await app.kurs.db.prisma.teamsConversation.findUnique({
    where: { tenantId_personId: { tenantId: org.tenant.id, personId: person.id } },
  });
  const reference = row?.reference as { conversation?: { id?: string } } | undefined;
  return reference?.conversation?.id;
}

describe("Teams install events", () => {
  it("remember the new 1:1 chat when the app is installed, so proactive messages need no first message", async () => {
    expect(await storedConversation(org.people.anna.email)).toBeUndefined();
    const res = await postActivity(
      app.url,
      installActivity(org.people.anna.aadObjectId, "a:install-anna", "conversationUpdate"),
    );
    expect(res.status).toBeLessThan(300);
    expect(await storedConversation(org.people.anna.email)).toBe("a:install-anna");

    // A reinstall (installationUpdate) moves it to the new conversation.
    const again = await postActivity(
      app.url,
      installActivity(org.people.anna.aadObjectId, "a:reinstall-anna", "installationUpdate"),
    );
    expect(again.status).toBeLessThan(300);
    expect(await storedConversation(org.people.anna.email)).toBe("a:reinstall-anna");
  });

  it("never store a team channel or group chat as someone's DM", async () => {
    const channel = {
      ...installActivity(org.people.tom.aadObjectId, "19:team-channel@thread.tacv2", "conversationUpdate"),
      conversation: { id: "19:team-channel@thread.tacv2", conversationType: "channel", tenantId: org.teamsTenantId },
    };
    const res = await postActivity(app.url, channel);
    expect(res.status).toBeLessThan(300);
    expect(await storedConversation(org.people.tom.email)).toBeUndefined();
  });
});
