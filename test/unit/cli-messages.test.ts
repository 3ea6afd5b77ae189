import { describe, expect, it } from "vitest";
import { CLI_MESSAGES, cliText, langFromArgv, translateCommanderError } from "../../src/cli/messages.js";

describe("CLI messages", () => {
  it("has every message in German and English, with the same placeholders", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(CLI_MESSAGES.en).sort()).toEqual(Object.keys(CLI_MESSAGES.de).sort());
    for (const [key, german] of Object.entries(CLI_MESSAGES.de)) {
      const english = CLI_MESSAGES.en[key as keyof typeof CLI_MESSAGES.en];
      expect(placeholders(english), key).toEqual(placeholders(german));
      expect(german.trim(), key).not.toBe("");
    }
  });

  it("says commander's parse errors again in German, and keeps what it does not recognise", () => {
    const t = cliText("de");
    expect(translateCommanderError("error: unknown option '--x'\n(Did you mean --y?)\n", t)).toBe(
      "Fehler: unbekannte Option „--x“\n(Meinten Sie --y?)\n",
    );
    expect(
      translateCommanderError(
        "error: option '--lang <de|en>' argument 'fr' is invalid. Allowed choices are de, en.",
        t,
      ),
    ).toBe("Fehler: „fr“ ist für die Option „--lang“ nicht erlaubt; erlaubt sind: de, en\n");
    expect(translateCommanderError("error: too many arguments for 'migrate'. Expected 0 arguments but got 1.", t)).toBe(
      "Fehler: zu viele Argumente: erwartet 0, erhalten 1\n",
    );
    expect(translateCommanderError("something new from commander", t)).toBe("something new from commander\n");
  });

  it("reads --lang from the command line before parsing, ignoring values it does not know", () => {
    expect(langFromArgv(["demo", "--lang", "en"])).toBe("en");
    expect(langFromArgv(["--lang=de", "--help"])).toBe("de");
    expect(langFromArgv(["demo", "--lang", "fr"])).toBeUndefined();
    expect(langFromArgv(["demo", "--lang"])).toBeUndefined();
  });
});
