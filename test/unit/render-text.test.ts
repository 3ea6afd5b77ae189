import { describe, expect, it } from "vitest";
import { renderBlockText, renderFormText, renderText } from "../../src/chat/console/render-text.js";
import type { Card, Form } from "../../src/core/ui/card.js";
import { escapeMarkup } from "../../src/core/ui/markup.js";
import type { RenderOptions } from "../../src/core/ui/render-options.js";

const opts: RenderOptions = { more: (n) => `… und ${n} weitere` };

const card: Card = {
  summary: "Ziele Vertrieb",
  blocks: [
    { type: "header", text: "Ziele **Vertrieb**" },
    { type: "text", text: "Hallo **Anna**, _bitte_ prüfen: [Details](https://k.example/g?a=1&b=2)\nZweite Zeile" },
    {
      type: "fields",
      fields: [
        { label: "Status", value: "auf Kurs" },
        { label: "Fällig", value: "31.12.2025" },
      ],
    },
    { type: "progress", label: "Fortschritt", percent: 50, note: "3 von 6 Maßnahmen" },
    { type: "list", items: ["Eins", "Zwei"] },
    { type: "list", items: ["A", "B\nC"], ordered: true },
    { type: "image", url: "https://k.example/c.png", alt: "Diagramm", title: "KPI" },
    { type: "context", text: "Stand: heute" },
    { type: "divider" },
    {
      type: "actions",
      actions: [
        { id: "goals.checkin", label: "Check-in", payload: { goalId: "g1" }, style: "primary" },
        { id: "goals.open", label: "Öffnen", url: "https://k.example/g/1" },
        { id: "goals.delete", label: "Löschen", style: "danger" },
      ],
    },
  ],
};

const form: Form = {
  id: "goals.add",
  title: "Neues Ziel",
  submitLabel: "Speichern",
  closeLabel: "Abbrechen",
  metadata: '{"unit":"u1"}',
  intro: [{ type: "text", text: "Bitte **alle** Felder ausfüllen." }],
  inputs: [
    { id: "title", kind: "text", label: "Titel", required: true, initial: "Kundenzufriedenheit", maxLength: 120 },
    { id: "description", kind: "longText", label: "Beschreibung", hint: "Was soll erreicht werden?" },
    { id: "target", kind: "number", label: "Zielwert", min: 0, max: 100, initial: 80 },
    { id: "due", kind: "date", label: "Fällig am", initial: "2025-12-31" },
    { id: "time", kind: "time", label: "Uhrzeit", initial: "09:30" },
    {
      id: "status",
      kind: "select",
      label: "Status",
      options: [
        { value: "on", label: "auf Kurs" },
        { value: "risk", label: "gefährdet" },
      ],
      initial: "on",
    },
    {
      id: "priority",
      kind: "radio",
      label: "Priorität",
      options: [
        { value: "h", label: "hoch" },
        { value: "l", label: "niedrig" },
      ],
      initial: "l",
    },
    {
      id: "kpis",
      kind: "checkboxes",
      label: "KPIs",
      options: [
        { value: "nps", label: "NPS" },
        { value: "fcr", label: "FCR" },
      ],
      initial: ["fcr"],
    },
    { id: "owner", kind: "person", label: "Verantwortlich", required: true, initial: "U123" },
  ],
  errors: { due: "Datum liegt in der Vergangenheit" },
};

describe("renderText", () => {
  it("renders every block type as plain text", () => {
    expect(renderText(card, opts)).toBe(
      [
        "Ziele Vertrieb",
        "Hallo Anna, bitte prüfen: Details (https://k.example/g?a=1&b=2)\nZweite Zeile",
        "Status: auf Kurs\nFällig: 31.12.2025",
        "Fortschritt: ▓▓▓▓▓░░░░░ 50 %\n3 von 6 Maßnahmen",
        "• Eins\n• Zwei",
        "1. A\n2. B\n   C",
        "KPI: Diagramm (https://k.example/c.png)",
        "Stand: heute",
        "----------",
        "[Check-in] [Löschen]\nÖffnen: https://k.example/g/1",
      ].join("\n\n"),
    );
  });

  it("starts with the summary unless the card opens with the same header", () => {
    const text = renderText({ summary: "Neu: 3 Ziele", blocks: [{ type: "text", text: "x" }] }, opts);
    expect(text).toBe("Neu: 3 Ziele\n\nx");
    expect(renderText({ summary: "", blocks: [{ type: "text", text: "x" }] }, opts)).toBe("x");
  });

  it("shows data verbatim: escaped markup, angle brackets and ampersands", () => {
    const name = "**Anna** <@U1> & [x](https://e.example) _y_";
    const text = renderText({ summary: "s", blocks: [{ type: "text", text: `Hallo ${escapeMarkup(name)}` }] }, opts);
    expect(text).toBe(`s\n\nHallo ${name}`);
  });

  it("renders a link whose label is its address once", () => {
    expect(renderBlockText({ type: "text", text: "[https://a.example](https://a.example)" })).toBe("https://a.example");
  });

  it("renders an image without alt text as its URL", () => {
    expect(renderBlockText({ type: "image", url: "https://a.example/i.png", alt: "" })).toBe("https://a.example/i.png");
  });

  it("cuts whole blocks at maxLength and ends with the more line", () => {
    const long: Card = {
      summary: "Liste",
      blocks: Array.from({ length: 50 }, (_, i) => ({ type: "text" as const, text: `Zeile ${i} ${"x".repeat(80)}` })),
    };
    const text = renderText(long, { ...opts, maxLength: 1000 });
    expect(text.length).toBeLessThanOrEqual(1000);
    const shown = text.split("\n\n").filter((p) => p.startsWith("Zeile")).length;
    expect(shown).toBeGreaterThan(0);
    expect(text.endsWith(`… und ${50 - shown} weitere`)).toBe(true);
  });

  it("uses the card's overflow text and action when cut", () => {
    const long: Card = {
      summary: "Liste",
      blocks: Array.from({ length: 30 }, (_, i) => ({ type: "text" as const, text: `Zeile ${i} ${"x".repeat(80)}` })),
      overflow: {
        text: "Alle Ziele: /goals tree",
        action: { id: "goals.tree", label: "Alle zeigen", url: "https://k.example/tree" },
      },
    };
    const text = renderText(long, { ...opts, maxLength: 600 });
    expect(text.length).toBeLessThanOrEqual(600);
    expect(text.endsWith("Alle Ziele: /goals tree\nAlle zeigen: https://k.example/tree")).toBe(true);
  });
});

describe("renderFormText", () => {
  it("renders every input kind with values, options, hints and errors", () => {
    expect(renderFormText(form)).toBe(
      [
        "Neues Ziel",
        "Bitte alle Felder ausfüllen.",
        "Titel *: Kundenzufriedenheit",
        "Beschreibung:\n  Was soll erreicht werden?",
        "Zielwert: 80",
        "Fällig am: 2025-12-31\n  ⚠ Datum liegt in der Vergangenheit",
        "Uhrzeit: 09:30",
        "Status:\n  ● auf Kurs\n  ○ gefährdet",
        "Priorität:\n  ○ hoch\n  ● niedrig",
        "KPIs:\n  ☐ NPS\n  ☑ FCR",
        "Verantwortlich *: U123",
        "[Speichern] [Abbrechen]",
      ].join("\n\n"),
    );
  });
});
