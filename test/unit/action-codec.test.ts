import { describe, expect, it } from "vitest";
import {
  decodeSlackAction,
  encodeSlackAction,
  SlackActionCodecError,
  slackActionIdPattern,
} from "../../src/chat/slack/action-codec.js";
import { renderBlockKit } from "../../src/chat/slack/render-block-kit.js";
import type { Card } from "../../src/core/ui/card.js";
import { assertBlockKitWithinLimits } from "../helpers/block-kit-limits.js";

function codecError(fn: () => unknown): SlackActionCodecError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SlackActionCodecError) return err;
    throw err;
  }
  throw new Error("expected a SlackActionCodecError");
}

describe("Slack action codec", () => {
  it("round-trips id and payload", () => {
    const payload = { goalId: "g_1", note: 'Umlaute äöü, "quotes" & <tags>' };
    const encoded = encodeSlackAction({ id: "goals.checkin", payload }, 7);
    expect(encoded.action_id).toBe("goals.checkin#7");
    expect(decodeSlackAction(encoded.action_id, encoded.value)).toEqual({ id: "goals.checkin", payload });
  });

  it("omits the value when there is no payload and decodes that to an empty payload", () => {
    const encoded = encodeSlackAction({ id: "kurs.help" }, 0);
    expect(encoded).toEqual({ action_id: "kurs.help#0" });
    expect(decodeSlackAction(encoded.action_id, undefined)).toEqual({ id: "kurs.help", payload: {} });
    expect(decodeSlackAction("kurs.help", "")).toEqual({ id: "kurs.help", payload: {} });
  });

  it("gives the same neutral action distinct action_ids within one message", () => {
    const card: Card = {
      summary: "Ziele",
      blocks: [
        { type: "actions", actions: [{ id: "goals.checkin", label: "Check-in A", payload: { goalId: "a" } }] },
        { type: "actions", actions: [{ id: "goals.checkin", label: "Check-in B", payload: { goalId: "b" } }] },
      ],
    };
    const [message] = renderBlockKit(card, { more: (n) => `+${n}` });
    if (message === undefined) throw new Error("no message");
    assertBlockKitWithinLimits(message, "message");
    const buttons = message.blocks.flatMap((b) => (b.type === "actions" ? b.elements : []));
    const ids = buttons.map((b) => ("action_id" in b ? b.action_id : undefined));
    expect(new Set(ids).size).toBe(2);
    const decoded = buttons.map((b) =>
      b.type === "button" ? decodeSlackAction(b.action_id ?? "", b.value) : undefined,
    );
    expect(decoded).toEqual([
      { id: "goals.checkin", payload: { goalId: "a" } },
      { id: "goals.checkin", payload: { goalId: "b" } },
    ]);
    for (const id of ids) expect(id).toMatch(slackActionIdPattern("goals.checkin"));
  });

  it("builds a pattern that matches every encoding of one id and nothing else", () => {
    const pattern = slackActionIdPattern("goals.checkin");
    expect(pattern.test("goals.checkin")).toBe(true);
    expect(pattern.test("goals.checkin#0")).toBe(true);
    expect(pattern.test("goals.checkin#123")).toBe(true);
    expect(pattern.test("goalsXcheckin#1")).toBe(false);
    expect(pattern.test("goals.checkin.more#1")).toBe(false);
    expect(pattern.test("xgoals.checkin#1")).toBe(false);
    expect(pattern.test("goals.checkin#")).toBe(false);
    expect(pattern.test("goals.checkin#1a")).toBe(false);
  });

  it("throws a typed error when the payload is over Slack's 2,000 characters", () => {
    const err = codecError(() => encodeSlackAction({ id: "goals.note", payload: { text: "x".repeat(2000) } }, 0));
    expect(err.code).toBe("value-too-long");
    expect(encodeSlackAction({ id: "goals.note", payload: { t: "x".repeat(1992) } }, 0).value?.length).toBe(2000);
  });

  it("throws a typed error when the encoded action_id is over 255 characters", () => {
    const err = codecError(() => encodeSlackAction({ id: `a.${"b".repeat(260)}` }, 0));
    expect(err.code).toBe("action-id-too-long");
  });

  it("rejects malformed ids and values", () => {
    expect(codecError(() => decodeSlackAction("nodot#1", undefined)).code).toBe("malformed");
    expect(codecError(() => decodeSlackAction("goals.x#1", "{not json")).code).toBe("malformed");
    expect(codecError(() => decodeSlackAction("goals.x#1", "[1,2]")).code).toBe("malformed");
    expect(codecError(() => decodeSlackAction("goals.x#1", '{"n":1}')).code).toBe("malformed");
  });

  it("keeps a forged __proto__ key as plain data", () => {
    const decoded = decodeSlackAction("goals.x#1", '{"__proto__":"polluted","a":"b"}');
    expect(Object.getPrototypeOf(decoded.payload)).toBe(Object.prototype);
    expect(Object.keys(decoded.payload)).toEqual(["__proto__", "a"]);
  });

  it("keeps a # that is not followed by an index as part of the id", () => {
    expect(decodeSlackAction("goals.a#b", undefined).id).toBe("goals.a#b");
  });
});
