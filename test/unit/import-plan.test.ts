import { describe, expect, it } from "vitest";
import { type OrgSnapshot, planImport, summarisePlan } from "../../src/core/org/import-plan.js";
import { parseOrgCsv } from "../../src/core/org/org-csv.js";

const HEADER = "email,name,role,unit_path,manager_email,slack_user_id";

async function rows(lines: string[]) {
  const parsed = await parseOrgCsv([HEADER, ...lines].join("\n"));
  expect(parsed.problems).toEqual([]);
  return parsed.rows;
}

const snapshot: OrgSnapshot = {
  units: [
    { id: "u1", path: "F" },
    { id: "u2", path: "F/A" },
  ],
  people: [
    {
      id: "p1",
      email: "boss@f.de",
      name: "Boss",
      locale: "de",
      timezone: null,
      slackUserId: "UBOSS",
      teamsAadObjectId: null,
      managerEmail: null,
      active: true,
      roles: [{ role: "managing_director", unitPath: "F" }],
    },
    {
      id: "p2",
      email: "gone@f.de",
      name: "Gone",
      locale: null,
      timezone: null,
      slackUserId: null,
      teamsAadObjectId: null,
      managerEmail: "boss@f.de",
      active: true,
      roles: [{ role: "member", unitPath: "F/A" }],
    },
  ],
};

describe("planImport", () => {
  it("creates missing units parents first, people, managers and roles", async () => {
    const plan = planImport(
      await rows(["boss@f.de,Boss,managing_director,F,,", "new@f.de,Neu,member,F/B/C,boss@f.de,"]),
      snapshot,
    );
    expect(plan.unitsToCreate.map((u) => [u.path, u.kind, u.parentPath])).toEqual([
      ["F/B", "area", "F"],
      ["F/B/C", "team", "F/B"],
    ]);
    expect(plan.peopleToCreate.map((p) => p.email)).toEqual(["new@f.de"]);
    expect(plan.managers).toEqual([{ email: "new@f.de", managerEmail: "boss@f.de" }]);
    expect(plan.roles).toEqual([{ email: "new@f.de", role: "member", unitPath: "F/B/C" }]);
    expect(plan.deactivate).toEqual([{ id: "p2", email: "gone@f.de" }]);
    expect(summarisePlan(plan, 2)).toEqual({
      unitsCreated: 2,
      peopleCreated: 1,
      peopleUpdated: 0,
      peopleUnchanged: 1,
      peopleDeactivated: 1,
    });
  });

  it("keeps a stored Slack id when the file leaves the column empty, and updates a changed name in place", async () => {
    const plan = planImport(
      await rows(["boss@f.de,Boss Neu,managing_director,F,,", "gone@f.de,Gone,member,F/A,boss@f.de,"]),
      snapshot,
    );
    expect(plan.peopleToUpdate).toEqual([{ id: "p1", email: "boss@f.de", changes: { name: "Boss Neu" } }]);
    expect(plan.unitsToCreate).toEqual([]);
    expect(plan.roles).toEqual([]);
    expect(plan.managers).toEqual([]);
    expect(plan.deactivate).toEqual([]);
  });
});
