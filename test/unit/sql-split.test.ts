import { describe, expect, it } from "vitest";
import { splitSqlStatements } from "../../src/db/sql-split.js";

describe("splitSqlStatements", () => {
  it("splits on semicolons outside strings, identifiers, dollar quotes and comments", () => {
    const sql = [
      "-- CreateTable; not a statement",
      `CREATE TABLE "a;b" ("v" TEXT DEFAULT 'x;y', "w" TEXT DEFAULT 'it''s;');`,
      "/* block; comment */",
      "DO $body$ BEGIN PERFORM 1; PERFORM 2; END $body$;",
      "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;",
      "SELECT 1",
    ].join("\n");
    const statements = splitSqlStatements(sql);
    expect(statements.map((s) => s.line)).toEqual([2, 4, 5, 6]);
    expect(statements[0]?.text).toContain(`'it''s;'`);
    expect(statements[1]?.text).toBe("DO $body$ BEGIN PERFORM 1; PERFORM 2; END $body$");
    expect(statements[2]?.text).toContain("SELECT 1; $$");
    expect(statements[3]?.text).toBe("SELECT 1");
  });

  it("ignores empty statements and comment-only tails", () => {
    expect(splitSqlStatements(";;\n-- nothing\n")).toEqual([]);
  });
});
