import { describe, expect, it } from "vitest";
import {
  ADAPTIVE_CARD_BUDGET_BYTES,
  type AdaptiveCardJson,
  type AdaptiveElement,
  parseTeamsFormData,
  parseTeamsFormMetadata,
  renderAdaptiveCard,
  renderAdaptiveForm,
} from "../../src/chat/teams/render-adaptive-card.js";
import type { Block, Card, CardAction, Form, Input } from "../../src/core/ui/card.js";
import { escapeMarkup } from "../../src/core/ui/markup.js";
import type { RenderOptions } from "../../src/core/ui/render-options.js";
import { sampleForm as buildSampleForm, options, sampleCard } from "../fixtures/sample-card.js";
import { ADAPTIVE_CARD_MAX_BYTES, assertValidAdaptiveCard } from "../helpers/adaptive-card-validate.js";

const opts: RenderOptions = { more: (n) => `… und ${n} weitere`, required: (label) => `Bitte ${label} ausfüllen` };

function card(c: Card, o: RenderOptions = opts): AdaptiveCardJson {
  const json = renderAdaptiveCard(c, o);
  assertValidAdaptiveCard(json);
  return json;
}

function form(f: Form, o: RenderOptions = opts): AdaptiveCardJson {
  const json = renderAdaptiveForm(f, o);
  assertValidAdaptiveCard(json);
  return json;
}

function bytes(json: unknown): number {
  return Buffer.byteLength(JSON.stringify(json), "utf8");
}

function byId(json: AdaptiveCardJson, id: string): { element: AdaptiveElement; index: number } {
  const index = json.body.findIndex((e) => e.id === id);
  const element = json.body[index];
  if (element === undefined) throw new Error(`no element ${id}`);
  return { element, index };
}

const texts = (n: number, text: (i: number) => string): Block[] =>
  Array.from({ length: n }, (_, i) => ({ type: "text" as const, text: text(i) }));

const sampleForm = buildSampleForm("aad-123", { dueHint: "TT.MM.JJJJ" });

describe("renderAdaptiveCard", () => {
  it("renders every block type as Adaptive Card 1.5", () => {
    const json = card(sampleCard);
    expect(json.type).toBe("AdaptiveCard");
    expect(json.version).toBe("1.5");
    expect(json.$schema).toBe("http://adaptivecards.io/schemas/adaptive-card.json");
    expect(json.fallbackText).toBe("Ziele Vertrieb");
    expect(json.body).toEqual([
      {
        type: "TextBlock",
        text: "Ziele **Vertrieb**",
        wrap: true,
        size: "Large",
        weight: "Bolder",
        style: "heading",
      },
      {
        type: "TextBlock",
        text: "Hallo **Anna**, _bitte_ prüfen: [Details](https://k.example/g?a=1&b=2)\n\nZweite Zeile",
        wrap: true,
      },
      {
        type: "FactSet",
        facts: [
          { title: "Status", value: "auf Kurs" },
          { title: "Fällig", value: "31.12.2025" },
        ],
      },
      { type: "TextBlock", text: "Fortschritt", wrap: true, weight: "Bolder" },
      { type: "TextBlock", text: "▓▓▓▓▓░░░░░ 50 %", wrap: true, fontType: "Monospace", spacing: "None" },
      { type: "TextBlock", text: "3 von 6 Maßnahmen", wrap: true, isSubtle: true, spacing: "None" },
      { type: "TextBlock", text: "- Eins\r- Zwei", wrap: true },
      { type: "TextBlock", text: "1. A\r2. B", wrap: true },
      { type: "Image", url: "https://k.example/c.png", altText: "Diagramm" },
      { type: "TextBlock", text: "KPI", wrap: true, isSubtle: true, size: "Small" },
      { type: "TextBlock", text: "Stand: _heute_", wrap: true, isSubtle: true, size: "Small" },
      {
        type: "ActionSet",
        separator: true,
        actions: [
          {
            type: "Action.Execute",
            title: "Check-in",
            verb: "goals.checkin",
            data: { goalId: "g1" },
            style: "positive",
          },
          { type: "Action.OpenUrl", title: "Öffnen", url: "https://k.example/g/1" },
          { type: "Action.Execute", title: "Löschen", verb: "goals.delete", data: {}, style: "destructive" },
        ],
      },
    ]);
    for (const e of json.body) if (e.type === "TextBlock") expect(e.wrap).toBe(true);
  });

  it("escapes data so it cannot format or link, and leaves < and & alone", () => {
    const name = "**Anna** <b>&amp; [x](https://e.example) _y_ ~z~ `c`";
    const json = card({ summary: "s", blocks: [{ type: "text", text: `Hallo ${escapeMarkup(name)}` }] });
    expect(json.body[0]?.text).toBe(
      "Hallo \\*\\*Anna\\*\\* <b>&amp; \\[x\\](https://e.example) \\_y\\_ \\~z\\~ \\`c\\`",
    );
  });

  it("keeps lines that look like lists, headings or quotes literal", () => {
    const json = card({ summary: "s", blocks: [{ type: "text", text: "- a\n1. b\n# c\n> d\n+ e\n2) f" }] });
    expect(json.body[0]?.text).toBe("\\- a\n\n1\\. b\n\n\\# c\n\n\\> d\n\n\\+ e\n\n2\\) f");
    const plain = card({ summary: "s", blocks: [{ type: "text", text: "31.12.2025\n-5 Grad\n#1 Ziel" }] });
    expect(plain.body[0]?.text).toBe("31.12.2025\n\n-5 Grad\n\n#1 Ziel");
  });

  it("leaves a link whose URL has parentheses as literal text", () => {
    const json = card({ summary: "s", blocks: [{ type: "text", text: "[Wiki](https://w.example/A_(B))" }] });
    expect(json.body[0]?.text).toBe("\\[Wiki\\](https://w.example/A\\_(B))");
  });

  it("puts at most five actions in one ActionSet", () => {
    const actions: CardAction[] = Array.from({ length: 12 }, (_, i) => ({
      id: "goals.x",
      label: `B${i}`,
      payload: { i: `${i}` },
    }));
    const json = card({ summary: "s", blocks: [{ type: "actions", actions }] });
    expect(json.body.map((e) => (e.actions as unknown[]).length)).toEqual([5, 5, 2]);
  });

  it("cuts a card over 28 KB and ends with the more line", () => {
    const c: Card = { summary: "Viele Ziele", blocks: texts(300, (i) => `Ziel ${i}: ${"x".repeat(200)}`) };
    const json = card(c);
    expect(bytes(json)).toBeLessThan(ADAPTIVE_CARD_MAX_BYTES);
    const shown = json.body.filter((e) => typeof e.text === "string" && e.text.startsWith("Ziel ")).length;
    expect(shown).toBeGreaterThan(50);
    expect(shown).toBeLessThan(300);
    expect(json.body.at(-1)).toEqual({
      type: "TextBlock",
      text: `… und ${300 - shown} weitere`,
      wrap: true,
      isSubtle: true,
      separator: true,
    });
    // The cut keeps as much as fits: it stops within about one block of the renderer's budget.
    expect(bytes(json)).toBeLessThanOrEqual(ADAPTIVE_CARD_BUDGET_BYTES);
    expect(bytes(json)).toBeGreaterThan(ADAPTIVE_CARD_BUDGET_BYTES - 500);
  });

  it("uses the card's overflow text and action when cut", () => {
    const json = card({
      summary: "Viele Ziele",
      blocks: texts(300, (i) => `Ziel ${i}: ${"x".repeat(200)}`),
      overflow: {
        text: "Alle Ziele: /goals tree",
        action: { id: "goals.tree", label: "Alle", payload: { unit: "u1" } },
      },
    });
    expect(json.body.slice(-2)).toEqual([
      { type: "TextBlock", text: "Alle Ziele: /goals tree", wrap: true, separator: true },
      {
        type: "ActionSet",
        actions: [{ type: "Action.Execute", title: "Alle", verb: "goals.tree", data: { unit: "u1" } }],
      },
    ]);
  });

  it("skips blocks that show nothing and puts a trailing divider nowhere", () => {
    const json = card({
      summary: "s",
      blocks: [
        { type: "header", text: "" },
        { type: "text", text: " " },
        { type: "list", items: [] },
        { type: "fields", fields: [] },
        { type: "progress", label: "", percent: 20 },
        { type: "divider" },
      ],
    });
    expect(json.body).toEqual([
      { type: "TextBlock", text: "▓▓░░░░░░░░ 20 %", wrap: true, fontType: "Monospace", spacing: "None" },
    ]);
  });

  it("does not cut a card that fits", () => {
    const json = card({ summary: "s", blocks: texts(50, (i) => `Ziel ${i}`) });
    expect(json.body).toHaveLength(50);
  });
});

describe("renderAdaptiveForm", () => {
  it("renders every input kind, required messages, errors and the submit action", () => {
    const json = form(sampleForm);
    expect(json.body[0]).toEqual({
      type: "TextBlock",
      text: "Neues Ziel",
      wrap: true,
      size: "Large",
      weight: "Bolder",
      style: "heading",
    });
    expect(json.body[1]).toEqual({ type: "TextBlock", text: "Bitte **alle** Felder ausfüllen.", wrap: true });
    expect(byId(json, "title").element).toEqual({
      type: "Input.Text",
      id: "title",
      maxLength: 120,
      placeholder: "z. B. NPS",
      value: "Kundenzufriedenheit",
      label: "Titel",
      isRequired: true,
      errorMessage: "Bitte Titel ausfüllen",
    });
    expect(byId(json, "description").element).toEqual({
      type: "Input.Text",
      id: "description",
      isMultiline: true,
      label: "Beschreibung",
    });
    expect(byId(json, "target").element).toEqual({
      type: "Input.Number",
      id: "target",
      min: 0,
      max: 100,
      value: 80,
      label: "Zielwert",
    });
    const due = byId(json, "due");
    expect(due.element).toEqual({ type: "Input.Date", id: "due", value: "2025-12-31", label: "Fällig am" });
    // The field error sits right under its input, in red, before the hint.
    expect(json.body[due.index + 1]).toEqual({
      type: "TextBlock",
      text: "Datum liegt in der **Vergangenheit**",
      wrap: true,
      color: "attention",
      spacing: "Small",
    });
    expect(json.body[due.index + 2]).toMatchObject({ type: "TextBlock", text: "TT.MM.JJJJ", isSubtle: true });
    expect(byId(json, "time").element).toEqual({ type: "Input.Time", id: "time", value: "09:30", label: "Uhrzeit" });
    expect(byId(json, "status").element).toEqual({
      type: "Input.ChoiceSet",
      id: "status",
      style: "compact",
      choices: options(3).map((o) => ({ title: o.label, value: o.value })),
      value: "o1",
      placeholder: "Wählen",
      label: "Status",
    });
    expect(byId(json, "priority").element).toMatchObject({ type: "Input.ChoiceSet", style: "expanded", value: "p1" });
    expect(byId(json, "priority").element).not.toHaveProperty("isMultiSelect");
    expect(byId(json, "kpis").element).toMatchObject({
      type: "Input.ChoiceSet",
      style: "expanded",
      isMultiSelect: true,
      value: "k0,k2",
    });
    expect(byId(json, "owner").element).toEqual({
      type: "Input.ChoiceSet",
      id: "owner",
      choices: [],
      "choices.data": { type: "Data.Query", dataset: "graph.microsoft.com/users" },
      value: "aad-123",
      label: "Verantwortlich",
      isRequired: true,
      errorMessage: "Bitte Verantwortlich ausfüllen",
    });
    expect(json.actions).toEqual([
      {
        type: "Action.Execute",
        title: "Speichern",
        verb: "goals.add",
        data: { kursMetadata: '{"unit":"u1"}', kursMultiSelect: ["kpis"] },
        style: "positive",
      },
    ]);
  });

  it("falls back to the label as the required message when the caller gives none", () => {
    const json = form(sampleForm, { more: opts.more });
    expect(byId(json, "title").element.errorMessage).toBe("Titel");
  });

  it("cuts a form over 28 KB and says how many inputs are hidden", () => {
    const inputs: Input[] = Array.from({ length: 300 }, (_, i) => ({
      id: `f${i}`,
      kind: "text",
      label: `Feld ${i} ${"l".repeat(100)}`,
    }));
    const json = form({ ...sampleForm, intro: [], errors: {}, inputs });
    expect(bytes(json)).toBeLessThan(ADAPTIVE_CARD_MAX_BYTES);
    const shown = json.body.filter((e) => e.type === "Input.Text").length;
    expect(shown).toBeLessThan(300);
    expect(json.body.at(-1)?.text).toBe(`… und ${300 - shown} weitere`);
  });
});

describe("parseTeamsFormData", () => {
  it("reads every input kind, splitting multi-selects and dropping the form's own keys", () => {
    const data = {
      title: "NPS steigern",
      description: "",
      target: 80,
      due: "2025-12-31",
      time: "09:30",
      status: "o1",
      priority: "p1",
      kpis: "k0,k2",
      owner: "aad-123",
      kursMetadata: '{"unit":"u1"}',
      kursMultiSelect: ["kpis", "none"],
    };
    expect(parseTeamsFormData(data)).toEqual({
      title: "NPS steigern",
      description: undefined,
      target: "80",
      due: "2025-12-31",
      time: "09:30",
      status: "o1",
      priority: "p1",
      kpis: ["k0", "k2"],
      owner: "aad-123",
      none: [],
    });
    expect(parseTeamsFormMetadata(data)).toBe('{"unit":"u1"}');
  });

  it("keeps an empty multi-select as an empty list", () => {
    expect(parseTeamsFormData({ kpis: "", kursMultiSelect: ["kpis"] })).toEqual({ kpis: [] });
  });

  it("leaves a comma in a single-value input alone", () => {
    expect(parseTeamsFormData({ title: "a,b" })).toEqual({ title: "a,b" });
  });

  it("ignores anything that is not submit data", () => {
    expect(parseTeamsFormData(undefined)).toEqual({});
    expect(parseTeamsFormData("x")).toEqual({});
    expect(parseTeamsFormData([1])).toEqual({});
    expect(parseTeamsFormMetadata({})).toBeUndefined();
    expect(parseTeamsFormData({ nested: { a: 1 }, msteams: { type: "x" } })).toEqual({ nested: undefined });
  });

  it("round-trips what the rendered form would submit unchanged", () => {
    const json = renderAdaptiveForm(sampleForm, opts);
    // Teams merges each input's current value into the action's data.
    const submitted: Record<string, unknown> = { ...(json.actions?.[0]?.data as Record<string, unknown>) };
    for (const e of json.body)
      if (typeof e.id === "string") submitted[e.id] = e.value === undefined ? "" : String(e.value);
    expect(parseTeamsFormData(submitted)).toEqual({
      title: "Kundenzufriedenheit",
      description: undefined,
      target: "80",
      due: "2025-12-31",
      time: "09:30",
      status: "o1",
      priority: "p1",
      kpis: ["k0", "k2"],
      owner: "aad-123",
    });
  });
});

describe("assertValidAdaptiveCard", () => {
  const base = { type: "AdaptiveCard", $schema: "http://adaptivecards.io/schemas/adaptive-card.json", version: "1.5" };

  it("accepts a valid card", () => {
    expect(() =>
      assertValidAdaptiveCard({ ...base, body: [{ type: "TextBlock", text: "x", wrap: true }] }),
    ).not.toThrow();
  });

  it.each([
    ["an unknown property", [{ type: "Input.Text", id: "a", multiline: true }], /unknown property "multiline"/],
    ["an unknown element", [{ type: "Bogus" }], /UnknownElementType/],
    ["an invalid enum value", [{ type: "TextBlock", text: "x", size: "huge" }], /InvalidPropertyValue/],
    [
      "duplicate ids",
      [
        { type: "Input.Text", id: "a", label: "A" },
        { type: "Input.Text", id: "a", label: "B" },
      ],
      /DuplicateId/,
    ],
    ["a required input without label", [{ type: "Input.Text", id: "a", isRequired: true, errorMessage: "e" }], /label/],
    ["a ChoiceSet without choices", [{ type: "Input.ChoiceSet", id: "c", choices: [] }], /CollectionCantBeEmpty/],
    [
      "Action.Execute without verb",
      [{ type: "ActionSet", actions: [{ type: "Action.Execute", title: "x" }] }],
      /without a verb/,
    ],
  ])("rejects %s", (_name, body, message) => {
    expect(() => assertValidAdaptiveCard({ ...base, body })).toThrow(message);
  });

  it("rejects a wrong version and a card over 28 KB", () => {
    expect(() => assertValidAdaptiveCard({ ...base, version: "1.6", body: [] })).toThrow(/not "1.5"/);
    const big = { ...base, body: [{ type: "TextBlock", text: "x".repeat(28_000), wrap: true }] };
    expect(() => assertValidAdaptiveCard(big)).toThrow(/Teams allows < 28 KB/);
  });
});
