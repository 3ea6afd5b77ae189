import { describe, expect, it } from "vitest";
import { renderFormText, renderText } from "../../src/chat/console/render-text.js";
import { renderOptionsFor } from "../../src/chat/render-options-for.js";
import {
  escapeSlackText,
  renderBlockKit,
  renderSlackHome,
  renderSlackModal,
  SLACK_LIMITS,
} from "../../src/chat/slack/render-block-kit.js";
import { renderAdaptiveCard, renderAdaptiveForm } from "../../src/chat/teams/render-adaptive-card.js";
import { checkinForm } from "../../src/core/goals/checkin-form.js";
import { focusRefusal, focusTopicForm, focusTopicsCard } from "../../src/core/goals/focus-topics.js";
import { chainCard, homeGoalsCard, myGoalsCard, reportCard, treeCard } from "../../src/core/goals/goal-cards.js";
import { goalForm } from "../../src/core/goals/goal-form.js";
import { OrgScope } from "../../src/core/goals/org-scope.js";
import type { GoalLevel, GoalView } from "../../src/core/goals/types.js";
import type { PersonProfile, PersonRef, Role, UnitNode } from "../../src/core/org/types.js";
import {
  commentNoticeCard,
  savedCard,
  statementCard,
  reportCard as statementReportCard,
} from "../../src/core/statements/statement-cards.js";
import { commentForm } from "../../src/core/statements/statement-form.js";
import type { StatementView } from "../../src/core/statements/types.js";
import type { Card } from "../../src/core/ui/card.js";
import { translator } from "../../src/core/ui/i18n/index.js";

/** Everything Slack would turn into a ping, a mention or a disguised link, and Card markup that would hide a URL. */
const ATTACKS = ["<!channel>", "<!here>", "<@U123>", "<https://example.org|click>"] as const;
const EVIL = `Alarm ${ATTACKS.join(" ")} Mehr [hier](https://evil.example) lesen & <at>U123</at>`;
const evil = (what: string) => `${what} ${EVIL}`;

const units: UnitNode[] = [
  { id: "c", name: evil("Firma"), path: evil("Firma"), kind: "company", parentId: null },
  { id: "a1", name: evil("Service"), path: `${evil("Firma")}/${evil("Service")}`, kind: "area", parentId: "c" },
  {
    id: "t1",
    name: evil("Desk"),
    path: `${evil("Firma")}/${evil("Service")}/${evil("Desk")}`,
    kind: "team",
    parentId: "a1",
  },
];

function ref(id: string, role: Role, unitId: string): PersonRef {
  return {
    id,
    name: evil(`Person ${id}`),
    email: `${id}@f.de`,
    slackUserId: `U${id.toUpperCase()}`,
    teamsAadObjectId: null,
    locale: "de",
    timezone: null,
    roles: [{ role, unitId }],
  };
}
const people = [ref("gf", "managing_director", "c"), ref("bl", "area_head", "a1"), ref("tl", "team_lead", "t1")];
const scope = new OrgScope(units, people);

function profile(id: string): PersonProfile {
  const p = people.find((x) => x.id === id);
  const unit = units.find((u) => u.id === p?.roles[0]?.unitId);
  if (!p || !unit) throw new Error(id);
  return { ...p, tenantId: "x", roles: [{ role: p.roles[0]?.role ?? "member", unit }], manager: null };
}

function goal(id: string, level: GoalLevel, unitId: string, parentId: string | null, ownerIds: string[]): GoalView {
  const unit = units.find((u) => u.id === unitId);
  return {
    id,
    level,
    parentId,
    unit: { id: unitId, name: unit?.name ?? "", path: unit?.path ?? "" },
    focusTopic: { id: "f1", title: evil("Fokus") },
    title: evil(`Ziel ${id}`),
    successCriterion: evil("Kriterium"),
    dueDate: "2027-06-30",
    kpiKey: null,
    kpiTarget: null,
    status: "on_track",
    progress: 40,
    lastCheckinAt: new Date("2026-11-20T00:00:00Z"),
    createdAt: new Date("2026-11-01T00:00:00Z"),
    owners: people.filter((p) => ownerIds.includes(p.id)).map((p) => ({ id: p.id, name: p.name })),
  };
}
const goals = [
  goal("g1", "company", "c", null, ["gf"]),
  goal("g2", "area", "a1", "g1", ["bl"]),
  goal("g3", "team", "t1", "g2", ["tl"]),
  goal("m1", "measure", "t1", "g3", ["tl", "bl", "gf"]),
];
const topics = [{ id: "f1", title: evil("Fokus"), description: evil("Beschreibung") }];

const statement: StatementView = {
  id: "s1",
  tenantId: "x",
  seriesId: "s1",
  version: 2,
  titleDe: evil("Titel"),
  bodyDe: `${evil("Absatz eins")}\n\n${evil("Absatz zwei")}`,
  titleEn: evil("Title"),
  bodyEn: evil("Body"),
  author: { id: "gf", name: evil("Autorin") },
  publishedAt: new Date("2026-11-20T09:00:00Z"),
  createdAt: new Date("2026-11-20T09:00:00Z"),
};
const comment = {
  id: "k1",
  tenantId: "x",
  statementId: "s1",
  person: { id: "tl", name: evil("Kommentatorin") },
  text: evil("Kommentar"),
  createdAt: new Date("2026-11-21T09:00:00Z"),
};

function cards(locale: "de" | "en"): Record<string, Card> {
  const t = translator(locale);
  const ctx = { t, person: profile("tl"), scope, goals, today: "2026-11-27" };
  const row = (unit: UnitNode) => ({ unit, delivered: 3, acknowledged: 1, percent: 33 });
  return {
    myGoals: myGoalsCard(ctx),
    tree: treeCard(ctx, "c"),
    chain: chainCard(ctx, goals[3] as GoalView),
    goalsReport: reportCard(ctx, "c", new Date("2026-11-27T10:00:00Z")),
    home: homeGoalsCard(ctx, new Date("2026-11-27T10:00:00Z")),
    focus: focusTopicsCard(t, topics),
    focusRefusal: focusRefusal(t, scope),
    statement: statementCard({ t, statement, ackedAt: null, timezone: "Europe/Berlin", canRevise: true }),
    statementSaved: savedCard(t, statement),
    commentNotice: commentNoticeCard(t, statement, comment, "Europe/Berlin"),
    statementReport: statementReportCard(
      t,
      statement,
      {
        total: row(units[0] as UnitNode),
        areas: [row(units[1] as UnitNode)],
        teams: [row(units[2] as UnitNode)],
        unreachable: { count: 1, reasons: [{ reason: "Teams: HTTP 403", count: 1 }] },
        waiting: 1,
      },
      "Europe/Berlin",
    ),
  };
}

function forms(locale: "de" | "en") {
  const t = translator(locale);
  const goalCtx = {
    t,
    person: profile("tl"),
    level: "measure" as const,
    unitId: "t1",
    scope,
    goals,
    focusTopics: topics,
    today: "2026-11-27",
  };
  return {
    goal: goalForm(goalCtx, { title: evil("Eingabe") }),
    companyGoal: goalForm({ ...goalCtx, person: profile("gf"), level: "company", unitId: "c" }),
    checkin: checkinForm(t, goals, { note: evil("Notiz") }),
    focus: focusTopicForm(t, topics),
    comment: commentForm(t, statement, { text: evil("Kommentar") }),
  };
}

/** The mrkdwn strings in a Slack payload; plain_text objects are shown as given and never parsed. */
function mrkdwnStrings(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const v of value) mrkdwnStrings(v, out);
  } else if (value !== null && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    if (obj.type === "mrkdwn" && typeof obj.text === "string") out.push(obj.text);
    for (const v of Object.values(obj)) mrkdwnStrings(v, out);
  }
  return out;
}

/** Slack control sequences: <!…>, <@…>, <#…> and <url|label>. Kurs writes <url|label> only for catalog links. */
const SLACK_CONTROL = /<[!@#]|<https?:\/\/(example\.org|evil\.example)/;

/** Every string Slack parses for mentions and links: a message's top-level text and every mrkdwn object. */
function assertSlackSafe(topLevelText: string | undefined, blocks: unknown): void {
  const parsed = [...(topLevelText === undefined ? [] : [topLevelText]), ...mrkdwnStrings(blocks)];
  expect(parsed.length).toBeGreaterThan(0);
  for (const s of parsed) expect(s).not.toMatch(SLACK_CONTROL);
}

describe("user text reaching Slack", () => {
  for (const locale of ["de", "en"] as const) {
    const opts = renderOptionsFor(locale);

    it(`is escaped in every message, home tab and modal (${locale})`, () => {
      for (const [name, card] of Object.entries(cards(locale))) {
        const messages = renderBlockKit(card, opts);
        for (const message of messages) {
          // The fallback `text` is where Slack used to ping the channel.
          expect(message.text, name).toContain("&lt;!channel&gt;");
          assertSlackSafe(message.text, message.blocks);
        }
        assertSlackSafe(undefined, renderSlackHome(card, opts));
        expect(JSON.stringify(messages), name).toContain("&lt;@U123&gt;");
      }
      for (const [name, form] of Object.entries(forms(locale))) {
        const modal = renderSlackModal(form, opts);
        // Forms show user text in their intro (mrkdwn) and in options and initial values (plain_text).
        if (mrkdwnStrings(modal).length > 0) assertSlackSafe(undefined, modal);
        expect(JSON.stringify(modal), name).toContain("U123");
      }
    });
  }

  it("shows option labels exactly as typed, never as markup", () => {
    const opts = renderOptionsFor("de");
    // plain_text is shown as given and is never parsed for mentions, so it carries the title verbatim (cut to 75).
    const select = forms("de").companyGoal.inputs.find((i) => i.id === "focus");
    expect(select?.kind).toBe("select");
    const focusModal = renderSlackModal(forms("de").companyGoal, opts);
    const focusOption = JSON.stringify(focusModal).match(/"text":"(Fokus Alarm[^"]*)"/)?.[1];
    // The goal form itself keeps option labels to Slack's 75 characters.
    expect(focusOption).toBe(evil("Fokus").slice(0, SLACK_LIMITS.optionText));

    const teams = renderAdaptiveForm(forms("de").companyGoal, opts);
    expect(JSON.stringify(teams)).toContain(JSON.stringify({ title: evil("Fokus").slice(0, 75), value: "f1" }));
    expect(renderFormText(forms("de").companyGoal)).toContain(`○ ${evil("Fokus").slice(0, 75)}`);
  });

  it("keeps the escaped fallback text within Slack's limit even when escaping makes it longer", () => {
    const text = "<".repeat(20_000);
    const card: Card = {
      summary: "s",
      blocks: [
        { type: "text", text },
        { type: "text", text },
      ],
    };
    const [message] = renderBlockKit(card, renderOptionsFor("de"));
    expect(message?.text.length).toBeLessThanOrEqual(SLACK_LIMITS.messageText);
    expect(message?.text).not.toContain("<");
    expect(message?.text).not.toMatch(/&(?!amp;|lt;|gt;)/);
  });

  it("escapes exactly &, < and > the way Slack documents", () => {
    expect(escapeSlackText("a & b <!here> > c")).toBe("a &amp; b &lt;!here&gt; &gt; c");
  });
});

describe("user text reaching Teams", () => {
  it("cannot become a mention or a link hidden behind other words", () => {
    const opts = renderOptionsFor("de");
    for (const [name, card] of Object.entries(cards("de"))) {
      // fallbackText is plain text for clients that cannot show the card; only the body is Markdown.
      const { fallbackText, ...markdown } = renderAdaptiveCard(card, opts);
      expect(fallbackText, name).toBe(card.summary);
      const json = JSON.stringify(markdown);
      // Mentions need msteams.entities; Kurs never sends any.
      expect(json, name).not.toContain("msteams");
      expect(json, name).not.toContain('"entities"');
      // The Markdown link from user text stays literal: its brackets are escaped wherever it appears in Markdown.
      expect(json.match(/.{80}[^\\]\[hier\]\(https:\/\/evil\.example\)/)?.[0], name).toBeUndefined();
    }
    for (const [name, form] of Object.entries(forms("de"))) {
      const json = JSON.stringify(renderAdaptiveForm(form, opts));
      expect(json, name).not.toContain("msteams");
      expect(json, name).not.toMatch(/"text":"[^"]*[^\\]\[hier\]\(https/);
    }
  });
});

describe("fallback text", () => {
  it("never repeats the summary as the first paragraph", () => {
    const opts = renderOptionsFor("de");
    const all = { ...cards("de"), ...cards("en") };
    const oneText: Card = {
      summary: "Gespeichert: Ziel A",
      blocks: [{ type: "text", text: "Gespeichert: **Ziel A**" }],
    };
    for (const [name, card] of Object.entries({ ...all, oneText })) {
      const paragraphs = renderText(card, opts).split("\n\n");
      expect(paragraphs[1], name).not.toBe(paragraphs[0]);
      const [message] = renderBlockKit(card, opts);
      const slackParagraphs = message?.text.split("\n\n") ?? [];
      expect(slackParagraphs[1], name).not.toBe(slackParagraphs[0]);
    }
    expect(renderText(oneText, opts)).toBe("Gespeichert: Ziel A");
  });

  it("shows the summary as plain text, never read as markup", () => {
    const card: Card = { summary: evil("Zielkette:"), blocks: [{ type: "divider" }] };
    const opts = renderOptionsFor("de");
    expect(renderText(card, opts).startsWith(evil("Zielkette:"))).toBe(true);
    expect(renderAdaptiveCard(card, opts).fallbackText).toBe(evil("Zielkette:"));
    expect(renderBlockKit(card, opts)[0]?.text.startsWith(escapeSlackText(evil("Zielkette:")))).toBe(true);
  });
});
