import { describe, expect, it } from "vitest";
import { CUSTOMER_TEMPLATE } from "../../src/core/surveys/templates.js";
import { checkForm } from "../../src/core/surveys/web-form.js";
import { escapeHtml } from "../../src/web/survey-pages.js";

const questions = CUSTOMER_TEMPLATE.questions.map((q) => ({ ...q, id: q.key }));
const full = {
  reachability: "5",
  response_time: "4",
  solution_competence: "3",
  deadline_reliability: "2",
  friendliness: "1",
  communication: "4",
  overall: "4",
  nps: "0",
};

describe("survey form check", () => {
  it("accepts a complete form and keeps an optional empty comment out", () => {
    const outcome = checkForm(questions, { ...full, comment: "  " });
    expect(outcome.ok).toBe(true);
    if (outcome.ok) {
      expect(outcome.answers).toHaveLength(8);
      expect(outcome.answers.find((a) => a.questionKey === "nps")?.value).toBe(0);
    }
  });

  it("names every bad field: missing, out of scale, not a number, too long, or an array smuggled in", () => {
    const outcome = checkForm(questions, {
      ...full,
      reachability: "",
      response_time: "6",
      solution_competence: "drei",
      deadline_reliability: ["1", "2"],
      nps: "-1",
      comment: "x".repeat(4001),
    });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.errors).toEqual({
        reachability: "required",
        response_time: "range",
        solution_competence: "range",
        deadline_reliability: "required",
        nps: "range",
        comment: "too_long",
      });
      expect(outcome.values.response_time).toBe("6");
    }
  });

  it("escapes everything that reaches the page", () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });
});
