import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { catalogs, featureCatalogs, translator } from "../../src/core/ui/i18n/index.js";
import { PROJECT_ROOT } from "../../src/paths.js";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === "string" ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`),
  );
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "generated" || name === "i18n" ? [] : files(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

describe("i18n catalogs", () => {
  it("German and English have exactly the same keys, none empty", () => {
    const de = keys(catalogs.de).sort();
    const en = keys(catalogs.en).sort();
    expect(en).toEqual(de);
    for (const key of de) {
      const get = (c: object) => key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], c);
      expect(String(get(catalogs.de)).trim(), key).not.toBe("");
      expect(String(get(catalogs.en)).trim(), key).not.toBe("");
    }
  });

  it("has German and English side by side in every feature's catalog, with the same keys", () => {
    for (const [name, catalog] of Object.entries(featureCatalogs)) {
      const de = keys(catalog.de).sort();
      expect(de.length, name).toBeGreaterThan(0);
      expect(keys(catalog.en).sort(), name).toEqual(de);
    }
  });

  it("registers every src/core/<feature>/i18n folder, and no two catalogs share a top-level key", () => {
    const core = join(PROJECT_ROOT, "src/core");
    const folders = readdirSync(core)
      .filter((name) => name !== "ui" && statSync(join(core, name)).isDirectory())
      .filter((name) => readdirSync(join(core, name)).includes("i18n"));
    expect(
      Object.keys(featureCatalogs)
        .filter((n) => n !== "shared")
        .sort(),
    ).toEqual(folders.sort());
    for (const name of folders) {
      expect(readdirSync(join(core, name, "i18n")).sort(), name).toEqual(["de.ts", "en.ts", "index.ts"]);
    }
    const tops = Object.values(featureCatalogs).flatMap((c) => Object.keys(c.de));
    expect(new Set(tops).size).toBe(tops.length);
    expect(Object.keys(catalogs.de).sort()).toEqual([...tops].sort());
  });

  it("uses interpolation placeholders consistently across languages", () => {
    for (const key of keys(catalogs.de)) {
      const get = (c: object) => String(key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], c));
      const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(vars(get(catalogs.en)), key).toEqual(vars(get(catalogs.de)));
    }
  });

  it("switches German between Sie and Du, and English ignores the difference", () => {
    expect(translator("de", "sie")("help.placeHeader")).toBe("Ihr Platz in der Organisation");
    expect(translator("de", "du")("help.placeHeader")).toBe("Dein Platz in der Organisation");
    expect(translator("de", "du")("help.unit")).toBe("Einheit");
    expect(translator("en", "du")("help.placeHeader")).toBe("Your place in the organisation");
    expect(translator("en")("common.more", { count: 3 })).toBe("… and 3 more");
  });

  it("keeps user-facing words out of code: Card text comes from the catalogs", () => {
    // Card and form properties shown to users must be t(...) results or data, never a literal with words.
    const pattern =
      /\b(text|label|title|summary|submitLabel|closeLabel|placeholder|hint|alt)\s*:\s*(["'`])([^"'`]*)\2/g;
    const words = /[A-Za-zÄÖÜäöüß]{3,}/;
    const offenders: string[] = [];
    for (const dir of ["src/core", "src/chat", "handlers", "jobs"]) {
      for (const file of files(join(PROJECT_ROOT, dir))) {
        const source = readFileSync(file, "utf8");
        for (const match of source.matchAll(pattern)) {
          // Interpolated expressions (${…}) are code and data, not wording.
          const literal = (match[3] ?? "").replace(/\$\{[^}]*\}/g, "");
          if (words.test(literal)) offenders.push(`${relative(PROJECT_ROOT, file)}: ${match[0]}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
