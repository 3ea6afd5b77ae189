import type { TicketInput } from "../kpis/types.js";
import { lastCompleteWeek, shiftWeek, weekOfDate, weekRange } from "../kpis/weeks.js";
import type { KpiSettingsRepository, TicketRepository } from "../ports.js";
import { ORG_CSV_COLUMNS } from "./org-csv.js";
import type { Role } from "./types.js";

/** The demo organisation: an IT service provider like the one in SEED.md (three managing directors, ~90 people). */
export const DEMO_COMPANY = "Nordlicht IT-Services";

const AREAS: readonly { readonly name: string; readonly teams: readonly string[] }[] = [
  { name: "Service Desk", teams: ["First Level", "Second Level", "Service Management"] },
  { name: "Infrastruktur und Betrieb", teams: ["Rechenzentrum", "Netzwerk", "Arbeitsplatz"] },
  { name: "Anwendungen", teams: ["Fachverfahren", "Web und Portale", "Datenbanken"] },
  { name: "Kundenbetreuung", teams: ["Key Account", "Angebote und Verträge"] },
  { name: "Projekte und Beratung", teams: ["Projektbüro", "Beratung"] },
  { name: "Zentrale Dienste", teams: ["Personal und Finanzen", "Einkauf"] },
];

const FIRST_NAMES = [
  "Anna",
  "Thomas",
  "Julia",
  "Michael",
  "Sabine",
  "Stefan",
  "Katrin",
  "Andreas",
  "Claudia",
  "Markus",
  "Nicole",
  "Frank",
  "Sandra",
  "Jürgen",
  "Petra",
  "Daniel",
  "Melanie",
  "Christian",
  "Birgit",
  "Tobias",
  "Jana",
  "Matthias",
  "Susanne",
  "Florian",
  "Heike",
  "Sebastian",
  "Kerstin",
  "Jan",
  "Monika",
  "Lukas",
  "Anja",
  "Martin",
  "Lea",
  "Uwe",
  "Sophie",
  "Ralf",
  "Marie",
  "Dirk",
  "Laura",
  "Oliver",
  "Elif",
  "Mehmet",
  "Ayşe",
  "Piotr",
  "Olga",
  "Grace",
  "Liam",
] as const;

const LAST_NAMES = [
  "Müller",
  "Schmidt",
  "Schneider",
  "Fischer",
  "Weber",
  "Meyer",
  "Wagner",
  "Becker",
  "Schulz",
  "Hoffmann",
  "Schäfer",
  "Koch",
  "Bauer",
  "Richter",
  "Klein",
  "Wolf",
  "Schröder",
  "Neumann",
  "Schwarz",
  "Zimmermann",
  "Braun",
  "Krüger",
  "Hofmann",
  "Hartmann",
  "Lange",
  "Schmitt",
  "Werner",
  "Krause",
  "Meier",
  "Lehmann",
  "Köhler",
  "Herrmann",
  "König",
  "Walter",
  "Mayer",
  "Huber",
  "Kaiser",
  "Fuchs",
  "Peters",
  "Lang",
  "Yılmaz",
  "Kowalski",
  "Nowak",
  "O'Brien",
] as const;

// English-speaking colleagues exist in most German IT firms; they make the en locale visible in the demo.
const ENGLISH_FIRST_NAMES = new Set(["Grace", "Liam"]);

export interface DemoPerson {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly unitPath: string;
  readonly managerEmail: string | undefined;
  readonly locale: "de" | "en";
}

/** Small deterministic PRNG (mulberry32): the same seed always yields the same organisation. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "");
}

export function demoOrganisation(options: { readonly me?: string } = {}): DemoPerson[] {
  const random = prng(20_260_101);
  const used = new Set<string>();
  const nextName = (): { name: string; first: string; email: string } => {
    for (;;) {
      const first = FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)] ?? "Anna";
      const last = LAST_NAMES[Math.floor(random() * LAST_NAMES.length)] ?? "Müller";
      const email = `${slugify(first)}.${slugify(last)}@nordlicht-it.example`;
      if (!used.has(email)) {
        used.add(email);
        return { name: `${first} ${last}`, first, email };
      }
    }
  };
  const people: DemoPerson[] = [];
  const add = (role: Role, unitPath: string, managerEmail: string | undefined): DemoPerson => {
    const { name, first, email } = nextName();
    const person: DemoPerson = {
      email,
      name,
      role,
      unitPath,
      managerEmail,
      locale: ENGLISH_FIRST_NAMES.has(first) ? "en" : "de",
    };
    people.push(person);
    return person;
  };

  const root = DEMO_COMPANY;
  const directors = [
    add("managing_director", root, undefined),
    add("managing_director", root, undefined),
    add("managing_director", root, undefined),
  ];
  // 3 directors + 6 area heads + 15 team leads + 66 members = 90 people.
  const membersPerTeam = [5, 5, 4, 5, 4, 4, 5, 4, 4, 5, 4, 4, 4, 5, 4];
  let teamIndex = 0;
  AREAS.forEach((area, areaIndex) => {
    const areaPath = `${root}/${area.name}`;
    const director = directors[areaIndex % directors.length];
    const head = add("area_head", areaPath, director?.email);
    for (const team of area.teams) {
      const teamPath = `${areaPath}/${team}`;
      const lead = add("team_lead", teamPath, head.email);
      const count = membersPerTeam[teamIndex] ?? 4;
      teamIndex += 1;
      for (let i = 0; i < count; i += 1) add("member", teamPath, lead.email);
    }
  });

  const me = options.me?.trim().toLowerCase();
  if (me && people[0]) {
    const original = people[0].email;
    return people.map((p, i) => ({
      ...p,
      email: i === 0 ? me : p.email,
      managerEmail: p.managerEmail === original ? me : p.managerEmail,
    }));
  }
  return people;
}

/** The demo as an org CSV, so seeding goes through the same validation and diffing as a real import. */
export function demoOrgCsv(options: { readonly me?: string } = {}): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [ORG_CSV_COLUMNS.join(",")];
  for (const p of demoOrganisation(options)) {
    lines.push(
      [p.email, p.name, p.role, p.unitPath, p.managerEmail ?? "", "", "", p.locale, "Europe/Berlin"]
        .map(quote)
        .join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** A demo ticket before its team path is resolved to a unit. */
export interface DemoTicket {
  readonly ticketId: string;
  readonly unitPath: string;
  readonly openedAt: Date;
  readonly firstResponseAt: Date | null;
  readonly resolvedAt: Date | null;
  readonly dueAt: Date;
  readonly reopenedCount: number;
  readonly status: string;
}

/** Every demo team's path, e.g. "Nordlicht IT-Services/Service Desk/First Level". */
export function demoTeamPaths(): string[] {
  return AREAS.flatMap((area) => area.teams.map((team) => `${DEMO_COMPANY}/${area.name}/${team}`));
}

// Tickets per week, processing-time median (h) and SLA (h) before the programme, by area.
const AREA_PROFILE: Readonly<Record<string, { perWeek: number; hours: number; sla: number }>> = {
  "Service Desk": { perWeek: 30, hours: 20, sla: 24 },
  "Infrastruktur und Betrieb": { perWeek: 14, hours: 40, sla: 72 },
  Anwendungen: { perWeek: 12, hours: 55, sla: 96 },
  Kundenbetreuung: { perWeek: 7, hours: 45, sla: 72 },
  "Projekte und Beratung": { perWeek: 6, hours: 70, sla: 120 },
  "Zentrale Dienste": { perWeek: 5, hours: 50, sla: 96 },
};

/**
 * Plausible tickets for the demo teams in the given weeks: before `programmeStart` processing
 * times, first responses and reopens sit at a baseline; over the 20 weeks after it they improve
 * by about a third. Each (week, team) has its own seeded generator, so a week's tickets are the
 * same on every run, and a later run only adds the weeks since. Tickets not resolved by `now`
 * are open.
 */
export function demoTickets(options: {
  readonly weeks: readonly { readonly key: string; readonly start: Date }[];
  readonly programmeStart: Date;
  readonly now: Date;
}): DemoTicket[] {
  const out: DemoTicket[] = [];
  const hour = 3_600_000;
  AREAS.forEach((area, areaIndex) => {
    const profile = AREA_PROFILE[area.name] ?? { perWeek: 10, hours: 48, sla: 72 };
    area.teams.forEach((team, teamIndex) => {
      const unitPath = `${DEMO_COMPANY}/${area.name}/${team}`;
      for (const week of options.weeks) {
        const random = seededRandom(`${week.key}|${unitPath}`);
        const weeksIn = (week.start.getTime() - options.programmeStart.getTime()) / (7 * 24 * hour);
        // 0 before the start, rising to 1 twenty weeks after it.
        const progress = Math.min(1, Math.max(0, weeksIn / 20));
        const count = Math.max(1, Math.round(profile.perWeek * (0.8 + 0.4 * random()) * (teamIndex === 0 ? 1.3 : 1)));
        for (let n = 0; n < count; n++) {
          // Working hours: Monday to Friday, 07:00 to 18:00 (Berlin, close enough for demo data).
          const day = Math.floor(random() * 5);
          const openedAt = new Date(week.start.getTime() + (day * 24 + 7 + random() * 11) * hour);
          const median = profile.hours * (1 - 0.35 * progress);
          const processing = median * Math.exp(0.8 * normal(random));
          const firstResponse = (4 - 2.5 * progress) * Math.exp(0.6 * normal(random));
          const reopened = random() < 0.14 - 0.07 * progress ? 1 + Math.floor(random() * 2) : 0;
          const resolvedAt = new Date(openedAt.getTime() + processing * hour);
          const firstResponseAt = new Date(openedAt.getTime() + Math.min(firstResponse, processing) * hour);
          const done = resolvedAt.getTime() <= options.now.getTime();
          if (openedAt.getTime() > options.now.getTime()) continue;
          out.push({
            ticketId: `DEMO-${week.key}-${areaIndex + 1}${teamIndex + 1}-${String(n + 1).padStart(3, "0")}`,
            unitPath,
            openedAt,
            firstResponseAt: firstResponseAt.getTime() <= options.now.getTime() ? firstResponseAt : null,
            resolvedAt: done ? resolvedAt : null,
            dueAt: new Date(openedAt.getTime() + profile.sla * hour),
            reopenedCount: done ? reopened : 0,
            status: done ? "closed" : "open",
          });
        }
      }
    });
  });
  return out;
}

/** mulberry32 seeded by FNV-1a of the key: tiny, fast and the same everywhere. */
function seededRandom(key: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box-Muller). */
function normal(random: () => number): number {
  const u = Math.max(random(), Number.EPSILON);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export interface DemoTicketSeed {
  readonly count: number;
  readonly weeks: number;
  readonly programmeStart: string;
}

/**
 * A year of demo tickets up to `now`. The programme start is set to 32 weeks ago unless the
 * tenant has one already, so the baseline (12 weeks before it) and the improvement both show.
 */
export async function seedDemoTickets(
  repo: TicketRepository & KpiSettingsRepository,
  tenant: { readonly id: string; readonly timezone: string },
  now: Date,
): Promise<DemoTicketSeed> {
  const tz = tenant.timezone;
  const last = lastCompleteWeek(now, tz);
  const current = shiftWeek(last, 1, tz);
  let settings = await repo.kpiSettings(tenant.id);
  if (settings.programmeStart === null) {
    const start = shiftWeek(current, -32, tz);
    settings = await repo.updateKpiSettings(tenant.id, {
      programmeStart: localDate(start.start, tz),
    });
  }
  const programmeStart = weekOfDate(settings.programmeStart ?? localDate(current.start, tz), tz).start;
  const weeks = weekRange(shiftWeek(current, -52, tz), current, tz);
  const targets = await repo.targets(tenant.id);
  const tickets: TicketInput[] = [];
  for (const t of demoTickets({ weeks, programmeStart, now })) {
    const unitId = targets.paths.get(t.unitPath);
    if (unitId) tickets.push({ ...t, unitId, source: "demo" });
  }
  for (let i = 0; i < tickets.length; i += 5000) await repo.upsertTickets(tenant.id, tickets.slice(i, i + 5000));
  return { count: tickets.length, weeks: weeks.length, programmeStart: settings.programmeStart ?? "" };
}

function localDate(instant: Date, timezone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: timezone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
}

/** The demo's feedback round: who drafts the profile, and a few talks team leads have booked. */
export interface DemoFeedback {
  /** The working group: one area head and two team leads. */
  readonly groupEmails: readonly string[];
  /** Talks at 10:00 Berlin time on the given working days after `today`. */
  readonly talks: readonly { readonly leaderEmail: string; readonly employeeEmail: string; readonly date: string }[];
}

/** Deterministic for a given day: the first three teams each have a talk booked on the next working days. */
export function demoFeedback(people: readonly DemoPerson[], today: string): DemoFeedback {
  const leads = people.filter((p) => p.role === "team_lead").slice(0, 3);
  const head = people.find((p) => p.role === "area_head");
  const day = new Date(`${today}T12:00:00Z`);
  const talks: { leaderEmail: string; employeeEmail: string; date: string }[] = [];
  for (const lead of leads) {
    const member = people.find((p) => p.managerEmail === lead.email && p.role === "member");
    if (!member) continue;
    do day.setUTCDate(day.getUTCDate() + 1);
    while (day.getUTCDay() === 0 || day.getUTCDay() === 6);
    talks.push({ leaderEmail: lead.email, employeeEmail: member.email, date: day.toISOString().slice(0, 10) });
  }
  return { groupEmails: [...(head ? [head.email] : []), ...leads.slice(0, 2).map((l) => l.email)], talks };
}
