import { describe, expect, it } from "vitest";
import { parsePoll, tokenize } from "../../src/core/surveys/poll.js";

describe("poll arguments", () => {
  it("splits quoted and bare words, German and English quotes alike", () => {
    expect(tokenize('"Wie geht es?" gut "sehr gut"')).toEqual({
      ok: true,
      tokens: ["Wie geht es?", "gut", "sehr gut"],
    });
    expect(tokenize("„Frage eins“ “A b” «C d»")).toEqual({ ok: true, tokens: ["Frage eins", "A b", "C d"] });
    expect(tokenize("")).toEqual({ ok: true, tokens: [] });
  });

  it("refuses unbalanced quotes and quotes inside a word", () => {
    expect(tokenize('"offen A B')).toEqual({ ok: false });
    expect(tokenize('ab"c "d"')).toEqual({ ok: false });
  });

  it("parses a quiz by letter, number or answer text", () => {
    expect(parsePoll('"Q" "A" "B" "C" --quiz b')).toEqual({
      ok: true,
      question: "Q",
      options: ["A", "B", "C"],
      correct: 1,
    });
    expect(parsePoll('"Q" "A" "B" --quiz 2')).toMatchObject({ ok: true, correct: 1 });
    expect(parsePoll('"Q" "Rot" "Blau" --quiz blau')).toMatchObject({ ok: true, correct: 1 });
    expect(parsePoll('"Q" "A" "B"')).toMatchObject({ ok: true, correct: null });
  });

  it("names what is wrong with bad input", () => {
    expect(parsePoll('"Q" "A"')).toEqual({ ok: false, problem: "options" });
    expect(parsePoll("")).toEqual({ ok: false, problem: "question" });
    expect(parsePoll('"Q" "A" ""')).toEqual({ ok: false, problem: "options" });
    expect(parsePoll(`"Q" ${Array.from({ length: 11 }, (_, i) => `o${i}`).join(" ")}`)).toEqual({
      ok: false,
      problem: "tooMany",
    });
    expect(parsePoll(`"Q" "A" "${"x".repeat(76)}"`)).toEqual({ ok: false, problem: "long" });
    expect(parsePoll('"Q" "Ja" "ja"')).toEqual({ ok: false, problem: "duplicate" });
    expect(parsePoll('"Q" "A" "B" --quiz')).toEqual({ ok: false, problem: "quiz" });
    expect(parsePoll('"Q" "A" "B" --quiz Z')).toEqual({ ok: false, problem: "quiz" });
    expect(parsePoll('"Q" "A" "B" --quiz 3')).toEqual({ ok: false, problem: "quiz" });
    expect(parsePoll(`"${"q".repeat(301)}" "A" "B"`)).toEqual({ ok: false, problem: "question" });
  });
});
