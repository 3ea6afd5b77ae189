import { describe, expect, it } from "vitest";
import { demoFeedback, demoOrganisation, demoOrgCsv } from "../../src/core/org/demo.js";
import { parseOrgCsv } from "../../src/core/org/org-csv.js";

describe("demo organisation", () => {
  it("is shaped like SEED.md's company: 3 managing directors, 6 areas, 15 teams, 90 people", () => {
    const people = demoOrganisation();
    expect(people).toHaveLength(90);
    expect(people.filter((p) => p.role === "managing_director")).toHaveLength(3);
    expect(new Set(people.filter((p) => p.role === "area_head").map((p) => p.unitPath)).size).toBe(6);
    expect(new Set(people.filter((p) => p.role === "team_lead").map((p) => p.unitPath)).size).toBe(15);
    expect(new Set(people.map((p) => p.email)).size).toBe(90);
    const english = people.filter((p) => p.locale === "en").length;
    expect(english).toBeGreaterThan(0);
    expect(english).toBeLessThan(15);
    // Everyone but the directors reports to someone in the file.
    const emails = new Set(people.map((p) => p.email));
    for (const p of people.filter((x) => x.role !== "managing_director"))
      expect(emails.has(p.managerEmail ?? "")).toBe(true);
  });

  it("is deterministic and passes the org import's own validation", async () => {
    expect(demoOrgCsv()).toBe(demoOrgCsv());
    const parsed = await parseOrgCsv(demoOrgCsv());
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toHaveLength(90);
  });

  it("--me puts the given e-mail on the first managing director and re-points their reports", () => {
    const people = demoOrganisation({ me: "Me@Example.org" });
    expect(people[0]).toMatchObject({ email: "me@example.org", role: "managing_director" });
    expect(people.filter((p) => p.managerEmail === "me@example.org").length).toBeGreaterThan(0);
  });

  it("books three demo talks on the next working days, each leader with one of their own reports", () => {
    const people = demoOrganisation();
    // Friday: the talks fall on Monday, Tuesday and Wednesday.
    const plan = demoFeedback(people, "2026-03-06");
    expect(plan.talks.map((t) => t.date)).toEqual(["2026-03-09", "2026-03-10", "2026-03-11"]);
    for (const talk of plan.talks) {
      expect(people.find((p) => p.email === talk.employeeEmail)?.managerEmail).toBe(talk.leaderEmail);
    }
    expect(plan.groupEmails).toHaveLength(3);
  });
});
