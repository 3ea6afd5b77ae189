import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import { type Locale, ROLES, type Role, toLocale } from "./types.js";

export const ORG_CSV_COLUMNS = [
  "email",
  "name",
  "role",
  "unit_path",
  "manager_email",
  "slack_user_id",
  "teams_aad_object_id",
  "locale",
  "timezone",
] as const;
const REQUIRED_COLUMNS = ["email", "name", "role", "unit_path"] as const;

export interface OrgRow {
  readonly line: number;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly unitPath: string;
  readonly managerEmail: string | undefined;
  readonly slackUserId: string | undefined;
  readonly teamsAadObjectId: string | undefined;
  readonly locale: Locale | undefined;
  readonly timezone: string | undefined;
}

/** A problem with one line of the file; rendered through the i18n catalogs (key `import.error.<code>`). */
export interface RowProblem {
  readonly line: number;
  readonly code:
    | "columns"
    | "missing_columns"
    | "unknown_columns"
    | "syntax"
    | "empty_file"
    | "email"
    | "duplicate_email"
    | "name"
    | "role"
    | "unit_path"
    | "role_level"
    | "several_roots"
    | "manager_unknown"
    | "manager_self"
    | "manager_cycle"
    | "slack_user_id"
    | "duplicate_slack_user_id"
    | "teams_aad_object_id"
    | "duplicate_teams_aad_object_id"
    | "locale"
    | "timezone";
  readonly params?: Readonly<Record<string, string | number>>;
}

// Managers in German organisations rarely export English role codes; accept the German words too.
const ROLE_ALIASES: Readonly<Record<string, Role>> = {
  geschaeftsfuehrer: "managing_director",
  geschäftsführer: "managing_director",
  geschäftsführerin: "managing_director",
  geschaeftsfuehrung: "managing_director",
  geschäftsführung: "managing_director",
  bereichsleiter: "area_head",
  bereichsleiterin: "area_head",
  bereichsleitung: "area_head",
  teamleiter: "team_lead",
  teamleiterin: "team_lead",
  teamleitung: "team_lead",
  führungskraft: "team_lead",
  fuehrungskraft: "team_lead",
  mitarbeiter: "member",
  mitarbeiterin: "member",
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ParsedOrgCsv {
  readonly rows: readonly OrgRow[];
  readonly problems: readonly RowProblem[];
}

/**
 * Reads and validates a whole org CSV. Accepts a comma- or semicolon-separated file (German
 * spreadsheet exports use semicolons), a UTF-8 BOM, and the columns in any order.
 * `knownEmails` are people already in the tenant, so a manager may be someone not in this file.
 */
export async function parseOrgCsv(
  input: string | Readable,
  knownEmails: ReadonlySet<string> = new Set(),
): Promise<ParsedOrgCsv> {
  const problems: RowProblem[] = [];
  const records: { line: number; values: string[] }[] = [];
  const text = typeof input === "string" ? input : await readAll(input);
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const parser = parse(text, {
    bom: true,
    delimiter,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
  });
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      records.push({ line: item.info.lines, values: item.record });
    }
  } catch (err) {
    const line = typeof err === "object" && err !== null && "lines" in err ? Number(err.lines) : records.length + 1;
    problems.push({ line, code: "syntax", params: { detail: err instanceof Error ? err.message : String(err) } });
    return { rows: [], problems };
  }

  const header = records.shift();
  if (!header) return { rows: [], problems: [{ line: 1, code: "empty_file" }] };
  const columns = header.values.map((c) => c.toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  const unknown = columns.filter((c) => !(ORG_CSV_COLUMNS as readonly string[]).includes(c));
  if (missing.length > 0)
    problems.push({ line: header.line, code: "missing_columns", params: { columns: missing.join(", ") } });
  if (unknown.length > 0)
    problems.push({ line: header.line, code: "unknown_columns", params: { columns: unknown.join(", ") } });
  if (problems.length > 0) return { rows: [], problems };
  if (records.length === 0) return { rows: [], problems: [{ line: header.line, code: "empty_file" }] };

  const rows: OrgRow[] = [];
  const seenEmail = new Map<string, number>();
  const seenSlack = new Map<string, number>();
  const seenTeams = new Map<string, number>();
  const roots = new Map<string, number>();

  for (const { line, values } of records) {
    if (values.length !== columns.length) {
      problems.push({ line, code: "columns", params: { expected: columns.length, actual: values.length } });
      continue;
    }
    const get = (name: (typeof ORG_CSV_COLUMNS)[number]): string | undefined => {
      const index = columns.indexOf(name);
      const value = index === -1 ? undefined : values[index];
      return value === undefined || value === "" ? undefined : value;
    };
    const before = problems.length;
    const email = get("email")?.toLowerCase();
    if (!email || !EMAIL.test(email)) problems.push({ line, code: "email", params: { value: email ?? "" } });
    else if (seenEmail.has(email))
      problems.push({ line, code: "duplicate_email", params: { value: email, other: seenEmail.get(email) ?? 0 } });
    else seenEmail.set(email, line);

    const name = get("name");
    if (!name || name.length > 200) problems.push({ line, code: "name" });

    const roleRaw = get("role")
      ?.toLowerCase()
      .replace(/[\s-]+/g, "_");
    const role =
      roleRaw && ((ROLES as readonly string[]).includes(roleRaw) ? (roleRaw as Role) : ROLE_ALIASES[roleRaw]);
    if (!role) problems.push({ line, code: "role", params: { value: get("role") ?? "", allowed: ROLES.join(", ") } });

    const segments = (get("unit_path") ?? "").split("/").map((s) => s.trim());
    const unitPath = segments.join("/");
    if (segments.some((s) => s === "") || segments.some((s) => s.length > 100)) {
      problems.push({ line, code: "unit_path", params: { value: get("unit_path") ?? "" } });
    } else {
      const root = segments[0] ?? "";
      if (!roots.has(root)) roots.set(root, line);
      if (role) {
        const depth = segments.length;
        const ok =
          (role === "managing_director" && depth === 1) ||
          (role === "area_head" && depth === 2) ||
          (role === "team_lead" && depth >= 3) ||
          role === "member";
        if (!ok) problems.push({ line, code: "role_level", params: { role, path: unitPath } });
      }
    }

    const managerEmail = get("manager_email")?.toLowerCase();
    if (managerEmail !== undefined && managerEmail === email) problems.push({ line, code: "manager_self" });

    const slackUserId = get("slack_user_id");
    if (slackUserId !== undefined) {
      if (!SLACK_USER_ID.test(slackUserId))
        problems.push({ line, code: "slack_user_id", params: { value: slackUserId } });
      else if (seenSlack.has(slackUserId))
        problems.push({
          line,
          code: "duplicate_slack_user_id",
          params: { value: slackUserId, other: seenSlack.get(slackUserId) ?? 0 },
        });
      else seenSlack.set(slackUserId, line);
    }
    const teamsId = get("teams_aad_object_id")?.toLowerCase();
    if (teamsId !== undefined) {
      if (!GUID.test(teamsId)) problems.push({ line, code: "teams_aad_object_id", params: { value: teamsId } });
      else if (seenTeams.has(teamsId))
        problems.push({
          line,
          code: "duplicate_teams_aad_object_id",
          params: { value: teamsId, other: seenTeams.get(teamsId) ?? 0 },
        });
      else seenTeams.set(teamsId, line);
    }
    const localeRaw = get("locale");
    const locale = localeRaw === undefined ? undefined : toLocale(localeRaw);
    if (localeRaw !== undefined && !locale) problems.push({ line, code: "locale", params: { value: localeRaw } });
    const timezone = get("timezone");
    if (timezone !== undefined && !isTimeZone(timezone))
      problems.push({ line, code: "timezone", params: { value: timezone } });

    if (problems.length === before && email && name && role) {
      rows.push({
        line,
        email,
        name,
        role,
        unitPath,
        managerEmail,
        slackUserId,
        teamsAadObjectId: teamsId,
        locale,
        timezone,
      });
    }
  }

  if (roots.size > 1) {
    const [, second] = [...roots.entries()];
    problems.push({ line: second?.[1] ?? 0, code: "several_roots", params: { roots: [...roots.keys()].join(", ") } });
  }
  checkManagers(rows, knownEmails, problems);
  problems.sort((a, b) => a.line - b.line);
  return { rows: problems.length === 0 ? rows : [], problems };
}

function checkManagers(rows: readonly OrgRow[], knownEmails: ReadonlySet<string>, problems: RowProblem[]): void {
  const managerOf = new Map(rows.map((r) => [r.email, r.managerEmail]));
  for (const row of rows) {
    if (row.managerEmail === undefined) continue;
    if (!managerOf.has(row.managerEmail) && !knownEmails.has(row.managerEmail)) {
      problems.push({ line: row.line, code: "manager_unknown", params: { value: row.managerEmail } });
      continue;
    }
    // Walk up the chain; coming back to this row means a cycle (A reports to B reports to A).
    const seen = new Set<string>([row.email]);
    let current: string | undefined = row.managerEmail;
    while (current !== undefined) {
      if (seen.has(current)) {
        if (current === row.email)
          problems.push({ line: row.line, code: "manager_cycle", params: { value: row.managerEmail ?? "" } });
        break;
      }
      seen.add(current);
      current = managerOf.get(current);
    }
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.includes("/") || zone === "UTC";
  } catch {
    return false;
  }
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
