import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTeamsConnector, messageActivity, postActivity } from "../helpers/fake-teams-connector.js";
import { type RunningKurs, startKurs } from "../helpers/kurs-instance.js";

let app: RunningKurs;
const connector = new FakeTeamsConnector();

beforeAll(async () => {
  await connector.start();
  app = await startKurs({
    env: {
      MICROSOFT_APP_ID: "6b0a4d7e-1f0e-4c4f-9a43-2f4f4f4f4f4f",
      MICROSOFT_APP_PASSWORD: "not-a-real-secret",
      MICROSOFT_APP_TYPE: "MultiTenant",
    },
  });
});

afterAll(async () => {
  await app?.stop();
  await connector.stop();
});

// Only the missing-token case is tested: validating a present token makes botbuilder fetch
// Microsoft's signing keys, which a test on a closed network must not try.
describe("Teams with Microsoft credentials", () => {
  it("rejects an activity without a Bot Framework token and sends nothing", async () => {
    const activity = messageActivity({
      text: "hilfe",
      serviceUrl: connector.url,
      tenantId: "11111111-2222-3333-4444-555555555555",
      aadObjectId: "00000000-0000-4000-8000-000000000002",
    });
    const res = await postActivity(app.url, activity);
    expect(res.status).toBe(401);
    expect(connector.sent).toHaveLength(0);
  });
});
