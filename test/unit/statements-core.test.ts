import { describe, expect, it } from "vitest";
import { renderOptionsFor } from "../../src/chat/render-options-for.js";
import { renderBlockKit, renderSlackModal } from "../../src/chat/slack/render-block-kit.js";
import { renderAdaptiveCard, renderAdaptiveForm } from "../../src/chat/teams/render-adaptive-card.js";
import type { PersonRef, UnitNode } from "../../src/core/org/types.js";
import { ackReport } from "../../src/core/statements/ack-report.js";
import { paragraphBlocks, reportCard, statementCard } from "../../src/core/statements/statement-cards.js";
import { commentForm, statementForm, validateStatementForm } from "../../src/core/statements/statement-form.js";
import type { StatementView } from "../../src/core/statements/types.js";
import type { Card } from "../../src/core/ui/card.js";
import { translator } from "../../src/core/ui/i18n/index.js";
import { assertValidAdaptiveCard } from "../helpers/adaptive-card-validate.js";
import { assertBlockKitWithinLimits } from "../helpers/block-kit-limits.js";

const de = translator("de");
const en = translator("en");

function statement(overrides: Partial<StatementView> = {}): StatementView {
  return {
    id: "3f8e2a4c-0000-4000-8000-000000000001",
    tenantId: "3f8e2a4c-0000-4000-8000-0000000000aa",
    seriesId: "3f8e2a4c-0000-4000-8000-0000000000bb",
    version: 2,
    titleDe: "Kunden *zuerst*",
    bodyDe: "Erster Absatz.\n\nZweiter Absatz.",
    titleEn: "Customers first",
    bodyEn: "First paragraph.",
    author: { id: "3f8e2a4c-0000-4000-8000-0000000000cc", name: "Birgit Becker" },
    publishedAt: new Date("2026-11-27T09:00:00Z"),
    createdAt: new Date("2026-11-27T09:00:00Z"),
    ...overrides,
  };
}

function actionIds(card: Card): string[] {
  return card.blocks.flatMap((b) => (b.type === "actions" ? b.actions.map((a) => a.id) : []));
}

function rendersEverywhere(card: Card): void {
  for (const message of renderBlockKit(card, renderOptionsFor("de"))) assertBlockKitWithinLimits(message, "message");
  assertValidAdaptiveCard(renderAdaptiveCard(card, renderOptionsFor("de")));
}

describe("statement form validation", () => {
  it("reports every field at once, in the author's language and form of address", () => {
    const result = validateStatementForm(de, {
      title_de: " ",
      body_de: "x".repeat(3001),
      title_en: "t".repeat(151),
      body_en: "",
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        title_de: "Bitte geben Sie einen Titel ein.",
        body_de: "Der Text ist 3001 Zeichen lang; erlaubt sind höchstens 3000.",
        title_en: "Der Titel ist 151 Zeichen lang; erlaubt sind höchstens 150.",
        body_en:
          "Die englische Fassung braucht Titel und Text – bitte ergänzen Sie beides oder lassen Sie beides leer.",
      },
    });
    const du = validateStatementForm(translator("de", "du"), {});
    expect(du.ok ? {} : du.errors).toMatchObject({ title_de: "Bitte gib einen Titel ein." });
  });

  it("trims, and stores a missing English version as absent", () => {
    expect(validateStatementForm(en, { title_de: "  Titel ", body_de: "Text\n", title_en: "", body_en: " " })).toEqual({
      ok: true,
      value: { titleDe: "Titel", bodyDe: "Text", titleEn: null, bodyEn: null },
    });
  });

  it("renders the forms within Slack's and Teams' limits, errors inline and the revision's series as metadata", () => {
    const revision = statementForm(de, { title_de: "T" }, { body_de: "Bitte geben Sie den Text ein." }, statement());
    expect(revision.metadata).toBe(statement().seriesId);
    expect(revision.title).toBe("Statement überarbeiten");
    const modal = renderSlackModal(revision, renderOptionsFor("de"));
    assertBlockKitWithinLimits(modal, "modal");
    expect(JSON.stringify(modal)).toContain("Version 3 ersetzt Version 2");
    assertValidAdaptiveCard(renderAdaptiveForm(revision, renderOptionsFor("de")));
    const comment = commentForm(en, statement());
    expect(comment.metadata).toBe(statement().id);
    assertBlockKitWithinLimits(renderSlackModal(comment, renderOptionsFor("en")), "modal");
    assertValidAdaptiveCard(renderAdaptiveForm(comment, renderOptionsFor("en")));
  });
});

describe("statement card", () => {
  const base = { ackedAt: null, timezone: "Europe/Berlin", canRevise: false };

  it("shows the reader's language, falling back to German without a complete English version", () => {
    const english = statementCard({ ...base, t: en, statement: statement() });
    expect(english.summary).toBe("Statement: Customers first");
    const fallback = statementCard({ ...base, t: en, statement: statement({ bodyEn: null }) });
    expect(JSON.stringify(fallback.blocks)).toContain("Kunden \\\\*zuerst\\\\*");
    expect(JSON.stringify(fallback.blocks)).toContain("By Birgit Becker · version 2 · 27 Nov 2026");
    const german = statementCard({ ...base, t: de, statement: statement() });
    expect(german.blocks.filter((b) => b.type === "text")).toHaveLength(2);
    rendersEverywhere(german);
  });

  it("offers Read until acknowledged, then shows when; Revise only to directors", () => {
    expect(actionIds(statementCard({ ...base, t: de, statement: statement() }))).toEqual([
      "statements.ack",
      "statements.comment",
    ]);
    const read = statementCard({
      ...base,
      t: de,
      statement: statement(),
      ackedAt: new Date("2026-11-27T23:30:00Z"),
      canRevise: true,
    });
    expect(actionIds(read)).toEqual(["statements.comment", "statements.revise"]);
    // 23:30 UTC is already the next day in Berlin.
    expect(JSON.stringify(read.blocks)).toContain("✓ gelesen am 28.11.2026");
    rendersEverywhere(read);
  });

  it("splits a long paragraph at spaces so no renderer has to cut it", () => {
    const text = Array.from({ length: 600 }, (_, i) => `Wort${i}`).join(" ");
    const blocks = paragraphBlocks(text);
    expect(blocks.length).toBeGreaterThan(1);
    const joined = blocks.map((b) => (b.type === "text" ? b.text : "")).join(" ");
    expect(joined).toBe(text);
    for (const block of blocks) expect(block.type === "text" && block.text.length <= 2500).toBe(true);
  });
});

describe("acknowledgement report", () => {
  const unit = (id: string, path: string, kind: UnitNode["kind"], parentId: string | null): UnitNode => ({
    id,
    name: path.split("/").at(-1) ?? path,
    path,
    kind,
    parentId,
  });
  const units = [
    unit("c", "Firma", "company", null),
    unit("a", "Firma/Service", "area", "c"),
    unit("a1", "Firma/Service/Desk", "team", "a"),
    unit("a2", "Firma/Service/Field", "team", "a"),
    unit("b", "Firma/Vertrieb", "area", "c"),
    unit("b1", "Firma/Vertrieb/Inside", "team", "b"),
  ];
  const person = (id: string, unitId: string, role: PersonRef["roles"][number]["role"] = "member"): PersonRef => ({
    id,
    name: id,
    email: `${id}@example.com`,
    slackUserId: null,
    teamsAadObjectId: null,
    locale: null,
    timezone: null,
    roles: [{ role, unitId }],
  });
  const people = [
    person("boss", "c", "managing_director"),
    person("headA", "a", "area_head"),
    person("d1", "a1"),
    person("d2", "a1"),
    person("f1", "a2"),
    person("v1", "b1"),
    person("v2", "b1"),
  ];

  it("rolls teams up into areas and the company, lowest rate first, and leaves out units nobody was reached in", () => {
    const report = ackReport(
      units,
      people,
      {
        delivered: ["boss", "headA", "d1", "d2", "v1", "v2"],
        acknowledged: ["headA", "d1", "v1", "v2"],
        unreachable: [],
        waiting: 0,
      },
      "c",
    );
    expect(report?.total).toMatchObject({ delivered: 6, acknowledged: 4 });
    expect(report?.areas.map((r) => [r.unit.name, r.acknowledged, r.delivered])).toEqual([
      ["Service", 2, 3],
      ["Vertrieb", 2, 2],
    ]);
    // Field (f1 not reached) is missing; the area head counts for Service, not for a team.
    expect(report?.teams.map((r) => [r.unit.name, r.acknowledged, r.delivered])).toEqual([
      ["Desk", 1, 2],
      ["Inside", 2, 2],
    ]);
  });

  it("tells the sender how many people could not be reached and why, per reason and without names", () => {
    const tally = {
      delivered: ["boss", "d1", "v1"],
      acknowledged: [],
      unreachable: [
        { personId: "d2", reason: "Teams: HTTP 403: The bot is not part of the conversation roster." },
        { personId: "f1", reason: "Teams: HTTP 403: The bot is not part of the conversation roster." },
        { personId: "v2", reason: "Slack: account_inactive" },
        // Reached meanwhile on the other platform: not counted.
        { personId: "d1", reason: "Slack: user_not_found" },
      ],
      waiting: 2,
    };
    const company = ackReport(units, people, tally, "c");
    expect(company?.unreachable).toEqual({
      count: 3,
      reasons: [
        { reason: "Teams: HTTP 403", count: 2 },
        { reason: "Slack: account_inactive", count: 1 },
      ],
    });
    // An area head sees only their area's.
    expect(ackReport(units, people, tally, "a")?.unreachable.count).toBe(2);
    if (!company) throw new Error("no report");
    const german = JSON.stringify(reportCard(de, statement(), company, "Europe/Berlin").blocks);
    expect(german).toContain("**3 Personen** waren in Slack und Teams nicht erreichbar");
    expect(german).toContain("Teams: HTTP 403: 2 Personen");
    expect(german).toContain("2 Nachrichten warten noch auf den Versand");
    expect(german).not.toContain("d2");
    const single = ackReport(units, people, { ...tally, unreachable: tally.unreachable.slice(2, 3), waiting: 0 }, "c");
    if (!single) throw new Error("no report");
    const english = JSON.stringify(reportCard(en, statement(), single, "Europe/Berlin").blocks);
    expect(english).toContain("**1 person** could not be reached in Slack or Teams");
    expect(english).not.toContain("waiting");
  });

  it("limits an area head to their area and renders without names", () => {
    const tally = { delivered: ["d1", "d2", "v1"], acknowledged: ["d1"], unreachable: [], waiting: 0 };
    const report = ackReport(units, people, tally, "a");
    expect(report?.total).toMatchObject({ delivered: 2, acknowledged: 1, percent: 50 });
    expect(report?.areas).toEqual([]);
    expect(report?.teams.map((r) => r.unit.name)).toEqual(["Desk"]);
    if (!report) throw new Error("no report");
    const card = reportCard(de, statement(), report, "Europe/Berlin");
    const text = JSON.stringify(card.blocks);
    expect(text).toContain("**Service/Desk**: 1 von 2 gelesen");
    expect(text).not.toContain("d1");
    rendersEverywhere(card);
  });
});
