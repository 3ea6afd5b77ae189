import type { Block, Card, CardAction, Form, Input } from "../../core/ui/card.js";
import { ELLIPSIS, markupToPlain, progressLine, truncatePlain } from "../../core/ui/markup.js";
import type { RenderOptions } from "../../core/ui/render-options.js";

export interface TextRenderOptions extends RenderOptions {
  /** Cut whole blocks (ending with the overflow or "more" line) so the text stays within this many UTF-16 units. */
  readonly maxLength?: number;
}

const BLOCK_SEPARATOR = "\n\n";
const DIVIDER = "----------";

function plain(text: string): string {
  return markupToPlain(text, { linkUrls: true });
}

function actionText(action: CardAction): string {
  const label = plain(action.label);
  return action.url === undefined ? `[${label}]` : `${label}: ${action.url}`;
}

/** One Card block as plain text; empty when the block shows nothing (e.g. an empty list). */
export function renderBlockText(block: Block): string {
  switch (block.type) {
    case "header":
    case "text":
    case "context":
      return plain(block.text);
    case "fields":
      return block.fields
        .map((f) => {
          const label = plain(f.label);
          const value = plain(f.value);
          return label === "" ? value : `${label}: ${value}`;
        })
        .join("\n");
    case "progress": {
      const line = `${plain(block.label)}: ${progressLine(block.percent)}`;
      return block.note === undefined ? line : `${line}\n${plain(block.note)}`;
    }
    case "list":
      return block.items
        .map((item, i) => {
          const marker = block.ordered === true ? `${i + 1}.` : "•";
          // Continuation lines line up under the item's first character.
          return `${marker} ${plain(item).replaceAll("\n", `\n${" ".repeat(marker.length + 1)}`)}`;
        })
        .join("\n");
    case "image": {
      const alt = plain(block.alt);
      const title = block.title === undefined ? "" : `${plain(block.title)}: `;
      return alt === "" ? `${title}${block.url}` : `${title}${alt} (${block.url})`;
    }
    case "divider":
      return DIVIDER;
    case "actions": {
      const callbacks = block.actions.filter((a) => a.url === undefined).map(actionText);
      const links = block.actions.filter((a) => a.url !== undefined).map(actionText);
      return [callbacks.join(" "), ...links].filter((s) => s !== "").join("\n");
    }
  }
}

function overflowText(card: Card, hiddenCount: number, opts: RenderOptions): string {
  if (card.overflow === undefined) return plain(opts.more(hiddenCount));
  const action = card.overflow.action;
  return action === undefined ? plain(card.overflow.text) : `${plain(card.overflow.text)}\n${actionText(action)}`;
}

/** True when the card's first block already says what the summary says, so the summary would only repeat it. */
function opensWithSummary(card: Card, summary: string): boolean {
  const first = card.blocks[0];
  if (first?.type !== "header" && first?.type !== "text" && first?.type !== "context") return false;
  // Cards built from one catalog text use that markup text as their summary too.
  return first.text.trim() === summary || plain(first.text).trim() === summary;
}

/**
 * The whole card as plain text: the summary (unless the card opens with the same words), then
 * every block. Used for the console, logs, e-mail and as each chat message's fallback text.
 * The summary is plain text (see card.ts), so it is not read as markup.
 */
export function renderText(card: Card, opts: TextRenderOptions): string {
  const summary = card.summary.trim();
  const parts = summary === "" || opensWithSummary(card, summary) ? [] : [summary];
  const blockTexts = card.blocks.map(renderBlockText).filter((s) => s !== "");
  const max = opts.maxLength;
  if (max === undefined) return [...parts, ...blockTexts].join(BLOCK_SEPARATOR);

  const full = [...parts, ...blockTexts].join(BLOCK_SEPARATOR);
  if (full.length <= max) return full;
  // Reserve room for the widest "more" line this card could need, then keep whole blocks.
  const reserve = overflowText(card, card.blocks.length, opts).length + BLOCK_SEPARATOR.length;
  let used = parts.join(BLOCK_SEPARATOR).length;
  let shown = 0;
  for (const text of blockTexts) {
    const extra = (used === 0 ? 0 : BLOCK_SEPARATOR.length) + text.length;
    if (used + extra + reserve > max) break;
    parts.push(text);
    used += extra;
    shown += 1;
  }
  parts.push(overflowText(card, blockTexts.length - shown, opts));
  return truncatePlain(parts.join(BLOCK_SEPARATOR), max);
}

function initialText(input: Input): string {
  switch (input.kind) {
    case "number":
      return input.initial === undefined ? "" : String(input.initial);
    case "select":
    case "radio":
    case "checkboxes":
      return "";
    default:
      return input.initial ?? "";
  }
}

// Option labels are plain text (see card.ts): a title like "Mehr [hier](https://x) lesen" shows as typed.
function optionLines(input: Input): string[] {
  if (input.kind === "select" || input.kind === "radio") {
    return input.options.map((o) => `  ${o.value === input.initial ? "●" : "○"} ${o.label}`);
  }
  if (input.kind === "checkboxes") {
    const checked = new Set(input.initial ?? []);
    return input.options.map((o) => `  ${checked.has(o.value) ? "☑" : "☐"} ${o.label}`);
  }
  return [];
}

/** A form as plain text, for the console and as the fallback of a form message. */
export function renderFormText(form: Form): string {
  const parts: string[] = [plain(form.title)];
  for (const block of form.intro ?? []) {
    const text = renderBlockText(block);
    if (text !== "") parts.push(text);
  }
  for (const input of form.inputs) {
    const marker = input.required === true ? " *" : "";
    const value = initialText(input);
    const lines = [`${plain(input.label)}${marker}:${value === "" ? "" : ` ${value}`}`, ...optionLines(input)];
    if (input.hint !== undefined) lines.push(`  ${plain(input.hint)}`);
    const error = form.errors?.[input.id];
    if (error !== undefined) lines.push(`  ⚠ ${plain(error)}`);
    parts.push(lines.join("\n"));
  }
  const buttons = [`[${plain(form.submitLabel)}]`];
  if (form.closeLabel !== undefined) buttons.push(`[${plain(form.closeLabel)}]`);
  parts.push(buttons.join(" "));
  return parts.join(BLOCK_SEPARATOR) || ELLIPSIS;
}
