import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod/v4";
import { renderText } from "../../src/chat/console/render-text.js";
import { renderOptionsFor } from "../../src/chat/render-options-for.js";
import { dispatchCommand, routeCommand } from "../../src/core/dispatch.js";
import { type ActionRef, actionRef } from "../../src/core/feature.js";
import { buildRegistry, FEATURES, registry } from "../../src/core/features.js";
import { COMMAND_NAMES, COMMAND_WORDS } from "../../src/core/programme/commands.js";
import type { Services } from "../../src/core/services.js";
import { translator } from "../../src/core/ui/i18n/index.js";
import { PROJECT_ROOT } from "../../src/paths.js";

const CORE = join(PROJECT_ROOT, "src", "core");

function isActionRef(value: unknown): value is ActionRef {
  return typeof value === "object" && value !== null && "id" in value && "schema" in value && "button" in value;
}

describe("the feature registry", () => {
  it("declares a handler for every action ref a card can put on a button", async () => {
    // Every feature keeps its button refs in src/core/<feature>/actions.ts.
    const modules = readdirSync(CORE, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("actions.ts"));
    const refs: ActionRef[] = [];
    for (const file of modules) {
      const exported = (await import(pathToFileURL(join(CORE, file)).href)) as Record<string, unknown>;
      for (const group of Object.values(exported)) {
        if (typeof group !== "object" || group === null) continue;
        for (const ref of Object.values(group)) if (isActionRef(ref)) refs.push(ref);
      }
    }
    expect(refs.length).toBeGreaterThanOrEqual(7);
    for (const ref of refs) expect(registry.action(ref.id)?.ref, ref.id).toBe(ref);
  });

  it("declares a submit handler for every form id core builds", () => {
    // Every Form core builds takes its id from a *_FORM_ID constant next to the form.
    const ids = readdirSync(CORE, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) =>
        [...readFileSync(join(CORE, f), "utf8").matchAll(/_FORM_ID = "([^"]+)"/g)].map((m) => m[1] ?? ""),
      );
    expect(ids.length).toBeGreaterThan(3);
    for (const id of ids) expect(registry.form(id), id).toBeDefined();
  });

  it("has no card that builds a button by hand instead of through its action ref", () => {
    const offenders = readdirSync(CORE, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts") && !f.endsWith("feature.ts"))
      .filter((f) => /\bid:\s*"[a-z]+\.[a-z-]+"/.test(readFileSync(join(CORE, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("refuses two declarations of one id", () => {
    const ref = actionRef("dup.one", z.object({}));
    const run = async () => ({ kind: "card" as const, card: { summary: "", blocks: [] } });
    expect(() =>
      buildRegistry([
        { name: "a", actions: [{ ref, run }] },
        { name: "b", actions: [{ ref, run }] },
      ]),
    ).toThrow(/dup\.one/);
    expect(() => buildRegistry(FEATURES)).not.toThrow();
  });
});

describe("the command router (one for Slack, Teams and the CLI's help)", () => {
  const run = (input: { command?: (typeof COMMAND_NAMES)[number]; text: string }) => {
    const route = routeCommand(registry, input);
    return route.kind === "run"
      ? { kind: "run", command: route.decl.command, sub: route.decl.sub?.[0], args: route.args }
      : route;
  };

  it("routes /kurs goals add, kurs ziele add and goals add to the same declaration with the same arguments", () => {
    const expected = { kind: "run", command: "goals", sub: undefined, args: "add" };
    expect(run({ command: "kurs", text: "goals add" })).toEqual(expected);
    expect(run({ command: "goals", text: "add" })).toEqual(expected);
    expect(run({ text: "kurs ziele add" })).toEqual(expected);
    expect(run({ text: "/Ziele add" })).toEqual(expected);
    expect(run({ text: "goals   add" })).toEqual(expected);
  });

  it("routes every word of every command, on both platforms", () => {
    for (const name of COMMAND_NAMES) {
      for (const word of COMMAND_WORDS[name]) {
        expect(routeCommand(registry, { text: word }).kind, word).not.toBe("unknown");
      }
    }
    // After /kurs, every other command's words lead where the command itself leads.
    for (const name of COMMAND_NAMES.filter((n) => n !== "kurs")) {
      for (const word of COMMAND_WORDS[name]) {
        const viaKurs = routeCommand(registry, { command: "kurs", text: `${word} x` });
        expect(viaKurs, word).toEqual(routeCommand(registry, { command: name, text: "x" }));
      }
    }
  });

  it("keeps the arguments as typed, quotes and line breaks included", () => {
    expect(run({ text: 'kurs statement report  "a  b"\nc' })).toEqual({
      kind: "run",
      command: "kurs",
      sub: "statement",
      args: 'report  "a  b"\nc',
    });
  });

  it("answers help words with help, unknown words as unknown and switched-off commands as not available", () => {
    for (const text of ["", "help", "hilfe", "?"])
      expect(routeCommand(registry, { command: "kurs", text })).toEqual({ kind: "help" });
    expect(routeCommand(registry, { text: "Hallo Kurs" })).toEqual({ kind: "unknown", text: "Hallo Kurs" });
    expect(routeCommand(registry, { command: "kurs", text: "frobnicate now" })).toEqual({
      kind: "unknown",
      text: "frobnicate now",
    });
    const onlyGoals = buildRegistry(FEATURES.filter((f) => f.name === "goals"));
    expect(routeCommand(onlyGoals, { command: "kpi", text: "" })).toEqual({ kind: "not-available", command: "kpi" });
    expect(routeCommand(onlyGoals, { text: "kennzahlen x" })).toEqual({ kind: "not-available", command: "kpi" });
  });
});

describe("a command the registry does not serve (yet)", () => {
  const tenant = {
    id: "t",
    slug: "t",
    name: "Testfirma",
    defaultLocale: "de" as const,
    formality: "sie" as const,
    timezone: "Europe/Berlin",
  };
  const onlyGoals = buildRegistry(FEATURES.filter((f) => f.name === "goals"));

  it.each([
    ["de", "noch nicht freigeschaltet"],
    ["en", "not switched on in this version yet"],
  ] as const)("answers that it is not switched on, and lists what is available (%s)", async (locale, expected) => {
    const requester = { tenant, person: null, locale, t: translator(locale) };
    // The services are not reached on this path: the router answers before any feature runs.
    const ctx = { services: {} as Services, requester, platform: "slack" as const };
    const reply = await dispatchCommand(ctx, { command: "kpi", text: "garbage %$§ arguments" }, onlyGoals);
    const text = reply.kind === "card" ? renderText(reply.card, renderOptionsFor(locale)) : "";
    expect(text).toContain(expected);
    expect(text).toContain("/kpi");
    expect(text).toContain("/goals");
  });
});
