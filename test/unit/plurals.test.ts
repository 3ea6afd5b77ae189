import { describe, expect, it } from "vitest";
import { renderText } from "../../src/chat/console/render-text.js";
import { renderOptionsFor } from "../../src/chat/render-options-for.js";
import { validateCheckin } from "../../src/core/goals/checkin-form.js";
import { focusRefusal } from "../../src/core/goals/focus-topics.js";
import { myGoalsCard } from "../../src/core/goals/goal-cards.js";
import { OrgScope } from "../../src/core/goals/org-scope.js";
import type { GoalView } from "../../src/core/goals/types.js";
import type { Locale, PersonProfile, PersonRef, Role, UnitNode } from "../../src/core/org/types.js";
import { catalogs, formatList, translator } from "../../src/core/ui/i18n/index.js";

const units: UnitNode[] = [
  { id: "c", name: "Firma", path: "Firma", kind: "company", parentId: null },
  { id: "a1", name: "Service", path: "Firma/Service", kind: "area", parentId: "c" },
  { id: "t1", name: "Desk", path: "Firma/Service/Desk", kind: "team", parentId: "a1" },
];
function ref(id: string, name: string, role: Role, unitId: string): PersonRef {
  return {
    id,
    name,
    email: `${id}@f.de`,
    slackUserId: null,
    teamsAadObjectId: null,
    locale: "de",
    timezone: null,
    roles: [{ role, unitId }],
  };
}
const dirk = ref("dn", "Dirk Nowak", "managing_director", "c");
const sandra = ref("sw", "Sandra Werner", "managing_director", "c");
const sophie = ref("sm", "Sophie Meyer", "managing_director", "c");
const max = ref("ma", "Max Arndt", "member", "t1");

function profile(p: PersonRef): PersonProfile {
  const unit = units.find((u) => u.id === p.roles[0]?.unitId) ?? (units[0] as UnitNode);
  return { ...p, tenantId: "x", roles: [{ role: p.roles[0]?.role ?? "member", unit }], manager: null };
}

function teamGoal(owners: readonly PersonRef[]): GoalView {
  return {
    id: "m1",
    level: "team",
    parentId: null,
    unit: { id: "t1", name: "Desk", path: "Firma/Service/Desk" },
    focusTopic: null,
    title: "Antwortzeit senken",
    successCriterion: "unter 4 Stunden",
    dueDate: "2027-06-30",
    kpiKey: null,
    kpiTarget: null,
    status: "open",
    progress: 0,
    lastCheckinAt: null,
    createdAt: new Date("2026-11-01T00:00:00Z"),
    owners: owners.map((p) => ({ id: p.id, name: p.name })),
  };
}

const one = [dirk];
const three = [dirk, sandra, sophie];

describe("sentences about one or several people", () => {
  const cases: { locale: Locale; people: readonly PersonRef[]; refusal: string; owners: string; notOwned: string }[] = [
    {
      locale: "de",
      people: one,
      refusal: "Schwerpunktthemen hält die Geschäftsführung oder Bereichsleitung fest: Dirk Nowak.",
      owners: "Teamziel · verantwortlich: Dirk Nowak · fällig 30.06.2027",
      notOwned: "Check-ins macht, wer das Ziel verantwortet: Dirk Nowak.",
    },
    {
      locale: "de",
      people: three,
      refusal:
        "Schwerpunktthemen halten Geschäftsführung und Bereichsleitungen fest: Dirk Nowak, Sandra Werner und Sophie Meyer.",
      owners: "Teamziel · verantwortlich: Dirk Nowak, Sandra Werner und Sophie Meyer · fällig 30.06.2027",
      notOwned: "Check-ins machen die Verantwortlichen des Ziels: Dirk Nowak, Sandra Werner und Sophie Meyer.",
    },
    {
      locale: "en",
      people: one,
      refusal: "Focus topics are recorded by the managing director or area head: Dirk Nowak.",
      owners: "team goal · owner: Dirk Nowak · due",
      notOwned: "Check-ins are done by the owner: Dirk Nowak.",
    },
    {
      locale: "en",
      people: three,
      refusal:
        "Focus topics are recorded by the managing directors and area heads: Dirk Nowak, Sandra Werner, and Sophie Meyer.",
      owners: "team goal · owners: Dirk Nowak, Sandra Werner, and Sophie Meyer · due",
      notOwned: "Check-ins are done by the owners: Dirk Nowak, Sandra Werner, and Sophie Meyer.",
    },
  ];

  for (const c of cases) {
    it(`agree with ${c.people.length} person(s) in ${c.locale}`, () => {
      const t = translator(c.locale);
      const scope = new OrgScope(units, [...c.people, max]);
      expect(renderText(focusRefusal(t, scope), renderOptionsFor(c.locale))).toBe(c.refusal);

      const owned = teamGoal(c.people);
      const ctx = { t, person: profile(max), scope, goals: [owned], today: "2026-11-27" };
      const text = renderText(myGoalsCard(ctx), renderOptionsFor(c.locale));
      expect(text).toContain(c.owners);

      const refused = validateCheckin(t, profile(max), [owned], { item: "m1", progress: "10", status: "on_track" });
      expect(refused.ok).toBe(false);
      if (refused.ok) throw new Error("a member checked in on a measure they do not own");
      expect(refused.errors.item).toBe(c.notOwned);
    });
  }

  it("the issue's sentence: who creates the parent goal first", () => {
    const names = (people: readonly PersonRef[], locale: Locale) =>
      formatList(
        translator(locale),
        people.map((p) => p.name),
      );
    const say = (locale: Locale, people: readonly PersonRef[], formality: "sie" | "du" = "sie") =>
      translator(locale, formality)("goals.errors.noParents", {
        level: locale === "de" ? "Unternehmensziel" : "company goal",
        who: names(people, locale),
        count: people.length,
      });
    expect(say("de", one)).toContain("Zuerst legt Dirk Nowak es an.");
    expect(say("de", three)).toContain("Zuerst legen Dirk Nowak, Sandra Werner und Sophie Meyer es an.");
    expect(say("de", three, "du")).toContain("unter das du ein Ziel hängen kannst. Zuerst legen Dirk Nowak");
    expect(say("de", one, "du")).toContain("unter das du ein Ziel hängen kannst. Zuerst legt Dirk Nowak");
    expect(say("en", one)).toContain("Dirk Nowak creates it first.");
    expect(say("en", three)).toContain("Dirk Nowak, Sandra Werner, and Sophie Meyer create it first.");
  });

  it("who may create a goal, for one and for several holders", () => {
    const t = (locale: Locale) => translator(locale);
    expect(t("en")("goals.refused.area", { who: "Bernd Lang", count: 1 })).toBe(
      "Area goals are created by the area head: Bernd Lang.",
    );
    expect(t("en")("goals.refused.area", { who: "Bernd Lang and Vera Lux", count: 2 })).toBe(
      "Area goals are created by the area heads: Bernd Lang and Vera Lux.",
    );
    expect(t("de")("goals.refused.area", { who: "Bernd Lang", count: 1 })).toBe(
      "Bereichsziele legt die Bereichsleitung an: Bernd Lang.",
    );
    expect(t("de")("goals.refused.area", { who: "Bernd Lang und Vera Lux", count: 2 })).toBe(
      "Bereichsziele legen die Bereichsleitungen an: Bernd Lang und Vera Lux.",
    );
  });

  it("numbers in sentences take the matching noun", () => {
    const de = translator("de");
    const en = translator("en");
    expect(de("goals.report.freshnessLine", { unit: "Desk", fresh: 0, total: 1, count: 1 })).toBe(
      "Desk: 0 von 1 Maßnahme aktuell",
    );
    expect(en("goals.report.freshnessLine", { unit: "Desk", fresh: 2, total: 3, count: 3 })).toBe(
      "Desk: 2 of 3 measures current",
    );
    expect(de("import.nothingChanged", { count: 1 })).toContain("(1 Person)");
    expect(en("import.nothingChanged", { count: 3 })).toContain("(3 people)");
    expect(de("import.peopleCreated", { count: 1 })).toBe("1 Person neu");
    expect(en("import.unitsCreated", { count: 3 })).toBe("3 units new");
  });

  it("leaves no sentence with a list of people or a count without plural forms", () => {
    // A catalog text that names {{who}} or {{owners}} or counts with {{count}} must have _one and _other.
    const offenders: string[] = [];
    const walk = (obj: object, prefix: string) => {
      for (const [k, v] of Object.entries(obj)) {
        if (typeof v !== "string") walk(v as object, `${prefix}${k}.`);
        else if (/\{\{(who|owners|count)\}\}/.test(v) && !/_(one|other)$/.test(k)) offenders.push(`${prefix}${k}`);
      }
    };
    walk(catalogs.de, "");
    // common.more and the reminder's "… and 12 more" say "more", which needs no noun; import.linked is "label: n".
    expect(offenders.sort()).toEqual(["goals.reminder.more", "goals.tree.line", "import.linked"]);
  });
});
