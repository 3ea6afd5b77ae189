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
