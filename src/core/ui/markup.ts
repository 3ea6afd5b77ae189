/**
 * The Card text markup (see card.ts): **bold**, _italic_, [label](https://url) and line breaks.
 * Everything else is literal text. A backslash before one of \ * _ [ ] makes that character
 * literal; escapeMarkup() uses this so data (a name like "A*B [x]") can never turn into markup.
 *
 * Spans nest one level: bold may hold italic and links, italic may hold bold and links.
 * Link labels are literal text, so a renderer never has to format inside a link.
 */

export type Span =
  | { readonly type: "text"; readonly text: string }
  | { readonly type: "bold"; readonly children: readonly Span[] }
  | { readonly type: "italic"; readonly children: readonly Span[] }
  | { readonly type: "link"; readonly label: string; readonly url: string };

/** The visible mark left where a renderer had to cut text. */
export const ELLIPSIS = "…";

const ESCAPABLE = new Set(["\\", "*", "_", "[", "]"]);
const WORD_CHAR = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;
// Only web and mail links: a card must never carry javascript: or data: links into a client.
const SAFE_URL = /^(?:https?:\/\/|mailto:)[^\s()]+$/i;

/** Makes arbitrary data safe to embed in Card text: it renders exactly as given. */
export function escapeMarkup(s: string): string {
  return s.replace(/[\\*_[\]]/g, "\\$&");
}

export function parseMarkup(text: string): Span[] {
  return parseRange(text, 0, text.length, { bold: true, italic: true });
}

interface Allowed {
  readonly bold: boolean;
  readonly italic: boolean;
}

function parseRange(src: string, start: number, end: number, allow: Allowed): Span[] {
  const out: Span[] = [];
  let buf = "";
  const flush = (): void => {
    if (buf !== "") {
      out.push({ type: "text", text: buf });
      buf = "";
    }
  };
  let i = start;
  while (i < end) {
    const ch = src.charAt(i);
    if (ch === "\\" && i + 1 < end && ESCAPABLE.has(src.charAt(i + 1))) {
      buf += src.charAt(i + 1);
      i += 2;
      continue;
    }
    if (allow.bold && ch === "*" && src.charAt(i + 1) === "*" && i + 1 < end) {
      const close = findBoldClose(src, i + 2, end);
      if (close !== -1) {
        flush();
        out.push({ type: "bold", children: parseRange(src, i + 2, close, { bold: false, italic: allow.italic }) });
        i = close + 2;
        continue;
      }
    }
    if (allow.italic && ch === "_" && opensItalic(src, i, end)) {
      const close = findItalicClose(src, i + 1, end);
      if (close !== -1) {
        flush();
        out.push({ type: "italic", children: parseRange(src, i + 1, close, { bold: allow.bold, italic: false }) });
        i = close + 1;
        continue;
      }
    }
    if (ch === "[") {
      const link = matchLink(src, i, end);
      if (link !== undefined) {
        flush();
        out.push(link.span);
        i = link.end;
        continue;
      }
    }
    buf += ch;
    i += 1;
  }
  flush();
  return out;
}

function isWordChar(ch: string): boolean {
  return ch !== "" && WORD_CHAR.test(ch);
}

function isSpace(ch: string): boolean {
  return ch !== "" && SPACE.test(ch);
}

/** Index of the closing "**" on the same line, or -1. Content must be non-empty and not padded by spaces. */
function findBoldClose(src: string, from: number, end: number): number {
  if (from >= end || isSpace(src.charAt(from))) return -1;
  let j = from;
  while (j < end) {
    const ch = src.charAt(j);
    if (ch === "\n") return -1;
    if (ch === "\\" && ESCAPABLE.has(src.charAt(j + 1))) {
      j += 2;
      continue;
    }
    if (ch === "[") {
      const link = matchLink(src, j, end);
      if (link !== undefined) {
        j = link.end;
        continue;
      }
    }
    if (ch === "*" && src.charAt(j + 1) === "*" && j + 1 < end && j > from && !isSpace(src.charAt(j - 1))) {
      return j;
    }
    j += 1;
  }
  return -1;
}

// Like Markdown, an underscore inside a word (snake_case, file_name) is not emphasis.
function opensItalic(src: string, i: number, end: number): boolean {
  const prev = i > 0 ? src.charAt(i - 1) : "";
  const next = i + 1 < end ? src.charAt(i + 1) : "";
  return !isWordChar(prev) && next !== "" && next !== "_" && !isSpace(next);
}

function findItalicClose(src: string, from: number, end: number): number {
  let j = from;
  while (j < end) {
    const ch = src.charAt(j);
    if (ch === "\n") return -1;
    if (ch === "\\" && ESCAPABLE.has(src.charAt(j + 1))) {
      j += 2;
      continue;
    }
    if (ch === "[") {
      const link = matchLink(src, j, end);
      if (link !== undefined) {
        j = link.end;
        continue;
      }
    }
    if (ch === "_" && j > from && !isSpace(src.charAt(j - 1)) && !isWordChar(src.charAt(j + 1))) {
      return j;
    }
    j += 1;
  }
  return -1;
}

function matchLink(src: string, start: number, end: number): { span: Span; end: number } | undefined {
  let j = start + 1;
  let label = "";
  for (;;) {
    if (j >= end) return undefined;
    const ch = src.charAt(j);
    if (ch === "\n" || ch === "[") return undefined;
    if (ch === "\\" && ESCAPABLE.has(src.charAt(j + 1))) {
      label += src.charAt(j + 1);
      j += 2;
      continue;
    }
    if (ch === "]") break;
    label += ch;
    j += 1;
  }
  if (label.trim() === "" || src.charAt(j + 1) !== "(") return undefined;
  const urlStart = j + 2;
  const close = src.indexOf(")", urlStart);
  if (close === -1 || close >= end) return undefined;
  const url = src.slice(urlStart, close);
  if (!SAFE_URL.test(url)) return undefined;
  return { span: { type: "link", label, url }, end: close + 1 };
}

export interface PlainTextOptions {
  /** Append a link's URL after its label ("label (url)"), for targets that cannot show links. */
  readonly linkUrls?: boolean;
}

/** The spans as plain text: markers removed, links as their label (or "label (url)"). */
export function plainText(spans: readonly Span[], opts: PlainTextOptions = {}): string {
  let out = "";
  for (const span of spans) {
    switch (span.type) {
      case "text":
        out += span.text;
        break;
      case "bold":
      case "italic":
        out += plainText(span.children, opts);
        break;
      case "link":
        out += opts.linkUrls === true && !linkShowsUrl(span) ? `${span.label} (${span.url})` : span.label;
        break;
    }
  }
  return out;
}

/** True when a link's label already is its address, so repeating the URL adds nothing. */
export function linkShowsUrl(link: { readonly label: string; readonly url: string }): boolean {
  return link.label === link.url || `mailto:${link.label}` === link.url;
}

export function markupToPlain(text: string, opts: PlainTextOptions = {}): string {
  return plainText(parseMarkup(text), opts);
}

/** Visible length in code points (link labels count, URLs do not). */
export function plainLength(spans: readonly Span[]): number {
  let n = 0;
  for (const span of spans) {
    if (span.type === "text") n += codePoints(span.text).length;
    else if (span.type === "link") n += codePoints(span.label).length;
    else n += plainLength(span.children);
  }
  return n;
}

/** The first `n` visible code points; a link cut in its label becomes plain text, empty emphasis is dropped. */
export function sliceSpans(spans: readonly Span[], n: number): Span[] {
  const out: Span[] = [];
  let left = n;
  for (const span of spans) {
    if (left <= 0) break;
    if (span.type === "text") {
      const cps = codePoints(span.text);
      out.push(cps.length <= left ? span : { type: "text", text: cps.slice(0, left).join("") });
      left -= cps.length;
    } else if (span.type === "link") {
      const cps = codePoints(span.label);
      out.push(cps.length <= left ? span : { type: "text", text: cps.slice(0, left).join("") });
      left -= cps.length;
    } else {
      const children = sliceSpans(span.children, left);
      if (children.length > 0) out.push({ type: span.type, children });
      left -= plainLength(span.children);
    }
  }
  return out;
}

/**
 * Renders `spans` so that the result is at most `max` UTF-16 units (the most conservative way
 * platforms count), cutting visibly with "…" at a span boundary-safe place. Because escaping and
 * link syntax make the output longer than the visible text, the cut point is found by measuring
 * the rendered output, never by slicing it (which could split an escape or a link).
 */
export function fitSpans(spans: readonly Span[], render: (spans: readonly Span[]) => string, max: number): string {
  const full = render(spans);
  if (full.length <= max) return full;
  const ellipsis: Span = { type: "text", text: ELLIPSIS };
  let best = render([ellipsis]);
  let lo = 0;
  let hi = plainLength(spans) - 1;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const candidate = render([...trimEnd(sliceSpans(spans, mid)), ellipsis]);
    if (candidate.length <= max) {
      best = candidate;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best.length <= max ? best : truncatePlain(best, max);
}

function trimEnd(spans: Span[]): Span[] {
  const last = spans.at(-1);
  if (last?.type !== "text") return spans;
  const trimmed = last.text.trimEnd();
  return trimmed === "" ? spans.slice(0, -1) : [...spans.slice(0, -1), { type: "text", text: trimmed }];
}

/** Plain text cut to `max` UTF-16 units with a visible "…", never splitting a surrogate pair. */
export function truncatePlain(s: string, max: number): string {
  if (s.length <= max) return s;
  if (max <= 0) return "";
  let cut = max - ELLIPSIS.length;
  const code = s.charCodeAt(cut - 1);
  if (cut > 0 && code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${s.slice(0, Math.max(cut, 0)).trimEnd()}${ELLIPSIS}`;
}

function codePoints(s: string): string[] {
  return Array.from(s);
}

function clampPercent(percent: number): number {
  if (!Number.isFinite(percent)) return 0;
  return Math.min(100, Math.max(0, percent));
}

/** A ten-cell text bar, e.g. "▓▓▓▓▓░░░░░" for 50 %; every target can show it. */
export function progressBar(percent: number, cells = 10): string {
  const filled = Math.round((clampPercent(percent) / 100) * cells);
  return "▓".repeat(filled) + "░".repeat(cells - filled);
}

/** "50 %": rounded, with the space German typography uses before the percent sign. */
export function formatPercent(percent: number): string {
  return `${Math.round(clampPercent(percent))} %`;
}

/** "▓▓▓▓▓░░░░░ 50 %" */
export function progressLine(percent: number): string {
  return `${progressBar(percent)} ${formatPercent(percent)}`;
}
