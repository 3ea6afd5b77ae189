import { describe, expect, it } from "vitest";
import { splitOrigin, withOrigin } from "../../handlers/slack/modal-origin.js";

describe("modal origin", () => {
  it("carries a response_url next to core's metadata and hands both back", () => {
    const url = "https://hooks.slack.com/actions/T1/123/abc";
    const meta = JSON.stringify({ level: "team", unitId: "u1" });
    expect(splitOrigin(withOrigin(meta, url) ?? "")).toEqual({ metadata: meta, responseUrl: url });
    expect(splitOrigin(withOrigin(undefined, url) ?? "")).toEqual({ metadata: "", responseUrl: url });
  });

  it("leaves metadata alone when there is no message to refresh", () => {
    expect(withOrigin("abc", undefined)).toBe("abc");
    expect(splitOrigin("abc")).toEqual({ metadata: "abc", responseUrl: undefined });
    expect(splitOrigin('{"note":"kursOrigin in text"}')).toEqual({
      metadata: '{"note":"kursOrigin in text"}',
      responseUrl: undefined,
    });
  });
});
