import type {
  ActionsBlock,
  Button,
  Checkboxes,
  ContextBlock,
  Datepicker,
  HeaderBlock,
  HomeView,
  ImageBlock,
  InputBlock,
  InputBlockElement,
  KnownBlock,
  ModalView,
  MultiStaticSelect,
  NumberInput,
  PlainTextElement,
  PlainTextInput,
  PlainTextOption,
  RadioButtons,
  SectionBlock,
  StaticSelect,
  Timepicker,
  UsersSelect,
} from "@slack/types";
import type { Block, Card, CardAction, Form, FormValues, Input, SelectOption } from "../../core/ui/card.js";
import {
  ELLIPSIS,
  fitSpans,
  markupToPlain,
  parseMarkup,
  progressLine,
  type Span,
  truncatePlain,
} from "../../core/ui/markup.js";
import type { RenderOptions } from "../../core/ui/render-options.js";
import { renderText } from "../console/render-text.js";
import { encodeSlackAction } from "./action-codec.js";

/** Slack's documented Block Kit limits; exceeding any of them makes Slack reject the whole payload. */
export const SLACK_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  messageText: 40_000,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  headerText: 150,
  buttonText: 75,
  urlLength: 3000,
  elementsPerActions: 25,
  contextText: 3000,
  imageAlt: 2000,
  imageTitle: 2000,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  selectOptions: 100,
  choiceOptions: 10,
  optionText: 75,
  optionValue: 150,
  textInputMax: 3000,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  errorText: 2000,
} as const;

export interface SlackMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

// Slack mrkdwn has no escape for its formatting characters. Wrapping a literal one in zero-width
// spaces leaves it with no word on either side, so it can neither open nor close emphasis,
// whichever way Slack classifies the zero-width space; readers see the character unchanged.
const ZWSP = "\u200b";

/**
 * Slack's own escaping for every string it parses (mrkdwn objects and a message's top-level
 * `text`): without it `<!channel>`, `<@U123>` or `<https://x|y>` in user text would ping a
 * channel, mention someone or hide a link behind other words.
 */
export function escapeSlackText(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

function escapeMrkdwn(text: string): string {
  return escapeSlackText(text).replace(/[*_~`]/g, `${ZWSP}$&${ZWSP}`);
}

function slackUrl(url: string): string {
  return url.replaceAll("&", "&amp;").replaceAll("<", "%3C").replaceAll(">", "%3E").replaceAll("|", "%7C");
}

/** Emphasis markers must touch the text they wrap, so surrounding spaces move outside. */
function wrapEmphasis(marker: string, inner: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner);
  const core = match?.[2] ?? "";
  if (core === "") return inner;
  return `${match?.[1] ?? ""}${marker}${core}${marker}${match?.[3] ?? ""}`;
}

function mrkdwn(spans: readonly Span[], inBold = false, inItalic = false): string {
  let out = "";
  for (const span of spans) {
    switch (span.type) {
      case "text":
        out += escapeMrkdwn(span.text);
        break;
      case "bold": {
        const inner = mrkdwn(span.children, true, inItalic);
        out += inBold ? inner : wrapEmphasis("*", inner);
        break;
      }
      case "italic": {
        const inner = mrkdwn(span.children, inBold, true);
        out += inItalic ? inner : wrapEmphasis("_", inner);
        break;
      }
      case "link":
        out += `<${slackUrl(span.url)}|${escapeMrkdwn(span.label)}>`;
        break;
    }
  }
  return out;
}

function fitMrkdwn(spans: readonly Span[], max: number): string {
  return fitSpans(spans, (s) => mrkdwn(s), max);
}

/** Card markup -> Slack mrkdwn, cut visibly to `max` characters. */
export function toMrkdwn(text: string, max: number = SLACK_LIMITS.sectionText): string {
  return fitMrkdwn(parseMarkup(text), max);
}

/**
 * Text for a plain_text object. Slack shows plain_text as given and never turns it into a
 * mention or a link, so it needs (and must not get) the &amp; escaping of mrkdwn.
 */
function plainTextOf(text: string, max: number): string {
  return literalText(markupToPlain(text), max);
}

function literalText(text: string, max: number): string {
  const plain = truncatePlain(text.trim(), max);
  // Slack rejects empty text objects; an ellipsis is the only word-free placeholder.
  return plain === "" ? ELLIPSIS : plain;
}

function plainElement(text: string, max: number): PlainTextElement {
  return { type: "plain_text", text: plainTextOf(text, max), emoji: true };
}

function isBlank(s: string): boolean {
  return s.trim() === "";
}

function section(text: string): SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text } };
}

/** Hands out the per-message index that keeps action_ids unique. */
class ActionCounter {
  private next = 0;
  take(): number {
    const n = this.next;
    this.next += 1;
    return n;
  }
}

function button(action: CardAction, counter: ActionCounter): Button {
  const { action_id, value } = encodeSlackAction(action, counter.take());
  const result: Button = { type: "button", text: plainElement(action.label, SLACK_LIMITS.buttonText), action_id };
  if (action.url !== undefined && action.url.length <= SLACK_LIMITS.urlLength) result.url = action.url;
  else if (value !== undefined) result.value = value;
  if (action.style !== undefined) result.style = action.style;
  return result;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function listSections(block: Extract<Block, { type: "list" }>): SectionBlock[] {
  const max = SLACK_LIMITS.sectionText;
  const lines = block.items.map((item, i) => {
    const marker = block.ordered === true ? `${i + 1}. ` : "• ";
    return marker + fitMrkdwn(parseMarkup(item), max - marker.length);
  });
  // A long list becomes several sections rather than losing items to the 3,000-character cut.
  const sections: SectionBlock[] = [];
  let current = "";
  for (const line of lines) {
    if (current !== "" && current.length + 1 + line.length > max) {
      sections.push(section(current));
      current = "";
    }
    current = current === "" ? line : `${current}\n${line}`;
  }
  if (!isBlank(current)) sections.push(section(current));
  return sections;
}

function isHttpUrl(url: string): boolean {
  return /^https?:\/\/\S+$/i.test(url) && url.length <= SLACK_LIMITS.urlLength;
}

/** The Slack blocks for one Card block (several for long lists, many fields or many buttons). */
function renderBlock(block: Block, counter: ActionCounter): KnownBlock[] {
  switch (block.type) {
    case "header": {
      const text = markupToPlain(block.text).trim();
      if (text === "") return [];
      const header: HeaderBlock = { type: "header", text: plainElement(block.text, SLACK_LIMITS.headerText) };
      return [header];
    }
    case "text": {
      const text = toMrkdwn(block.text);
      return isBlank(text) ? [] : [section(text)];
    }
    case "fields": {
      const fields = block.fields
        .map((f) => {
          const label = parseMarkup(f.label);
          const value = parseMarkup(f.value);
          const spans: Span[] =
            label.length === 0 ? value : [{ type: "bold", children: label }, { type: "text", text: "\n" }, ...value];
          return fitMrkdwn(spans, SLACK_LIMITS.fieldText);
        })
        .filter((text) => !isBlank(text));
      return chunk(fields, SLACK_LIMITS.fieldsPerSection).map(
        (group): SectionBlock => ({ type: "section", fields: group.map((text) => ({ type: "mrkdwn", text })) }),
      );
    }
    case "progress": {
      const spans: Span[] = [
        { type: "bold", children: parseMarkup(block.label) },
        { type: "text", text: `\n${progressLine(block.percent)}` },
      ];
      if (block.note !== undefined) spans.push({ type: "text", text: "\n" }, ...parseMarkup(block.note));
      return [section(fitMrkdwn(spans, SLACK_LIMITS.sectionText))];
    }
    case "list":
      return listSections(block);
    case "image": {
      if (!isHttpUrl(block.url)) {
        // Slack fetches images by http(s) URL only (a data: chart cannot be shown), so the alt text stands in.
        const alt = toMrkdwn(block.alt);
        return isBlank(alt) ? [] : [section(alt)];
      }
      const alt = markupToPlain(block.alt).trim() || markupToPlain(block.title ?? "").trim() || block.url;
      const image: ImageBlock = {
        type: "image",
        image_url: block.url,
        alt_text: truncatePlain(alt, SLACK_LIMITS.imageAlt),
      };
      if (block.title !== undefined && !isBlank(markupToPlain(block.title))) {
        image.title = plainElement(block.title, SLACK_LIMITS.imageTitle);
      }
      return [image];
    }
    case "context": {
      const text = toMrkdwn(block.text, SLACK_LIMITS.contextText);
      if (isBlank(text)) return [];
      const context: ContextBlock = { type: "context", elements: [{ type: "mrkdwn", text }] };
      return [context];
    }
    case "divider":
      return [{ type: "divider" }];
    case "actions":
      return chunk(block.actions, SLACK_LIMITS.elementsPerActions).map(
        (group): ActionsBlock => ({ type: "actions", elements: group.map((a) => button(a, counter)) }),
      );
  }
}

/**
 * Renders a Card as one or more Slack messages of at most 50 blocks each; nothing is cut.
 * Every message carries its own plain-text fallback (notifications, screen readers).
 */
export function renderBlockKit(card: Card, opts: RenderOptions): SlackMessage[] {
  const counter = new ActionCounter();
  const messages: { cardBlocks: Block[]; blocks: KnownBlock[] }[] = [];
  let current: { cardBlocks: Block[]; blocks: KnownBlock[] } = { cardBlocks: [], blocks: [] };
  const max = SLACK_LIMITS.messageBlocks;
  for (const block of card.blocks) {
    const rendered = renderBlock(block, counter);
    if (current.blocks.length > 0 && current.blocks.length + rendered.length > max) {
      messages.push(current);
      current = { cardBlocks: [], blocks: [] };
    }
    current.cardBlocks.push(block);
    // A single card block may need more than one message (a list of hundreds of items).
    for (const part of chunk(rendered, max)) {
      if (current.blocks.length + part.length > max) {
        messages.push(current);
        current = { cardBlocks: [], blocks: [] };
      }
      current.blocks.push(...part);
    }
  }
  if (current.blocks.length > 0 || messages.length === 0) messages.push(current);

  return messages.map((m, i) => ({
    text: fallbackText({ summary: i === 0 ? card.summary : "", blocks: m.cardBlocks }, card.summary, opts),
    blocks: m.blocks,
  }));
}

/**
 * A message's top-level `text` (notifications, screen readers). Slack parses it like mrkdwn, so
 * it is escaped; the cut is made before escaping (never inside an entity) and tightened until
 * the escaped text fits.
 */
function fallbackText(part: Card, summary: string, opts: RenderOptions): string {
  let max: number = SLACK_LIMITS.messageText;
  for (;;) {
    const raw = renderText(part, { ...opts, maxLength: max });
    const text = escapeSlackText(isBlank(raw) ? literalText(summary, max) : raw);
    if (text.length <= SLACK_LIMITS.messageText || max <= 1) return text;
    max -= text.length - SLACK_LIMITS.messageText;
  }
}

function countBlocks(units: readonly KnownBlock[][]): number {
  return units.reduce((n, u) => n + u.length, 0);
}

/**
 * Takes units (the Slack blocks of one Card block or input) in order while they fit in `room`.
 * The first unit that does not fit entirely is shown as far as it fits and counts as hidden.
 */
function takeUnits(units: readonly KnownBlock[][], room: number): { blocks: KnownBlock[]; hidden: number } {
  const blocks: KnownBlock[] = [];
  let shown = 0;
  for (const unit of units) {
    if (blocks.length + unit.length <= room) {
      blocks.push(...unit);
      shown += 1;
      continue;
    }
    blocks.push(...unit.slice(0, room - blocks.length));
    break;
  }
  return { blocks, hidden: units.length - shown };
}

/** Keeps the units within `budget` blocks, leaving one block for the "more" line when cutting. */
function fitUnits(units: readonly KnownBlock[][], budget: number): { blocks: KnownBlock[]; hidden: number } {
  return countBlocks(units) <= budget ? { blocks: units.flat(), hidden: 0 } : takeUnits(units, budget - 1);
}

function moreBlock(overflow: Card["overflow"], hidden: number, opts: RenderOptions, counter: ActionCounter) {
  if (overflow === undefined) {
    const context: ContextBlock = {
      type: "context",
      elements: [{ type: "mrkdwn", text: toMrkdwn(opts.more(hidden), SLACK_LIMITS.contextText) || ELLIPSIS }],
    };
    return context;
  }
  const more = section(toMrkdwn(overflow.text) || ELLIPSIS);
  if (overflow.action !== undefined) more.accessory = button(overflow.action, counter);
  return more;
}

/** A Card as the App Home tab: at most 100 blocks, cut with the card's overflow line. */
export function renderSlackHome(card: Card, opts: RenderOptions): HomeView {
  const counter = new ActionCounter();
  const units = card.blocks.map((b) => renderBlock(b, counter));
  const { blocks, hidden } = fitUnits(units, SLACK_LIMITS.viewBlocks);
  if (hidden > 0) blocks.push(moreBlock(card.overflow, hidden, opts, counter));
  return { type: "home", blocks };
}

function option(o: SelectOption): PlainTextOption {
  if (o.value.length > SLACK_LIMITS.optionValue || o.value === "") {
    // A cut value would come back as a different value; this is a bug in the caller.
    throw new RangeError(
      `select option value must be 1-${SLACK_LIMITS.optionValue} characters: "${o.value.slice(0, 40)}…"`,
    );
  }
  // Option labels are plain text (see card.ts): a title is shown as typed, never read as markup.
  return {
    text: { type: "plain_text", text: literalText(o.label, SLACK_LIMITS.optionText), emoji: true },
    value: o.value,
  };
}

function numberString(n: number | undefined): string | undefined {
  return n === undefined || !Number.isFinite(n) ? undefined : String(n);
}

function placeholder(text: string | undefined): { placeholder?: PlainTextElement } {
  return text === undefined || isBlank(markupToPlain(text))
    ? {}
    : { placeholder: plainElement(text, SLACK_LIMITS.placeholder) };
}

/** The element for one input and how many of its options Slack could not show. */
function inputElement(input: Input): { element: InputBlockElement; hiddenOptions: number } {
  const action_id = input.id;
  switch (input.kind) {
    case "text":
    case "longText": {
      const max =
        input.maxLength === undefined
          ? undefined
          : Math.min(SLACK_LIMITS.textInputMax, Math.max(1, Math.floor(input.maxLength)));
      const element: PlainTextInput = {
        type: "plain_text_input",
        action_id,
        multiline: input.kind === "longText",
        ...placeholder(input.placeholder),
      };
      if (max !== undefined) element.max_length = max;
      // An initial value longer than the limit would be rejected; Slack cannot submit more anyway.
      if (input.initial !== undefined && input.initial !== "") {
        element.initial_value = input.initial.slice(0, max ?? SLACK_LIMITS.textInputMax);
      }
      return { element, hiddenOptions: 0 };
    }
    case "number": {
      const element: NumberInput = { type: "number_input", action_id, is_decimal_allowed: input.integer !== true };
      const min = numberString(input.min);
      const max = numberString(input.max);
      if (min !== undefined) element.min_value = min;
      if (max !== undefined) element.max_value = max;
      const initial = input.initial;
      const inRange =
        initial !== undefined &&
        Number.isFinite(initial) &&
        (input.min === undefined || initial >= input.min) &&
        (input.max === undefined || initial <= input.max);
      if (inRange) element.initial_value = String(initial);
      return { element, hiddenOptions: 0 };
    }
    case "date": {
      const element: Datepicker = { type: "datepicker", action_id };
      if (input.initial !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(input.initial))
        element.initial_date = input.initial;
      return { element, hiddenOptions: 0 };
    }
    case "time": {
      const element: Timepicker = { type: "timepicker", action_id };
      if (input.initial !== undefined && /^\d{2}:\d{2}$/.test(input.initial)) element.initial_time = input.initial;
      return { element, hiddenOptions: 0 };
    }
    case "person": {
      const element: UsersSelect = { type: "users_select", action_id };
      if (input.initial !== undefined && input.initial !== "") element.initial_user = input.initial;
      return { element, hiddenOptions: 0 };
    }
    case "select":
    case "radio": {
      const shown = input.options.slice(0, SLACK_LIMITS.selectOptions).map(option);
      const initial = shown.find((o) => o.value === input.initial);
      const hiddenOptions = input.options.length - shown.length;
      // Radio buttons hold at most 10 options; more become a select menu.
      if (input.kind === "radio" && shown.length <= SLACK_LIMITS.choiceOptions) {
        const element: RadioButtons = { type: "radio_buttons", action_id, options: shown };
        if (initial !== undefined) element.initial_option = initial;
        return { element, hiddenOptions };
      }
      const element: StaticSelect = {
        type: "static_select",
        action_id,
        options: shown,
        ...placeholder(input.placeholder),
      };
      if (initial !== undefined) element.initial_option = initial;
      return { element, hiddenOptions };
    }
    case "checkboxes": {
      const source = input.options.slice(0, SLACK_LIMITS.selectOptions);
      const shown = source.map(option);
      const checked = new Set(input.initial ?? []);
      const initial = shown.filter((_, i) => checked.has(source[i]?.value ?? ""));
      const hiddenOptions = input.options.length - shown.length;
      if (shown.length <= SLACK_LIMITS.choiceOptions) {
        const element: Checkboxes = { type: "checkboxes", action_id, options: shown };
        if (initial.length > 0) element.initial_options = initial;
        return { element, hiddenOptions };
      }
      const element: MultiStaticSelect = { type: "multi_static_select", action_id, options: shown };
      if (initial.length > 0) element.initial_options = initial;
      return { element, hiddenOptions };
    }
  }
}

function inputBlock(input: Input, error: string | undefined, opts: RenderOptions): KnownBlock {
  const hasOptions = input.kind === "select" || input.kind === "radio" || input.kind === "checkboxes";
  if (hasOptions && input.options.length === 0) {
    // Slack rejects a choice element without options; the label alone is the honest rendering.
    return section(toMrkdwn(input.label) || ELLIPSIS);
  }
  const { element, hiddenOptions } = inputElement(input);
  const hintParts: string[] = [];
  if (error !== undefined) hintParts.push(`⚠️ ${markupToPlain(error)}`);
  if (input.hint !== undefined) hintParts.push(markupToPlain(input.hint));
  if (hiddenOptions > 0) hintParts.push(markupToPlain(opts.more(hiddenOptions)));
  const block: InputBlock = {
    type: "input",
    block_id: input.id,
    label: plainElement(input.label, SLACK_LIMITS.inputLabel),
    optional: input.required !== true,
    element,
  };
  const hint = hintParts.filter((p) => !isBlank(p)).join(" ");
  if (hint !== "") block.hint = { type: "plain_text", text: truncatePlain(hint, SLACK_LIMITS.inputHint), emoji: true };
  return block;
}

/** A Form as a Slack modal: block_id and action_id of each input are the input id. */
export function renderSlackModal(form: Form, opts: RenderOptions): ModalView {
  if (form.metadata !== undefined && form.metadata.length > SLACK_LIMITS.privateMetadata) {
    // Cutting opaque state would corrupt it; callers must keep it small (ids, not data).
    throw new RangeError(
      `form "${form.id}" metadata is ${form.metadata.length} characters; Slack allows ${SLACK_LIMITS.privateMetadata}`,
    );
  }
  if (form.id.length > SLACK_LIMITS.callbackId) throw new RangeError(`form id "${form.id.slice(0, 40)}…" is too long`);
  const counter = new ActionCounter();
  const introUnits = (form.intro ?? []).map((b) => renderBlock(b, counter));
  const inputUnits = form.inputs.map((input) => [inputBlock(input, form.errors?.[input.id], opts)]);
  const budget = SLACK_LIMITS.viewBlocks;

  let blocks: KnownBlock[];
  if (countBlocks(introUnits) + inputUnits.length <= budget) {
    blocks = [...introUnits.flat(), ...inputUnits.flat()];
  } else {
    // Inputs are what the form is for, so the intro gives way first.
    const room = budget - 1;
    const inputsShown = Math.min(inputUnits.length, room);
    const intro = takeUnits(introUnits, room - inputsShown);
    const hidden = intro.hidden + inputUnits.length - inputsShown;
    blocks = [...intro.blocks, ...inputUnits.slice(0, inputsShown).flat(), moreBlock(undefined, hidden, opts, counter)];
  }

  const view: ModalView = {
    type: "modal",
    callback_id: form.id,
    title: plainElement(form.title, SLACK_LIMITS.modalTitle),
    submit: plainElement(form.submitLabel, SLACK_LIMITS.modalButton),
    blocks,
  };
  if (form.closeLabel !== undefined) view.close = plainElement(form.closeLabel, SLACK_LIMITS.modalButton);
  if (form.metadata !== undefined) view.private_metadata = form.metadata;
  return view;
}

export interface SlackFieldErrors {
  readonly response_action: "errors";
  readonly errors: Record<string, string>;
}

/** Form field errors as the `ack()` answer to a view_submission (keys are input ids = block ids). */
export function slackFieldErrors(errors: Readonly<Record<string, string>> | undefined): SlackFieldErrors {
  const out = Object.fromEntries(
    Object.entries(errors ?? {}).map(([id, message]) => [id, plainTextOf(message, SLACK_LIMITS.errorText)]),
  );
  return { response_action: "errors", errors: out };
}

/** The parts of a Slack `view.state.values` entry that the elements above produce (Bolt's ViewStateValue fits). */
export interface SlackViewStateValue {
  readonly type: string;
  readonly value?: string | null;
  readonly selected_date?: string | null;
  readonly selected_time?: string | null;
  readonly selected_user?: string | null;
  readonly selected_users?: readonly string[];
  readonly selected_option?: { readonly value: string } | null;
  readonly selected_options?: readonly { readonly value: string }[];
}

export type SlackViewStateValues = Readonly<Record<string, Readonly<Record<string, SlackViewStateValue>>>>;

function nonEmpty(s: string | null | undefined): string | undefined {
  return s === null || s === undefined || s === "" ? undefined : s;
}

function stateValue(state: SlackViewStateValue): string | readonly string[] | undefined {
  switch (state.type) {
    case "datepicker":
      return nonEmpty(state.selected_date);
    case "timepicker":
      return nonEmpty(state.selected_time);
    case "users_select":
      return nonEmpty(state.selected_user);
    case "multi_users_select":
      return [...(state.selected_users ?? [])];
    case "static_select":
    case "radio_buttons":
      return nonEmpty(state.selected_option?.value);
    case "checkboxes":
    case "multi_static_select":
      return (state.selected_options ?? []).map((o) => o.value);
    default:
      return nonEmpty(state.value);
  }
}

/** A view_submission's `view.state.values` as FormValues keyed by input id; empty inputs are undefined. */
export function parseSlackViewState(values: SlackViewStateValues): FormValues {
  const entries: [string, string | readonly string[] | undefined][] = [];
  for (const block of Object.values(values)) {
    for (const [actionId, state] of Object.entries(block)) entries.push([actionId, stateValue(state)]);
  }
  return Object.fromEntries(entries);
}
