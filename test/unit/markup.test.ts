import { describe, expect, it } from "vitest";
import {
  ELLIPSIS,
  escapeMarkup,
  fitSpans,
  formatPercent,
  markupToPlain,
  parseMarkup,
  plainLength,
  plainText,
  progressBar,
  progressLine,
  type Span,
  sliceSpans,
  truncatePlain,
} from "../../src/core/ui/markup.js";

describe("parseMarkup", () => {
  it("keeps plain text, including line breaks, as one text span", () => {
    expect(parseMarkup("Hallo Welt\nzweite Zeile")).toEqual([{ type: "text", text: "Hallo Welt\nzweite Zeile" }]);
  });

  it("parses bold, italic and links", () => {
    expect(parseMarkup("a **b** _c_ [d](https://e.example/f?g=1&h=2) i")).toEqual([
      { type: "text", text: "a " },
      { type: "bold", children: [{ type: "text", text: "b" }] },
      { type: "text", text: " " },
      { type: "italic", children: [{ type: "text", text: "c" }] },
      { type: "text", text: " " },
      { type: "link", label: "d", url: "https://e.example/f?g=1&h=2" },
      { type: "text", text: " i" },
    ]);
  });

  it("nests italic and links inside bold, but not bold inside bold", () => {
    expect(parseMarkup("**x _y_ [z](https://z.example)**")).toEqual([
      {
        type: "bold",
        children: [
          { type: "text", text: "x " },
          { type: "italic", children: [{ type: "text", text: "y" }] },
          { type: "text", text: " " },
          { type: "link", label: "z", url: "https://z.example" },
        ],
      },
    ]);
  });

  it("leaves unmatched or padded markers, snake_case and in-word underscores literal", () => {
    for (const text of ["**open", "** padded **", "snake_case_name", "a_b_", "_ spaced _", "****", "2 * 3 * 4"]) {
      expect(parseMarkup(text), text).toEqual([{ type: "text", text }]);
    }
  });

  it("does not let emphasis run across a line break", () => {
    expect(parseMarkup("**a\nb**")).toEqual([{ type: "text", text: "**a\nb**" }]);
  });

  it("accepts only web and mail links", () => {
    expect(parseMarkup("[x](javascript:alert(1))")).toEqual([{ type: "text", text: "[x](javascript:alert(1))" }]);
    expect(parseMarkup("[x](data:text/html,hi)")).toEqual([{ type: "text", text: "[x](data:text/html,hi)" }]);
    expect(parseMarkup("[mail](mailto:a@b.example)")).toEqual([
      { type: "link", label: "mail", url: "mailto:a@b.example" },
    ]);
    expect(parseMarkup("[x](https://a b)")).toEqual([{ type: "text", text: "[x](https://a b)" }]);
  });
});

describe("escapeMarkup", () => {
  const nasty = [
    "**Anna**",
    "_kursiv_",
    "[Klick](https://evil.example)",
    "Mitarbeiter*innen",
    "a\\*b",
    "C:\\Pfad\\",
    "<@U123> & <!channel>",
    "]",
    "[",
    "\\",
    "**_[x](https://y.example)_**",
  ];

  it("makes any data render exactly as given", () => {
    for (const s of nasty) {
      const spans = parseMarkup(escapeMarkup(s));
      expect(plainText(spans), s).toBe(s);
      expect(
        spans.every((span) => span.type === "text"),
        s,
      ).toBe(true);
    }
  });

  it("keeps escaped data literal inside bold and link labels", () => {
    expect(parseMarkup(`**${escapeMarkup("A*B_[c]")}**`)).toEqual([
      { type: "bold", children: [{ type: "text", text: "A*B_[c]" }] },
    ]);
    expect(parseMarkup(`[${escapeMarkup("Ziel [neu]")}](https://k.example/g/1)`)).toEqual([
      { type: "link", label: "Ziel [neu]", url: "https://k.example/g/1" },
    ]);
  });

  it("leaves a backslash before ordinary characters alone", () => {
    expect(markupToPlain("C:\\temp\\x")).toBe("C:\\temp\\x");
  });
});

describe("plain text helpers", () => {
  it("removes markers and optionally shows link addresses", () => {
    const spans = parseMarkup(
      "**Ziel** _jetzt_: [Details](https://k.example) und [https://k.example](https://k.example)",
    );
    expect(plainText(spans)).toBe("Ziel jetzt: Details und https://k.example");
    expect(plainText(spans, { linkUrls: true })).toBe("Ziel jetzt: Details (https://k.example) und https://k.example");
  });

  it("counts and slices visible code points, dropping emptied emphasis and cutting links to text", () => {
    const spans = parseMarkup("ab**cd**[efg](https://x.example)");
    expect(plainLength(spans)).toBe(7);
    expect(sliceSpans(spans, 2)).toEqual([{ type: "text", text: "ab" }]);
    expect(sliceSpans(spans, 3)).toEqual([
      { type: "text", text: "ab" },
      { type: "bold", children: [{ type: "text", text: "c" }] },
    ]);
    expect(sliceSpans(spans, 5)).toEqual([
      { type: "text", text: "ab" },
      { type: "bold", children: [{ type: "text", text: "cd" }] },
      { type: "text", text: "e" },
    ]);
    expect(sliceSpans(parseMarkup("😀😀😀"), 2)).toEqual([{ type: "text", text: "😀😀" }]);
  });

  it("fitSpans keeps rendered output within the limit and cuts visibly without breaking syntax", () => {
    const render = (s: readonly Span[]): string =>
      s
        .map((x) =>
          x.type === "text" ? x.text.replaceAll("&", "&amp;") : x.type === "link" ? `<${x.url}|${x.label}>` : "",
        )
        .join("");
    const spans = parseMarkup("&&&&&&&&&& [label](https://x.example/long/path)");
    const out = fitSpans(spans, render, 40);
    expect(out.length).toBeLessThanOrEqual(40);
    expect(out.endsWith(ELLIPSIS)).toBe(true);
    expect(out).not.toMatch(/&(?!amp;)/);
    expect(fitSpans(spans, render, 1000)).toBe(render(spans));
  });

  it("truncatePlain cuts visibly and never splits a surrogate pair", () => {
    expect(truncatePlain("abcdef", 6)).toBe("abcdef");
    expect(truncatePlain("abcdef", 4)).toBe("abc…");
    const cut = truncatePlain("a😀😀😀", 3);
    expect(cut).toBe("a…");
    expect(cut.length).toBeLessThanOrEqual(3);
  });
});

describe("progress", () => {
  it("draws a ten-cell bar with a German percent", () => {
    expect(progressLine(50)).toBe("▓▓▓▓▓░░░░░ 50 %");
    expect(progressLine(0)).toBe("░░░░░░░░░░ 0 %");
    expect(progressLine(100)).toBe("▓▓▓▓▓▓▓▓▓▓ 100 %");
    expect(progressBar(34)).toBe("▓▓▓░░░░░░░");
    expect(formatPercent(33.6)).toBe("34 %");
  });

  it("clamps out-of-range and non-finite values", () => {
    expect(progressLine(-5)).toBe("░░░░░░░░░░ 0 %");
    expect(progressLine(140)).toBe("▓▓▓▓▓▓▓▓▓▓ 100 %");
    expect(progressLine(Number.NaN)).toBe("░░░░░░░░░░ 0 %");
  });
});
