import { describe, expect, it } from "vitest";
import { parseOrgCsv } from "../../src/core/org/org-csv.js";

const HEADER = "email,name,role,unit_path,manager_email,slack_user_id,teams_aad_object_id,locale,timezone";
const GOOD = [
  HEADER,
  "gf@firma.de,Gabi Fuchs,managing_director,Firma,,U0GF00001,,de,Europe/Berlin",
  "bl@firma.de,Bernd Lang,area_head,Firma/Service,gf@firma.de,,,de,",
  "tl@firma.de,Tina Lorenz,team_lead,Firma/Service/Desk,bl@firma.de,,0f8fad5b-d9cb-469f-a165-70867728950e,en,Europe/Vienna",
  "ma@firma.de,Max Arndt,member,Firma/Service/Desk,tl@firma.de,,,,",
].join("\n");

describe("parseOrgCsv", () => {
  it("reads a valid file", async () => {
    const { rows, problems } = await parseOrgCsv(GOOD);
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(4);
    expect(rows[2]).toMatchObject({
      email: "tl@firma.de",
      role: "team_lead",
      unitPath: "Firma/Service/Desk",
      managerEmail: "bl@firma.de",
      teamsAadObjectId: "0f8fad5b-d9cb-469f-a165-70867728950e",
      locale: "en",
      timezone: "Europe/Vienna",
      line: 4,
    });
  });

  it("accepts a semicolon-separated Excel export with a BOM, German role names and columns in any order", async () => {
    const csv =
      "\uFEFFname;email;unit_path;role\nGabi Fuchs;GF@Firma.de;Firma;Geschäftsführer\nMax Arndt;ma@firma.de;Firma / Service ;Mitarbeiterin\n";
    const { rows, problems } = await parseOrgCsv(csv);
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.email, r.role, r.unitPath])).toEqual([
      ["gf@firma.de", "managing_director", "Firma"],
      ["ma@firma.de", "member", "Firma/Service"],
    ]);
  });

  it("reports every bad row with its line number and reason, and returns no rows", async () => {
    const csv = [
      HEADER,
      "gf@firma.de,Gabi Fuchs,managing_director,Firma,,,,,",
      "not-an-email,Kein Name,member,Firma/A,,,,,",
      "gf@firma.de,Doppelt,member,Firma/A,,,,,",
      "x@firma.de,,chef,Firma//A,,,,,",
      "y@firma.de,Y,area_head,Firma/A/B,,,,,",
      "z@firma.de,Z,member,Firma/A,nobody@firma.de,U1,not-a-guid,fr,Mars/Base",
      "too,few,columns",
      "w@firma.de,W,member,Andere/A,,,,,",
    ].join("\n");
    const { rows, problems } = await parseOrgCsv(csv);
    expect(rows).toEqual([]);
    const byLine = (line: number) => problems.filter((p) => p.line === line).map((p) => p.code);
    expect(byLine(3)).toEqual(["email"]);
    expect(byLine(4)).toEqual(["duplicate_email"]);
    expect(byLine(5)).toEqual(expect.arrayContaining(["name", "role", "unit_path"]));
    expect(byLine(6)).toEqual(["role_level"]);
    expect(byLine(7)).toEqual(expect.arrayContaining(["slack_user_id", "teams_aad_object_id", "locale", "timezone"]));
    expect(byLine(8)).toEqual(["columns"]);
    expect(byLine(9)).toEqual(["several_roots"]);
    expect(problems.map((p) => p.line)).toEqual([...problems.map((p) => p.line)].sort((a, b) => a - b));
  });

  it("finds unknown managers and reporting cycles", async () => {
    const csv = [
      HEADER,
      "a@f.de,A,member,F,b@f.de,,,,",
      "b@f.de,B,member,F,a@f.de,,,,",
      "c@f.de,C,member,F,c@f.de,,,,",
      "d@f.de,D,member,F,ghost@f.de,,,,",
      "e@f.de,E,member,F,known@f.de,,,,",
    ].join("\n");
    const { problems } = await parseOrgCsv(csv, new Set(["known@f.de"]));
    expect(problems.map((p) => [p.line, p.code])).toEqual([
      [2, "manager_cycle"],
      [3, "manager_cycle"],
      [4, "manager_self"],
      [5, "manager_unknown"],
    ]);
  });

  it("explains a file without the required columns, an unknown column, an empty file and broken quoting", async () => {
    expect((await parseOrgCsv("mail,name\nx@y.de,X")).problems.map((p) => p.code)).toEqual([
      "missing_columns",
      "unknown_columns",
    ]);
    expect((await parseOrgCsv("")).problems.map((p) => p.code)).toEqual(["empty_file"]);
    expect((await parseOrgCsv(`${HEADER}\n`)).problems.map((p) => p.code)).toEqual(["empty_file"]);
    const broken = await parseOrgCsv(`${HEADER}\n"a@b.de,"unterminated,member,F,,,,,\n`);
    expect(broken.problems[0]?.code).toBe("syntax");
  });
});
