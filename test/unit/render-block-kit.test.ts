import type { ViewOutput } from "@slack/bolt";
import type { Button, InputBlock, KnownBlock, SectionBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { renderText } from "../../src/chat/console/render-text.js";
import { decodeSlackAction } from "../../src/chat/slack/action-codec.js";
import {
  escapeSlackText,
  parseSlackViewState,
  renderBlockKit,
  renderSlackHome,
  renderSlackModal,
  type SlackMessage,
  type SlackViewStateValue,
  slackFieldErrors,
} from "../../src/chat/slack/render-block-kit.js";
import type { Block, Card, Form, Input } from "../../src/core/ui/card.js";
import { escapeMarkup } from "../../src/core/ui/markup.js";
import type { RenderOptions } from "../../src/core/ui/render-options.js";
import { sampleForm as buildSampleForm, options, sampleCard } from "../fixtures/sample-card.js";
import { assertBlockKitWithinLimits } from "../helpers/block-kit-limits.js";

const opts: RenderOptions = { more: (n) => `… und ${n} weitere` };
const ZWSP = "\u200b";

function messages(card: Card): SlackMessage[] {
  const out = renderBlockKit(card, opts);
  for (const m of out) assertBlockKitWithinLimits(m, "message");
  return out;
}

function onlyMessage(card: Card): SlackMessage {
  const out = messages(card);
  expect(out).toHaveLength(1);
  const [first] = out;
  if (first === undefined) throw new Error("no message");
  return first;
}

function modal(form: Form) {
  const view = renderSlackModal(form, opts);
  assertBlockKitWithinLimits(view, "modal");
  return view;
}

function sectionText(block: KnownBlock | undefined): string {
  if (block?.type !== "section" || block.text === undefined)
    throw new Error(`not a text section: ${JSON.stringify(block)}`);
  return block.text.text;
}

function inputBlock(blocks: readonly unknown[], id: string): InputBlock {
  const block = blocks.find(
    (b): b is InputBlock => (b as InputBlock).type === "input" && (b as InputBlock).block_id === id,
  );
  if (block === undefined) throw new Error(`no input block ${id}`);
  return block;
}

const texts = (n: number, prefix = "Zeile"): Block[] =>
  Array.from({ length: n }, (_, i) => ({ type: "text" as const, text: `${prefix} ${i}` }));

const sampleForm = buildSampleForm("U123", { closeLabel: "Abbrechen" });

describe("renderBlockKit", () => {
  it("renders every block type", () => {
    const message = onlyMessage(sampleCard);
    expect(message.text).toBe(escapeSlackText(renderText(sampleCard, opts)));
    expect(message.blocks).toEqual([
      { type: "header", text: { type: "plain_text", text: "Ziele Vertrieb", emoji: true } },
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: "Hallo *Anna*, _bitte_ prüfen: <https://k.example/g?a=1&amp;b=2|Details>\nZweite Zeile",
        },
      },
      {
        type: "section",
        fields: [
          { type: "mrkdwn", text: "*Status*\nauf Kurs" },
          { type: "mrkdwn", text: "*Fällig*\n31.12.2025" },
        ],
      },
      { type: "section", text: { type: "mrkdwn", text: "*Fortschritt*\n▓▓▓▓▓░░░░░ 50 %\n3 von 6 Maßnahmen" } },
      { type: "section", text: { type: "mrkdwn", text: "• Eins\n• Zwei" } },
      { type: "section", text: { type: "mrkdwn", text: "1. A\n2. B" } },
      {
        type: "image",
        image_url: "https://k.example/c.png",
        alt_text: "Diagramm",
        title: { type: "plain_text", text: "KPI", emoji: true },
      },
      { type: "context", elements: [{ type: "mrkdwn", text: "Stand: _heute_" }] },
      { type: "divider" },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "Check-in", emoji: true },
            action_id: "goals.checkin#0",
            value: '{"goalId":"g1"}',
            style: "primary",
          },
          {
            type: "button",
            text: { type: "plain_text", text: "Öffnen", emoji: true },
            action_id: "goals.open#1",
            url: "https://k.example/g/1",
          },
          {
            type: "button",
            text: { type: "plain_text", text: "Löschen", emoji: true },
            action_id: "goals.delete#2",
            style: "danger",
          },
        ],
      },
    ]);
  });

  it("escapes data so it can neither format, link nor mention", () => {
    const name = "**Anna** <@U1> & <!channel> [x](https://e.example) _y_ ~z~ `c` Mitarbeiter*innen";
    const text = sectionText(
      onlyMessage({ summary: "s", blocks: [{ type: "text", text: escapeMarkup(name) }] }).blocks[0],
    );
    expect(text).toContain("&lt;@U1&gt; &amp; &lt;!channel&gt;");
    expect(text).not.toMatch(/<[@!]/);
    expect(text).not.toContain("<https://e.example");
    // Every formatting character is fenced by zero-width spaces so Slack cannot pair it up.
    expect(text).not.toMatch(new RegExp(`(?<!${ZWSP})[*_~\`]|[*_~\`](?!${ZWSP})`));
    expect(text.replaceAll(ZWSP, "").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&")).toBe(
      name,
    );
  });

  it("keeps Slack's link syntax intact for URLs with special characters", () => {
    const text = sectionText(
      onlyMessage({ summary: "s", blocks: [{ type: "text", text: "[a & b](https://e.example/x|y<z>?q=1&r=2)" }] })
        .blocks[0],
    );
    expect(text).toBe("<https://e.example/x%7Cy%3Cz%3E?q=1&amp;r=2|a &amp; b>");
  });

  it("moves spaces out of emphasis and drops nested bold markers", () => {
    const text = sectionText(onlyMessage({ summary: "s", blocks: [{ type: "text", text: "**a _b_** c" }] }).blocks[0]);
    expect(text).toBe("*a _b_* c");
  });

  it("splits a 200-block card into messages of at most 50 blocks, in order, each with fallback text", () => {
    const card: Card = { summary: "Lange Liste", blocks: texts(200) };
    const out = messages(card);
    expect(out.length).toBe(4);
    for (const m of out) {
      expect(m.blocks.length).toBeLessThanOrEqual(50);
      expect(m.text.trim()).not.toBe("");
    }
    expect(out.flatMap((m) => m.blocks.map(sectionText))).toEqual(
      texts(200).map((b) => (b.type === "text" ? b.text : "")),
    );
    expect(out[0]?.text.startsWith("Lange Liste\n\nZeile 0")).toBe(true);
    expect(out[1]?.text.startsWith("Zeile 50")).toBe(true);
  });

  it("keeps action_ids unique across all split messages", () => {
    const blocks: Block[] = Array.from({ length: 120 }, (_, i) => ({
      type: "actions" as const,
      actions: [{ id: "goals.checkin" as const, label: "Check-in", payload: { goalId: `g${i}` } }],
    }));
    const out = messages({ summary: "s", blocks });
    const ids = out.flatMap((m) => m.blocks.flatMap((b) => (b.type === "actions" ? b.elements : [])));
    expect(ids).toHaveLength(120);
    expect(new Set(ids.map((b) => ("action_id" in b ? b.action_id : ""))).size).toBe(120);
  });

  it("puts a huge list into several sections and messages without losing items", () => {
    const items = Array.from({ length: 400 }, (_, i) => `Maßnahme ${i} ${"x".repeat(60)}`);
    const out = messages({ summary: "s", blocks: [{ type: "list", items }] });
    const all = out.flatMap((m) => m.blocks.map(sectionText)).join("\n");
    expect(all.split("\n").filter((l) => l.startsWith("• Maßnahme"))).toHaveLength(400);
  });

  it("truncates an over-long header, button label, section and field visibly", () => {
    const message = onlyMessage({
      summary: "s",
      blocks: [
        { type: "header", text: "H".repeat(200) },
        { type: "text", text: `${"t".repeat(2990)} [Link](https://e.example/${"p".repeat(50)}) ${"u".repeat(3000)}` },
        { type: "fields", fields: [{ label: "Feld", value: "v".repeat(3000) }] },
        { type: "actions", actions: [{ id: "goals.x", label: "B".repeat(100) }] },
        { type: "context", text: "c".repeat(4000) },
      ],
    });
    const [header, section, fields, actions, context] = message.blocks;
    expect(header?.type === "header" && header.text.text).toBe(`${"H".repeat(149)}…`);
    const text = sectionText(section);
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text.endsWith("…")).toBe(true);
    expect(text).not.toContain("<https://e.example");
    const field = (fields as SectionBlock).fields?.[0]?.text ?? "";
    expect(field.length).toBeLessThanOrEqual(2000);
    expect(field.startsWith("*Feld*\nvvv")).toBe(true);
    expect(field.endsWith("…")).toBe(true);
    const button = actions?.type === "actions" ? (actions.elements[0] as Button) : undefined;
    expect(button?.text.text).toBe(`${"B".repeat(74)}…`);
    expect(context?.type === "context" && "text" in (context.elements[0] ?? {})).toBe(true);
  });

  it("never cuts inside an escape or a link when truncating", () => {
    const text = sectionText(
      onlyMessage({ summary: "s", blocks: [{ type: "text", text: "&<>".repeat(1500) }] }).blocks[0],
    );
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text).toMatch(/^(?:&amp;|&lt;|&gt;)+…$/);
  });

  it("splits more than 10 fields and more than 25 buttons", () => {
    const message = onlyMessage({
      summary: "s",
      blocks: [
        { type: "fields", fields: Array.from({ length: 23 }, (_, i) => ({ label: `L${i}`, value: `V${i}` })) },
        {
          type: "actions",
          actions: Array.from({ length: 30 }, (_, i) => ({ id: "goals.x" as const, label: `B${i}` })),
        },
      ],
    });
    const sizes = message.blocks.map((b) =>
      b.type === "section" ? (b.fields?.length ?? 0) : b.type === "actions" ? b.elements.length : -1,
    );
    expect(sizes).toEqual([10, 10, 3, 25, 5]);
  });

  it("shows a non-http image (e.g. an inline chart) by its alt text and skips empty blocks", () => {
    const message = onlyMessage({
      summary: "s",
      blocks: [
        { type: "image", url: "data:image/png;base64,AAAA", alt: "Diagramm: NPS" },
        { type: "text", text: "   " },
        { type: "list", items: [] },
        { type: "header", text: "" },
      ],
    });
    expect(message.blocks).toEqual([{ type: "section", text: { type: "mrkdwn", text: "Diagramm: NPS" } }]);
  });

  it("still sends one message for an empty card, with the summary as text", () => {
    expect(messages({ summary: "Nichts zu tun", blocks: [] })).toEqual([{ text: "Nichts zu tun", blocks: [] }]);
  });
});

describe("renderSlackModal", () => {
  it("renders every input kind with ids, initial values, optional flags, hints and errors", () => {
    const view = modal(sampleForm);
    expect(view.type).toBe("modal");
    expect(view.callback_id).toBe("goals.add");
    expect(view.private_metadata).toBe('{"unit":"u1"}');
    expect(view.title).toEqual({ type: "plain_text", text: "Neues Ziel", emoji: true });
    expect(view.submit?.text).toBe("Speichern");
    expect(view.close?.text).toBe("Abbrechen");
    expect(sectionText(view.blocks[0] as KnownBlock)).toBe("Bitte *alle* Felder ausfüllen.");

    const title = inputBlock(view.blocks, "title");
    expect(title.optional).toBe(false);
    expect(title.label.text).toBe("Titel");
    expect(title.element).toEqual({
      type: "plain_text_input",
      action_id: "title",
      multiline: false,
      placeholder: { type: "plain_text", text: "z. B. NPS", emoji: true },
      max_length: 120,
      initial_value: "Kundenzufriedenheit",
    });
    const description = inputBlock(view.blocks, "description");
    expect(description.optional).toBe(true);
    expect(description.element).toMatchObject({ type: "plain_text_input", action_id: "description", multiline: true });
    expect(description.hint?.text).toBe("Was soll erreicht werden?");
    expect(inputBlock(view.blocks, "target").element).toEqual({
      type: "number_input",
      action_id: "target",
      is_decimal_allowed: true,
      min_value: "0",
      max_value: "100",
      initial_value: "80",
    });
    const due = inputBlock(view.blocks, "due");
    expect(due.element).toEqual({ type: "datepicker", action_id: "due", initial_date: "2025-12-31" });
    expect(due.hint?.text).toBe("⚠️ Datum liegt in der Vergangenheit");
    expect(inputBlock(view.blocks, "time").element).toEqual({
      type: "timepicker",
      action_id: "time",
      initial_time: "09:30",
    });
    expect(inputBlock(view.blocks, "status").element).toMatchObject({
      type: "static_select",
      action_id: "status",
      initial_option: { value: "o1", text: { type: "plain_text", text: "Option 1" } },
      placeholder: { text: "Wählen" },
    });
    expect(inputBlock(view.blocks, "priority").element).toMatchObject({
      type: "radio_buttons",
      initial_option: { value: "p1" },
    });
    const kpis = inputBlock(view.blocks, "kpis").element;
    expect(kpis.type).toBe("checkboxes");
    expect(kpis.type === "checkboxes" && kpis.initial_options?.map((o) => o.value)).toEqual(["k0", "k2"]);
    const owner = inputBlock(view.blocks, "owner");
    expect(owner.optional).toBe(false);
    expect(owner.element).toEqual({ type: "users_select", action_id: "owner", initial_user: "U123" });
  });

  it("cuts a 150-option select to 100 options and says so in the hint", () => {
    const view = modal({
      ...sampleForm,
      inputs: [{ id: "unit", kind: "select", label: "Einheit", options: options(150), hint: "Team wählen" }],
    });
    const block = inputBlock(view.blocks, "unit");
    expect(block.element.type === "static_select" && block.element.options?.length).toBe(100);
    expect(block.hint?.text).toBe("Team wählen … und 50 weitere");
  });

  it("turns radio buttons and checkboxes with more than 10 options into select menus", () => {
    const view = modal({
      ...sampleForm,
      inputs: [
        { id: "r", kind: "radio", label: "R", options: options(12), initial: "o11" },
        { id: "c", kind: "checkboxes", label: "C", options: options(12), initial: ["o0", "o11"] },
      ],
    });
    expect(inputBlock(view.blocks, "r").element).toMatchObject({
      type: "static_select",
      initial_option: { value: "o11" },
    });
    const c = inputBlock(view.blocks, "c").element;
    expect(c.type).toBe("multi_static_select");
    expect(c.type === "multi_static_select" && c.initial_options?.map((o) => o.value)).toEqual(["o0", "o11"]);
  });

  it("truncates title and buttons to 24 characters", () => {
    const view = modal({ ...sampleForm, title: "Ein sehr langer Titel für ein Modal", submitLabel: "S".repeat(30) });
    expect(view.title.text).toBe("Ein sehr langer Titel f…");
    expect(view.submit?.text).toBe(`${"S".repeat(23)}…`);
  });

  it("refuses metadata over 3,000 characters rather than corrupting it", () => {
    expect(() => renderSlackModal({ ...sampleForm, metadata: "m".repeat(3001) }, opts)).toThrow(RangeError);
  });

  it("refuses option values over 150 characters rather than changing them", () => {
    const form: Form = {
      ...sampleForm,
      inputs: [{ id: "s", kind: "select", label: "S", options: [{ value: "v".repeat(151), label: "x" }] }],
    };
    expect(() => renderSlackModal(form, opts)).toThrow(RangeError);
  });

  it("cuts a modal with 120 inputs to 100 blocks, intro first, and says how many are hidden", () => {
    const inputs: Input[] = Array.from({ length: 120 }, (_, i) => ({ id: `f${i}`, kind: "text", label: `Feld ${i}` }));
    const view = modal({ ...sampleForm, intro: texts(5), inputs });
    expect(view.blocks).toHaveLength(100);
    expect(view.blocks.filter((b) => (b as KnownBlock).type === "input")).toHaveLength(99);
    expect(inputBlock(view.blocks, "f98").block_id).toBe("f98");
    expect(view.blocks.at(-1)).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: "… und 26 weitere" }] });
  });

  it("drops initial values Slack would reject", () => {
    const view = modal({
      ...sampleForm,
      inputs: [
        { id: "n", kind: "number", label: "N", min: 1, max: 5, initial: 9 },
        { id: "t", kind: "text", label: "T", maxLength: 5, initial: "zu lang" },
        { id: "d", kind: "date", label: "D", initial: "31.12.2025" },
        { id: "h", kind: "time", label: "H", initial: "9 Uhr" },
        { id: "s", kind: "select", label: "S", options: options(2), initial: "unknown" },
      ],
    });
    expect(inputBlock(view.blocks, "n").element).not.toHaveProperty("initial_value");
    expect(inputBlock(view.blocks, "t").element).toMatchObject({ max_length: 5, initial_value: "zu la" });
    expect(inputBlock(view.blocks, "d").element).not.toHaveProperty("initial_date");
    expect(inputBlock(view.blocks, "h").element).not.toHaveProperty("initial_time");
    expect(inputBlock(view.blocks, "s").element).not.toHaveProperty("initial_option");
  });

  it("shows a choice input without options as its label instead of an element Slack rejects", () => {
    const view = modal({ ...sampleForm, intro: [], inputs: [{ id: "s", kind: "select", label: "Leer", options: [] }] });
    expect(view.blocks).toEqual([{ type: "section", text: { type: "mrkdwn", text: "Leer" } }]);
  });
});

describe("renderSlackHome", () => {
  it("cuts to 100 blocks and ends with the card's overflow text and button", () => {
    const card: Card = {
      summary: "Home",
      blocks: texts(150),
      overflow: {
        text: "Alle Ziele: /goals tree",
        action: { id: "goals.tree", label: "Alle", payload: { unit: "u1" } },
      },
    };
    const view = renderSlackHome(card, opts);
    assertBlockKitWithinLimits(view, "home");
    expect(view.type).toBe("home");
    expect(view.blocks).toHaveLength(100);
    const last = view.blocks.at(-1) as SectionBlock;
    expect(last.text?.text).toBe("Alle Ziele: /goals tree");
    const accessory = last.accessory as Button;
    expect(decodeSlackAction(accessory.action_id ?? "", accessory.value)).toEqual({
      id: "goals.tree",
      payload: { unit: "u1" },
    });
  });

  it("uses the caller's more line with the hidden count when the card has no overflow", () => {
    const view = renderSlackHome({ summary: "Home", blocks: texts(150) }, opts);
    assertBlockKitWithinLimits(view, "home");
    expect(view.blocks.at(-1)).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: "… und 51 weitere" }] });
  });

  it("shows a small card unchanged", () => {
    const view = renderSlackHome(sampleCard, opts);
    assertBlockKitWithinLimits(view, "home");
    expect(view.blocks).toEqual(onlyMessage(sampleCard).blocks);
  });
});

describe("slackFieldErrors", () => {
  it("answers a view_submission with plain-text errors keyed by input id", () => {
    expect(slackFieldErrors({ due: "Datum liegt in der **Vergangenheit**", title: "Pflichtfeld" })).toEqual({
      response_action: "errors",
      errors: { due: "Datum liegt in der Vergangenheit", title: "Pflichtfeld" },
    });
    expect(slackFieldErrors(undefined)).toEqual({ response_action: "errors", errors: {} });
  });
});

describe("parseSlackViewState", () => {
  it("reads every element kind into FormValues keyed by input id", () => {
    const option = (value: string) => ({ text: { type: "plain_text" as const, text: value }, value });
    // Typed as Bolt delivers it, so the parser stays compatible with view_submission payloads.
    const values: ViewOutput["state"]["values"] = {
      title: { title: { type: "plain_text_input", value: "NPS steigern" } },
      description: { description: { type: "plain_text_input", value: null } },
      target: { target: { type: "number_input", value: "80.5" } },
      due: { due: { type: "datepicker", selected_date: "2025-12-31" } },
      time: { time: { type: "timepicker", selected_time: "09:30" } },
      status: { status: { type: "static_select", selected_option: option("on") } },
      priority: { priority: { type: "radio_buttons", selected_option: null } },
      kpis: { kpis: { type: "checkboxes", selected_options: [option("nps"), option("fcr")] } },
      many: { many: { type: "multi_static_select", selected_options: [] } },
      owner: { owner: { type: "users_select", selected_user: "U123" } },
      nobody: { nobody: { type: "users_select", selected_user: null } },
    };
    expect(parseSlackViewState(values)).toEqual({
      title: "NPS steigern",
      description: undefined,
      target: "80.5",
      due: "2025-12-31",
      time: "09:30",
      status: "on",
      priority: undefined,
      kpis: ["nps", "fcr"],
      many: [],
      owner: "U123",
      nobody: undefined,
    });
  });

  it("understands every element the modal renderer produces", () => {
    const view = modal({
      ...sampleForm,
      inputs: [
        ...sampleForm.inputs,
        { id: "many", kind: "checkboxes", label: "Viele", options: options(12), initial: ["o3"] },
      ],
    });
    // What Slack sends back when the user submits without changing anything.
    const state: Record<string, Record<string, SlackViewStateValue>> = {};
    for (const block of view.blocks) {
      if ((block as KnownBlock).type !== "input") continue;
      const { block_id, element } = block as InputBlock;
      const e = element as unknown as Record<string, unknown> & { type: string; action_id: string };
      const selected = (e.initial_option as { value: string } | undefined) ?? null;
      const selectedMany = (e.initial_options as { value: string }[] | undefined) ?? [];
      state[block_id ?? ""] = {
        [e.action_id]: {
          type: e.type,
          value: (e.initial_value as string | undefined) ?? null,
          selected_date: (e.initial_date as string | undefined) ?? null,
          selected_time: (e.initial_time as string | undefined) ?? null,
          selected_user: (e.initial_user as string | undefined) ?? null,
          selected_option: selected,
          selected_options: selectedMany,
        },
      };
    }
    expect(parseSlackViewState(state)).toEqual({
      title: "Kundenzufriedenheit",
      description: undefined,
      target: "80",
      due: "2025-12-31",
      time: "09:30",
      status: "o1",
      priority: "p1",
      kpis: ["k0", "k2"],
      owner: "U123",
      many: ["o3"],
    });
  });
});

describe("assertBlockKitWithinLimits", () => {
  const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });
  const button = (id: string, label = "ok") => ({
    type: "button",
    action_id: id,
    text: { type: "plain_text", text: label },
  });

  it("accepts a valid payload", () => {
    expect(() => assertBlockKitWithinLimits({ blocks: [section("ok")] }, "message")).not.toThrow();
  });

  it.each([
    ["51 blocks in a message", { blocks: Array.from({ length: 51 }, () => section("x")) }, /51 items; max 50/],
    ["a section over 3,000 characters", { blocks: [section("x".repeat(3001))] }, /3001 characters; max 3000/],
    ["an empty text", { blocks: [section(" ")] }, /empty text/],
    ["a mrkdwn header", { blocks: [{ type: "header", text: { type: "mrkdwn", text: "h" } }] }, /requires plain_text/],
    [
      "a header over 150 characters",
      { blocks: [{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }] },
      /151 characters; max 150/,
    ],
    [
      "duplicate action_ids",
      { blocks: [{ type: "actions", elements: [button("a.b"), button("a.b")] }] },
      /duplicate action_id "a.b"/,
    ],
    [
      "a button label over 75 characters",
      { blocks: [{ type: "actions", elements: [button("a.b", "x".repeat(76))] }] },
      /76 characters; max 75/,
    ],
    [
      "26 elements in an actions block",
      { blocks: [{ type: "actions", elements: Array.from({ length: 26 }, (_, i) => button(`a.${i}`)) }] },
      /26 items; max 25/,
    ],
    [
      "duplicate block_ids",
      {
        blocks: [
          { ...section("a"), block_id: "x" },
          { ...section("b"), block_id: "x" },
        ],
      },
      /duplicate block_id/,
    ],
    [
      "11 fields",
      { blocks: [{ type: "section", fields: Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "f" })) }] },
      /11 items; max 10/,
    ],
    ["an unknown block type", { blocks: [{ type: "table" }] }, /unknown block type/],
  ])("rejects %s", (_name, payload, message) => {
    expect(() => assertBlockKitWithinLimits(payload, "message")).toThrow(message);
  });

  it("checks select options and view fields of a modal", () => {
    const select = {
      type: "static_select",
      action_id: "s",
      options: [{ text: { type: "plain_text", text: "a" }, value: "v".repeat(151) }],
      initial_option: { text: { type: "plain_text", text: "b" }, value: "b" },
    };
    const view = {
      type: "modal",
      title: { type: "plain_text", text: "t".repeat(25) },
      private_metadata: "m".repeat(3001),
      blocks: [{ type: "input", block_id: "s", label: { type: "plain_text", text: "S" }, element: select }],
    };
    let message = "";
    try {
      assertBlockKitWithinLimits(view, "modal");
    } catch (err) {
      message = String(err);
    }
    expect(message).toContain("blocks[0].element.options[0].value: 151 characters; max 150");
    expect(message).toContain("initial option is not one of the options");
    expect(message).toContain("title.text: 25 characters; max 24");
    expect(message).toContain("private_metadata: 3001 characters; max 3000");
    expect(message).toContain("submit: required when the modal has input blocks");
  });

  it("allows 100 blocks in a view but not 101", () => {
    expect(() =>
      assertBlockKitWithinLimits({ type: "home", blocks: Array.from({ length: 100 }, () => section("x")) }, "home"),
    ).not.toThrow();
    expect(() =>
      assertBlockKitWithinLimits({ type: "home", blocks: Array.from({ length: 101 }, () => section("x")) }, "home"),
    ).toThrow(/max 100/);
  });
});
