import type { Block, Card, CardAction, Form, FormValues, Input } from "../../core/ui/card.js";
import { ELLIPSIS, markupToPlain, parseMarkup, progressLine, type Span } from "../../core/ui/markup.js";
import type { RenderOptions } from "../../core/ui/render-options.js";

/** One Adaptive Card element or action as JSON. */
export interface AdaptiveElement {
  readonly type: string;
  readonly [property: string]: unknown;
}

export interface AdaptiveCardJson {
  readonly type: "AdaptiveCard";
  readonly $schema: string;
  readonly version: "1.5";
  readonly body: AdaptiveElement[];
  readonly actions?: AdaptiveElement[];
  readonly fallbackText?: string;
  /** Universal Actions refresh: Teams calls it when someone opens the card, so they see it current. */
  readonly refresh?: { readonly action: AdaptiveElement };
}

export const ADAPTIVE_CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";

/**
 * Teams refuses messages over about 28 KB, and the activity around the card (ids, service URL,
 * conversation, summary) takes its share, so the card itself stays a little below.
 */
export const ADAPTIVE_CARD_BUDGET_BYTES = 27_000;

/** Teams' host config shows at most this many actions in one ActionSet. */
const ACTIONS_PER_SET = 5;

/** Keys the form's submit data reserves next to the input values. */
export const TEAMS_METADATA_KEY = "kursMetadata";
export const TEAMS_MULTI_SELECT_KEY = "kursMultiSelect";

// Teams' card Markdown follows CommonMark closely enough that a backslash makes a formatting
// character literal. HTML is never interpreted in Adaptive Cards, so < and & need nothing. A
// mention needs an <at> tag plus a matching entity in the card, which Kurs never sends, so user
// text cannot mention anyone; and with [ ] escaped, a link can only show its own address.
function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_[\]~`]/g, "\\$&");
}

// A line that starts like a list, heading or quote would be formatted as one. Only real markers
// are escaped (a date such as "31.12.2025" at the start of a line stays untouched), so a client
// that ignored backslash escapes would show as few stray backslashes as possible.
function escapeLineStarts(text: string): string {
  return text
    .replace(/(^|\n)([ \t]*)([-+]|#{1,6})(?=[ \t]|\n|$)/g, "$1$2\\$3")
    .replace(/(^|\n)([ \t]*)>/g, "$1$2\\>")
    .replace(/(^|\n)([ \t]*\d{1,9})([.)])(?=[ \t]|\n|$)/g, "$1$2\\$3");
}

function markdownUrl(url: string): string {
  return url.replaceAll("(", "%28").replaceAll(")", "%29").replaceAll(" ", "%20");
}

function wrapEmphasis(marker: string, inner: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner);
  const core = match?.[2] ?? "";
  if (core === "") return inner;
  return `${match?.[1] ?? ""}${marker}${core}${marker}${match?.[3] ?? ""}`;
}

function markdownSpans(spans: readonly Span[], inBold = false, inItalic = false): string {
  let out = "";
  for (const span of spans) {
    switch (span.type) {
      case "text":
        out += escapeMarkdown(span.text);
        break;
      case "bold": {
        const inner = markdownSpans(span.children, true, inItalic);
        out += inBold ? inner : wrapEmphasis("**", inner);
        break;
      }
      case "italic": {
        const inner = markdownSpans(span.children, inBold, true);
        out += inItalic ? inner : wrapEmphasis("_", inner);
        break;
      }
      case "link":
        out += `[${escapeMarkdown(span.label)}](${markdownUrl(span.url)})`;
        break;
    }
  }
  return out;
}

/** Card markup -> Teams TextBlock Markdown; a line break needs a blank line in Teams. */
function markdown(spans: readonly Span[]): string {
  return escapeLineStarts(markdownSpans(spans)).replace(/\r?\n/g, "\n\n");
}

function md(text: string): string {
  return markdown(parseMarkup(text));
}

function plain(text: string): string {
  const s = markupToPlain(text).trim();
  return s === "" ? ELLIPSIS : s;
}

function textBlock(text: string, extra: Record<string, unknown> = {}): AdaptiveElement {
  return { type: "TextBlock", text: text === "" ? ELLIPSIS : text, wrap: true, ...extra };
}

/** `{ key: value }`, or nothing when the value is absent, for optional JSON properties. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}

function action(a: CardAction): AdaptiveElement {
  if (a.url !== undefined) return { type: "Action.OpenUrl", title: plain(a.label), url: a.url };
  const style = a.style === undefined ? undefined : a.style === "primary" ? "positive" : "destructive";
  return {
    type: "Action.Execute",
    title: plain(a.label),
    verb: a.id,
    data: { ...a.payload },
    ...optional("style", style),
  };
}

function actionSets(actions: readonly CardAction[]): AdaptiveElement[] {
  const sets: AdaptiveElement[] = [];
  for (let i = 0; i < actions.length; i += ACTIONS_PER_SET) {
    sets.push({ type: "ActionSet", actions: actions.slice(i, i + ACTIONS_PER_SET).map(action) });
  }
  return sets;
}

/** The elements for one Card block; a divider has none (it marks the next element instead). */
function renderBlock(block: Block): AdaptiveElement[] {
  switch (block.type) {
    case "header":
      return md(block.text).trim() === ""
        ? []
        : [textBlock(md(block.text), { size: "Large", weight: "Bolder", style: "heading" })];
    case "text":
      return md(block.text).trim() === "" ? [] : [textBlock(md(block.text))];
    case "fields": {
      const facts = block.fields.map((f) => ({ title: md(f.label), value: md(f.value) || ELLIPSIS }));
      return facts.length === 0 ? [] : [{ type: "FactSet", facts }];
    }
    case "progress": {
      const elements: AdaptiveElement[] = [];
      if (md(block.label).trim() !== "") elements.push(textBlock(md(block.label), { weight: "Bolder" }));
      elements.push(textBlock(progressLine(block.percent), { fontType: "Monospace", spacing: "None" }));
      if (block.note !== undefined) elements.push(textBlock(md(block.note), { isSubtle: true, spacing: "None" }));
      return elements;
    }
    case "list": {
      if (block.items.length === 0) return [];
      // Teams separates list items with \r; a line break inside an item would end the list.
      const lines = block.items.map((item, i) => {
        const text = markdownSpans(parseMarkup(item)).replace(/\r?\n/g, " ");
        return `${block.ordered === true ? `${i + 1}.` : "-"} ${text}`;
      });
      return [textBlock(lines.join("\r"))];
    }
    case "image": {
      const elements: AdaptiveElement[] = [{ type: "Image", url: block.url, altText: markupToPlain(block.alt) }];
      if (block.title !== undefined) elements.push(textBlock(md(block.title), { isSubtle: true, size: "Small" }));
      return elements;
    }
    case "context":
      return md(block.text).trim() === "" ? [] : [textBlock(md(block.text), { isSubtle: true, size: "Small" })];
    case "divider":
      return [];
    case "actions":
      return actionSets(block.actions);
  }
}

function bytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), "utf8");
}

interface Unit {
  readonly elements: AdaptiveElement[];
  /** Whether losing this unit loses content (a divider alone does not). */
  readonly counts: boolean;
}

/** Turns blocks into units, putting each divider on the element after it as a separator line. */
function blockUnits(blocks: readonly Block[]): Unit[] {
  const units: Unit[] = [];
  let separator = false;
  for (const block of blocks) {
    if (block.type === "divider") {
      separator = true;
      continue;
    }
    const elements = renderBlock(block);
    const [first, ...rest] = elements;
    if (first === undefined) continue;
    units.push({ elements: separator ? [{ ...first, separator: true }, ...rest] : elements, counts: true });
    separator = false;
  }
  return units;
}

function moreElements(card: Pick<Card, "overflow">, hidden: number, opts: RenderOptions): AdaptiveElement[] {
  if (card.overflow === undefined) return [textBlock(md(opts.more(hidden)), { isSubtle: true, separator: true })];
  const elements = [textBlock(md(card.overflow.text), { separator: true })];
  if (card.overflow.action !== undefined) elements.push(...actionSets([card.overflow.action]));
  return elements;
}

/**
 * Adds units in order while the serialized card stays within ADAPTIVE_CARD_BUDGET_BYTES; once one
 * does not fit, the rest are dropped and the overflow (or "more") line takes their place.
 */
function fitBody(
  base: AdaptiveCardJson,
  head: readonly AdaptiveElement[],
  units: readonly Unit[],
  more: (hidden: number) => AdaptiveElement[],
): AdaptiveElement[] {
  const all = [...head, ...units.flatMap((u) => u.elements)];
  if (bytes({ ...base, body: all }) <= ADAPTIVE_CARD_BUDGET_BYTES) return all;
  const counted = units.filter((u) => u.counts).length;
  // Room for the widest "more" line this card could need (the count has the most digits).
  const reserve = bytes(more(counted)) + 1;
  let used = bytes({ ...base, body: head });
  const body = [...head];
  let shown = 0;
  for (const unit of units) {
    const size = bytes(unit.elements) - 2 + (body.length > 0 ? 1 : 0);
    if (used + size + reserve > ADAPTIVE_CARD_BUDGET_BYTES) break;
    body.push(...unit.elements);
    used += size;
    if (unit.counts) shown += 1;
  }
  return [...body, ...more(counted - shown)];
}

function baseCard(summary: string): AdaptiveCardJson {
  const card: AdaptiveCardJson = { type: "AdaptiveCard", $schema: ADAPTIVE_CARD_SCHEMA, version: "1.5", body: [] };
  // The summary is plain text (see card.ts), shown as given.
  const fallback = summary.trim();
  return fallback === "" ? card : { ...card, fallbackText: fallback };
}

/** A Card as an Adaptive Card 1.5 for Teams, cut to stay within Teams' message size. */
export function renderAdaptiveCard(card: Card, opts: RenderOptions): AdaptiveCardJson {
  const base = baseCard(card.summary);
  const body = fitBody(base, [], blockUnits(card.blocks), (hidden) => moreElements(card, hidden, opts));
  return { ...base, body, ...(card.refresh ? { refresh: { action: action(card.refresh) } } : {}) };
}

const PEOPLE_DATASET = "graph.microsoft.com/users";

function choices(options: readonly { value: string; label: string }[]) {
  // Option labels are plain text (see card.ts): a title is shown as typed, never read as markup.
  return options.map((o) => ({ title: o.label.trim() === "" ? ELLIPSIS : o.label, value: o.value }));
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === "" ? undefined : s;
}

function inputElement(input: Input): AdaptiveElement {
  const { id } = input;
  switch (input.kind) {
    case "text":
    case "longText":
      return {
        type: "Input.Text",
        id,
        ...optional("isMultiline", input.kind === "longText" ? true : undefined),
        ...optional("maxLength", input.maxLength),
        ...optional("placeholder", input.placeholder === undefined ? undefined : plain(input.placeholder)),
        ...optional("value", nonEmpty(input.initial)),
      };
    case "number":
      return {
        type: "Input.Number",
        id,
        ...optional("min", input.min),
        ...optional("max", input.max),
        ...optional("value", input.initial),
      };
    case "date":
      return { type: "Input.Date", id, ...optional("value", nonEmpty(input.initial)) };
    case "time":
      return { type: "Input.Time", id, ...optional("value", nonEmpty(input.initial)) };
    case "select":
    case "radio":
      return {
        type: "Input.ChoiceSet",
        id,
        style: input.kind === "select" ? "compact" : "expanded",
        choices: choices(input.options),
        ...optional("value", nonEmpty(input.initial)),
        ...optional(
          "placeholder",
          input.kind === "select" && input.placeholder !== undefined ? plain(input.placeholder) : undefined,
        ),
      };
    case "checkboxes":
      return {
        type: "Input.ChoiceSet",
        id,
        style: "expanded",
        isMultiSelect: true,
        choices: choices(input.options),
        ...optional("value", nonEmpty(input.initial?.join(","))),
      };
    case "person":
      // Teams' people picker: a ChoiceSet whose choices come from Microsoft Graph as one types.
      return {
        type: "Input.ChoiceSet",
        id,
        choices: [],
        "choices.data": { type: "Data.Query", dataset: PEOPLE_DATASET },
        ...optional("value", nonEmpty(input.initial)),
      };
  }
}

function inputUnit(input: Input, error: string | undefined, opts: RenderOptions): Unit {
  const label = plain(input.label);
  const required = input.required === true ? { isRequired: true, errorMessage: opts.required?.(label) ?? label } : {};
  const elements: AdaptiveElement[] = [{ ...inputElement(input), label, ...required }];
  if (error !== undefined) elements.push(textBlock(md(error), { color: "attention", spacing: "Small" }));
  if (input.hint !== undefined)
    elements.push(textBlock(md(input.hint), { isSubtle: true, size: "Small", spacing: "Small" }));
  return { elements, counts: true };
}

/**
 * A Form as an Adaptive Card. Submitting sends Action.Execute with verb = form.id; its data holds
 * the form metadata and which inputs are multi-select, next to the input values Teams merges in.
 */
export function renderAdaptiveForm(form: Form, opts: RenderOptions): AdaptiveCardJson {
  const base = baseCard(form.title);
  const data: Record<string, unknown> = {};
  if (form.metadata !== undefined) data[TEAMS_METADATA_KEY] = form.metadata;
  const multi = form.inputs.filter((i) => i.kind === "checkboxes").map((i) => i.id);
  if (multi.length > 0) data[TEAMS_MULTI_SELECT_KEY] = multi;
  const submit: AdaptiveElement = {
    type: "Action.Execute",
    title: plain(form.submitLabel),
    verb: form.id,
    data,
    style: "positive",
  };
  const withActions: AdaptiveCardJson = { ...base, actions: [submit] };
  const head = [textBlock(md(form.title), { size: "Large", weight: "Bolder", style: "heading" })];
  const units = [
    ...blockUnits(form.intro ?? []),
    ...form.inputs.map((input) => inputUnit(input, form.errors?.[input.id], opts)),
  ];
  return { ...withActions, body: fitBody(withActions, head, units, (hidden) => moreElements({}, hidden, opts)) };
}

/** The form metadata that came back with an Action.Execute submit. */
export function parseTeamsFormMetadata(data: unknown): string | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const value: unknown = Reflect.get(data, TEAMS_METADATA_KEY);
  return typeof value === "string" ? value : undefined;
}

function formValue(raw: unknown): string | readonly string[] | undefined {
  if (typeof raw === "string") return raw === "" ? undefined : raw;
  if (typeof raw === "number" || typeof raw === "boolean") return String(raw);
  if (Array.isArray(raw) && raw.every((v): v is string => typeof v === "string")) return raw;
  return undefined;
}

/**
 * The input values of an Action.Execute submit (`activity.value.action.data`) as FormValues.
 * Teams sends a multi-select ChoiceSet as one comma-separated string; the form's own submit data
 * names those inputs, so they come back as lists (an empty list when nothing is ticked).
 */
export function parseTeamsFormData(data: unknown): FormValues {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return {};
  const multiRaw: unknown = Reflect.get(data, TEAMS_MULTI_SELECT_KEY);
  const multi = new Set(Array.isArray(multiRaw) ? multiRaw.filter((v): v is string => typeof v === "string") : []);
  const entries: [string, string | readonly string[] | undefined][] = [];
  for (const [key, raw] of Object.entries(data)) {
    if (key === TEAMS_METADATA_KEY || key === TEAMS_MULTI_SELECT_KEY || key === "msteams") continue;
    if (multi.has(key)) {
      const value = typeof raw === "string" ? raw.split(",").filter((v) => v !== "") : formValue(raw);
      entries.push([key, value ?? []]);
    } else {
      entries.push([key, formValue(raw)]);
    }
  }
  for (const key of multi) if (!Object.hasOwn(data, key)) entries.push([key, []]);
  return Object.fromEntries(entries);
}
