import type { Server } from "node:http";
import express from "express";
import { type Browser, type BrowserContext, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addWave,
  createFromTemplate,
  issueInvitations,
  type SurveyDeps,
} from "../../src/core/surveys/survey-service.js";
import type { SurveyView, WaveView } from "../../src/core/surveys/types.js";
import { PrismaSurveyRepository } from "../../src/db/survey-repository.js";
import { createLogger } from "../../src/logger.js";
import { mountSurveyPages } from "../../src/web/survey-pages.js";
import { type RunningKurs, startKurs } from "../helpers/kurs-instance.js";
import { createTestTenant, type TestTenant } from "../helpers/tenant-fixture.js";
import { TestClock } from "../helpers/test-clock.js";

let service: RunningKurs;
let browser: Browser;
let context: BrowserContext;
let org: TestTenant;
let deps: SurveyDeps;
let survey: SurveyView;
let wave: WaveView;
const links = new Map<string, string>();

const TEMPLATE_KEYS = [
  "reachability",
  "response_time",
  "solution_competence",
  "deadline_reliability",
  "friendliness",
  "communication",
  "overall",
];

beforeAll(async () => {
  service = await startKurs();
  org = await createTestTenant(service.kurs.db, { name: "Survey web form" });
  deps = { surveys: new PrismaSurveyRepository(service.kurs.db.prisma), clock: { now: () => new Date() } };
  survey = await createFromTemplate(deps, {
    tenantId: org.tenant.id,
    template: "customer",
    title: "Kundenbefragung <2026>",
  });
  wave = await addWave(deps, org.tenant.id, survey.id, "baseline", "Baseline");
  const { issued } = await issueInvitations(
    deps,
    survey,
    wave,
    [
      { line: 2, email: "de@kunde.de", name: "Dora", company: null, locale: "de" },
      { line: 3, email: "en@client.com", name: "Ed", company: null, locale: "en" },
      { line: 4, email: "late@kunde.de", name: null, company: null, locale: "de" },
    ],
    { expiresInDays: 30, renewUnsent: false },
  );
  for (const { invitation, token } of issued) links.set(invitation.email, `${service.url}/s/${token}`);
  await service.kurs.db.prisma.surveyInvitation.updateMany({
    where: { waveId: wave.id, email: "late@kunde.de" },
    data: { expiresAt: new Date(Date.now() - 60_000) },
  });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  // Customers may have JavaScript off: the form must not need it.
  context = await browser.newContext({ javaScriptEnabled: false, locale: "de-DE" });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await service?.stop();
});

function link(email: string): string {
  const url = links.get(email);
  if (!url) throw new Error(`no link for ${email}`);
  return url;
}

const responses = () => service.kurs.db.prisma.surveyResponse.count({ where: { waveId: wave.id } });

describe("customer survey web form in Chromium", () => {
  it("shows field errors next to the fields, keeps what was typed, then stores the answers once and thanks", async () => {
    const page = await context.newPage();
    const first = await page.goto(link("de@kunde.de"));
    expect(first?.status()).toBe(200);
    expect(first?.headers()["content-security-policy"]).toContain("default-src 'none'");
    expect(first?.headers()["x-content-type-options"]).toBe("nosniff");
    expect(first?.headers()["referrer-policy"]).toBe("no-referrer");
    expect(await page.getAttribute("html", "lang")).toBe("de");
    expect(await page.textContent("h1")).toBe("Kundenbefragung <2026>");
    // Every question has an accessible name; scales are radio groups in fieldsets with legends.
    expect(await page.locator("fieldset").count()).toBe(8);
    await expect(page.getByRole("group", { name: /Reaktionszeit/ }).count()).resolves.toBe(1);

    await page
      .getByRole("group", { name: /Reaktionszeit/ })
      .getByLabel("4 – zufrieden")
      .check();
    await page.getByLabel(/Was sollten wir besser machen/).fill("<script>alert(1)</script> & mehr");
    const [invalid] = await Promise.all([
      page.waitForNavigation(),
      page.getByRole("button", { name: "Antworten absenden" }).click(),
    ]);
    expect(invalid?.status()).toBe(422);
    expect(await page.locator(".summary h2").textContent()).toBe("Bitte prüfen Sie 7 Angaben.");
    const overall = page.locator("#q-overall-error");
    expect(await overall.textContent()).toBe("Bitte wählen Sie eine Antwort.");
    expect(await page.getByRole("group", { name: /insgesamt/ }).getAttribute("aria-describedby")).toContain(
      "q-overall-error",
    );
    expect(await page.locator("#q-response_time-error").count()).toBe(0);
    expect(
      await page
        .getByRole("group", { name: /Reaktionszeit/ })
        .getByLabel("4 – zufrieden")
        .isChecked(),
    ).toBe(true);
    expect(await page.getByLabel(/Was sollten wir besser machen/).inputValue()).toBe(
      "<script>alert(1)</script> & mehr",
    );
    expect(await responses()).toBe(0);

    // Keyboard only: Tab into a radio group, arrows choose, Space confirms.
    for (const key of TEMPLATE_KEYS.filter((k) => k !== "response_time")) {
      await page.focus(`#q-${key}`);
      await page.keyboard.press("Space");
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
    }
    await page
      .getByRole("group", { name: /weiterempfehlen/ })
      .getByLabel("9", { exact: true })
      .check();
    await page.focus("button[type=submit]");
    const [done] = await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    expect(done?.status()).toBe(200);
    expect(await page.textContent("h1")).toBe("Vielen Dank!");

    const stored = await service.kurs.db.prisma.surveyResponse.findMany({
      where: { waveId: wave.id },
      include: { answers: { include: { question: true } } },
    });
    expect(stored).toHaveLength(1);
    const byKey = Object.fromEntries(stored[0]?.answers.map((a) => [a.question.key, a.value ?? a.text]) ?? []);
    expect(byKey).toMatchObject({
      response_time: 4,
      overall: 4,
      reachability: 4,
      nps: 9,
      comment: "<script>alert(1)</script> & mehr",
    });
    expect(stored[0]?.personId).toBeNull();

    // The same link again: a clear page, and nothing more is stored, by GET or by POST.
    const again = await page.goto(link("de@kunde.de"));
    expect(again?.status()).toBe(410);
    expect(await page.textContent("h1")).toBe("Dieser Link gilt nicht mehr");
    const replay = await page.request.post(link("de@kunde.de"), {
      form: Object.fromEntries([...TEMPLATE_KEYS.map((k) => [k, "5"]), ["nps", "10"]]),
    });
    expect(replay.status()).toBe(410);
    expect(await responses()).toBe(1);
    await page.close();
  });

  it("speaks English from the invitation, switches to German by a link, and refuses out-of-scale values", async () => {
    const page = await context.newPage();
    await page.goto(link("en@client.com"));
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.getByRole("button").textContent()).toBe("Send answers");
    expect(await page.getByRole("group", { name: /response time/ }).count()).toBe(1);
    await page.getByRole("link", { name: "Deutsch" }).click();
    expect(await page.getAttribute("html", "lang")).toBe("de");
    expect(await page.getByRole("button").textContent()).toBe("Antworten absenden");
    await page.getByRole("link", { name: "English" }).click();
    expect(await page.getAttribute("html", "lang")).toBe("en");

    const tampered = await page.request.post(link("en@client.com"), {
      form: { ...Object.fromEntries(TEMPLATE_KEYS.map((k) => [k, "3"])), nps: "12", lang: "en" },
    });
    expect(tampered.status()).toBe(422);
    const html = await tampered.text();
    expect(html).toContain("Please choose a value on the scale.");
    expect(await responses()).toBe(1);

    const [submitted] = await Promise.all([
      page.waitForNavigation(),
      (async () => {
        for (const key of TEMPLATE_KEYS) await page.locator(`input[name=${key}][value="2"]`).check();
        await page.locator('input[name=nps][value="3"]').check();
        await page.getByRole("button", { name: "Send answers" }).click();
      })(),
    ]);
    expect(submitted?.status()).toBe(200);
    expect(await page.textContent("h1")).toBe("Thank you!");
    expect(await responses()).toBe(2);
    await page.close();
  });

  it("shows the same clear page for an expired or unknown link and stores nothing", async () => {
    const page = await context.newPage();
    const expired = await page.goto(link("late@kunde.de"));
    expect(expired?.status()).toBe(410);
    expect(await page.textContent("h1")).toBe("Dieser Link gilt nicht mehr");
    const post = await page.request.post(link("late@kunde.de"), {
      form: Object.fromEntries([...TEMPLATE_KEYS.map((k) => [k, "5"]), ["nps", "10"]]),
    });
    expect(post.status()).toBe(410);
    const unknown = await page.goto(`${service.url}/s/${"A".repeat(43)}`);
    expect(unknown?.status()).toBe(404);
    expect(await page.textContent("h1")).toBe("Dieser Link gilt nicht mehr");
    const garbage = await page.goto(`${service.url}/s/%3Cscript%3E?lang=en`);
    expect(garbage?.status()).toBe(404);
    expect(await page.textContent("h1")).toBe("This link is no longer valid");
    expect(await responses()).toBe(2);
    expect(
      await service.kurs.db.prisma.surveyInvitation.findFirst({ where: { waveId: wave.id, email: "late@kunde.de" } }),
    ).toMatchObject({ usedAt: null });
    await page.close();
  });

  it("limits requests per address with a readable page", async () => {
    const app = express();
    mountSurveyPages(app, {
      surveys: new PrismaSurveyRepository(service.kurs.db.prisma),
      clock: new TestClock(new Date()),
      log: createLogger("silent"),
      rateLimitPerMinute: 2,
    });
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    try {
      const address = server.address();
      const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/s/thanks`;
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(base, { headers: { "accept-language": "de" } })).status);
      expect(statuses).toEqual([200, 200, 429]);
      expect(await (await fetch(base)).text()).toContain("Zu viele Anfragen");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
