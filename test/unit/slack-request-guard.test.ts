import { describe, expect, it } from "vitest";
import { checkSlackRequest } from "../../src/web/slack-request-guard.js";
import { slackHeaders } from "../helpers/slack-signing.js";

const SECRET = "unit-signing-secret";
const NOW = 1_800_000_000;

function check(body: string, options: { timestamp?: number; secret?: string; contentType?: string } = {}) {
  const headers = slackHeaders(options.secret ?? SECRET, body, options.timestamp ?? NOW);
  return checkSlackRequest(
    SECRET,
    {
      body,
      contentType: options.contentType ?? headers["content-type"],
      signature: headers["x-slack-signature"],
      timestamp: headers["x-slack-request-timestamp"],
    },
    NOW,
  );
}

const interaction = (payload: unknown) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

describe("Slack request guard", () => {
  it("accepts a request within five minutes either way and refuses one beyond", () => {
    const body = "command=%2Fkurs&text=";
    expect(check(body, { timestamp: NOW + 300 })).toEqual({ ok: true });
    expect(check(body, { timestamp: NOW - 300 })).toEqual({ ok: true });
    expect(check(body, { timestamp: NOW + 301 })).toMatchObject({ ok: false, status: 401, reason: /future/ });
    expect(check(body, { timestamp: NOW - 301 })).toMatchObject({ ok: false, status: 401, reason: /past/ });
  });

  it("refuses a wrong signature and missing or garbage headers with 401", () => {
    expect(check("command=%2Fkurs", { secret: "other" })).toMatchObject({ status: 401, reason: /mismatch/ });
    const noHeaders = checkSlackRequest(
      SECRET,
      { body: "", contentType: undefined, signature: undefined, timestamp: undefined },
      NOW,
    );
    expect(noHeaders).toMatchObject({ status: 401 });
    const garbage = checkSlackRequest(
      SECRET,
      { body: "", contentType: undefined, signature: "v0=abc", timestamp: "soon" },
      NOW,
    );
    expect(garbage).toMatchObject({ status: 401, reason: /timestamp/ });
  });

  it("passes well-formed interactions, including ones with an action or callback Kurs does not know", () => {
    expect(check(interaction({ type: "block_actions", actions: [{ action_id: "no.such#0" }] }))).toEqual({ ok: true });
    expect(check(interaction({ type: "view_submission", view: { callback_id: "no.such" } }))).toEqual({ ok: true });
    expect(check(interaction({ type: "shortcut", callback_id: "x" }))).toEqual({ ok: true });
    expect(check(JSON.stringify({ type: "event_callback", event: {} }), { contentType: "application/json" })).toEqual({
      ok: true,
    });
  });

  it("answers signed garbage with 400", () => {
    for (const body of ["payload=null", "payload=%7B%7D", "payload=%5B%5D", "payload=42", "nothing=here"]) {
      expect(check(body), body).toMatchObject({ ok: false, status: 400 });
    }
    expect(check("<xml/>", { contentType: "text/xml" })).toMatchObject({ status: 400, reason: /content type/ });
  });
});
