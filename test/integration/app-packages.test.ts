import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, inflateRawSync, inflateSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { z } from "zod/v4";
import { SLACK_COMMANDS } from "../../handlers/slack/commands/index.js";
import { COMMAND_NAMES, TEAMS_COMMAND_WORDS } from "../../src/core/programme/commands.js";
import { catalogs } from "../../src/core/ui/i18n/index.js";
import { PROJECT_ROOT } from "../../src/paths.js";

// What users install (the Slack manifest, the Teams package) and how operators run Kurs (Dockerfile,
// compose) are written by hand; these tests tie each of them to the code they describe.

const path = (...parts: string[]) => join(PROJECT_ROOT, ...parts);
const read = (...parts: string[]) => readFileSync(path(...parts), "utf8");
const packageJson = z
  .object({ version: z.string(), scripts: z.record(z.string(), z.string()) })
  .parse(JSON.parse(read("package.json")));

describe("Slack app manifest", () => {
  const url = z.url({ protocol: /^https$/ });
  const manifest = z
    .object({
      display_information: z.object({
        name: z.string(),
        // Slack's own limits; the manifest UI rejects anything longer or shorter.
        description: z.string().min(1).max(140),
        long_description: z.string().min(175).max(4000),
        background_color: z.string().regex(/^#[0-9a-f]{6}$/i),
      }),
      features: z.object({
        app_home: z.object({ home_tab_enabled: z.boolean(), messages_tab_enabled: z.boolean() }),
        bot_user: z.object({ display_name: z.string().max(80), always_online: z.boolean() }),
        slash_commands: z.array(
          z.object({
            command: z.string().regex(/^\/[a-z0-9_-]{1,31}$/),
            url,
            description: z.string().min(1).max(2000),
            usage_hint: z.string().max(1000).optional(),
            should_escape: z.boolean(),
          }),
        ),
      }),
      oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
      settings: z.object({
        event_subscriptions: z.object({ request_url: url, bot_events: z.array(z.string()) }),
        interactivity: z.object({ is_enabled: z.boolean(), request_url: url, message_menu_options_url: url }),
        org_deploy_enabled: z.boolean(),
        socket_mode_enabled: z.boolean(),
        token_rotation_enabled: z.boolean(),
      }),
    })
    .parse(parseYaml(read("manifests", "slack-app-manifest.yaml")));
  const commands = manifest.features.slash_commands;

  it("declares exactly the registered slash commands, in the product's order", () => {
    const declared = commands.map((c) => c.command);
    expect(declared).toEqual(SLACK_COMMANDS);
    expect(declared).toEqual(COMMAND_NAMES.map((name) => `/${name}`));
  });

  it("describes each command as the English help does", () => {
    for (const command of commands) {
      const name = z.enum(COMMAND_NAMES).parse(command.command.slice(1));
      expect(command.description, command.command).toBe(catalogs.en.commands[name]);
      // Bolt reads user and channel ids from the raw text; escaping would turn them into <@U…> markup.
      expect(command.should_escape, command.command).toBe(false);
    }
  });

  it("sends commands, events and interactions to the one endpoint POST /slack/events", () => {
    const urls = [
      ...commands.map((c) => c.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      manifest.settings.interactivity.message_menu_options_url,
    ];
    for (const u of urls) expect(new URL(u).pathname, u).toBe("/slack/events");
    expect(new Set(urls.map((u) => new URL(u).host)).size).toBe(1);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it("asks for the scopes Kurs relies on, including those its events need", () => {
    const scopes = manifest.oauth_config.scopes.bot;
    // users:read.email is how Slack users are matched to the imported org chart.
    expect(scopes).toEqual(
      expect.arrayContaining(["commands", "chat:write", "users:read", "users:read.email", "im:write", "files:write"]),
    );
    const scopeForEvent: Record<string, string> = { app_mention: "app_mentions:read", "message.im": "im:history" };
    const events = manifest.settings.event_subscriptions.bot_events;
    expect(events).toEqual(expect.arrayContaining(["app_home_opened", "app_mention", "message.im"]));
    for (const event of events) {
      const scope = scopeForEvent[event];
      if (scope) expect(scopes, `${event} needs ${scope}`).toContain(scope);
    }
    expect(new Set(scopes).size).toBe(scopes.length);
  });

  it("has a bot user and an app home with both tabs", () => {
    expect(manifest.display_information.name).toBe("Kurs");
    expect(manifest.features.bot_user).toEqual({ display_name: "Kurs", always_online: true });
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
  });
});

const teamsCommand = z.object({ title: z.string().min(1).max(32), description: z.string().min(1).max(128) });
const teamsManifestSchema = z.object({
  $schema: z.literal("https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.schema.json"),
  manifestVersion: z.literal("1.17"),
  version: z.string(),
  id: z.string(),
  developer: z.object({ name: z.string(), websiteUrl: z.string(), privacyUrl: z.string(), termsOfUseUrl: z.string() }),
  name: z.object({ short: z.string().min(1).max(30), full: z.string().max(100) }),
  description: z.object({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }),
  icons: z.object({ color: z.string(), outline: z.string() }),
  accentColor: z.string().regex(/^#[0-9a-f]{6}$/i),
  bots: z
    .array(
      z.object({
        botId: z.string(),
        scopes: z.array(z.enum(["personal", "team", "groupChat"])),
        supportsFiles: z.boolean(),
        commandLists: z.array(z.object({ scopes: z.array(z.string()), commands: z.array(teamsCommand).max(10) })),
      }),
    )
    .length(1),
  validDomains: z.array(z.string()),
  localizationInfo: z.object({
    defaultLanguageTag: z.string(),
    additionalLanguages: z.array(z.object({ languageTag: z.string(), file: z.string() })),
  }),
});

/** The ${{NAME}} markers scripts/teams-package.mjs fills in. */
const placeholder = (name: string) => `\${{${name}}}`;

describe("Teams app manifest", () => {
  const manifest = teamsManifestSchema.parse(JSON.parse(read("teams", "manifest.json")));
  const bot = manifest.bots[0];
  const commands = bot?.commandLists.flatMap((list) => list.commands) ?? [];

  it("lists every product command, titled with the word the bot understands", () => {
    expect(commands.map((c) => c.title)).toEqual([...COMMAND_NAMES]);
    for (const { title } of commands) expect(TEAMS_COMMAND_WORDS[title], title).toBe(title);
  });

  it("is German by default, with the same wording as the German help", () => {
    expect(manifest.localizationInfo.defaultLanguageTag).toBe("de-de");
    for (const command of commands) {
      const name = z.enum(COMMAND_NAMES).parse(command.title);
      expect(command.description, name).toBe(catalogs.de.commands[name]);
    }
  });

  it("is a bot for chats, teams and group chats, filled in per install", () => {
    expect(manifest.id).toBe(placeholder("MICROSOFT_APP_ID"));
    expect(bot?.botId).toBe(placeholder("MICROSOFT_APP_ID"));
    expect(bot?.scopes).toEqual(["personal", "team", "groupChat"]);
    // Calendar invitations are offered as files in the 1:1 chat (file-consent card, then OneDrive).
    expect(bot?.supportsFiles).toBe(true);
    expect(manifest.validDomains).toEqual([placeholder("KURS_PUBLIC_HOST")]);
    expect(manifest.name.short).toBe("Kurs");
    expect(manifest.developer.name).toBe("Kurs contributors");
    // Teams only accepts a higher version for an update, so it follows the package version.
    expect(manifest.version).toBe(packageJson.version);
  });

  describe("English localization", () => {
    const languages = manifest.localizationInfo.additionalLanguages;
    const english = languages.find((l) => l.languageTag === "en");
    const file = english?.file ?? "";
    const strings = z
      .record(z.string(), z.string())
      .parse(JSON.parse(existsSync(path("teams", file)) ? read("teams", file) : "{}"));

    it("is a v1.17 localization file with every required string", () => {
      expect(english).toEqual({ languageTag: "en", file: "en.json" });
      expect(strings.$schema).toBe(
        "https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.Localization.schema.json",
      );
      expect(strings["name.short"]).toBe("Kurs");
      expect(strings["description.short"]?.length).toBeLessThanOrEqual(80);
      expect(strings["description.full"]?.length).toBeLessThanOrEqual(4000);
      // The localization schema has additionalProperties: false; these are the patterns Kurs may use.
      const allowed = [
        /^\$schema$/,
        /^name\.(short|full)$/,
        /^description\.(short|full)$/,
        /^bots\[0\]\.commandLists\[[0-2]\]\.commands\[([0-9]|1[01])\]\.(title|description)$/,
      ];
      for (const key of Object.keys(strings))
        expect(
          allowed.some((re) => re.test(key)),
          key,
        ).toBe(true);
    });

    it("translates every command, keeping the command words as titles", () => {
      const indices = new Set(
        Object.keys(strings).flatMap(
          (key) => /^bots\[0\]\.commandLists\[0\]\.commands\[(\d+)\]\./.exec(key)?.[1] ?? [],
        ),
      );
      expect(indices.size).toBe(commands.length);
      commands.forEach((command, i) => {
        const name = z.enum(COMMAND_NAMES).parse(command.title);
        expect(strings[`bots[0].commandLists[0].commands[${i}].title`], name).toBe(name);
        expect(strings[`bots[0].commandLists[0].commands[${i}].description`], name).toBe(catalogs.en.commands[name]);
      });
    });
  });

  it("has a 192x192 colour icon and a 32x32 white-on-transparent outline icon", () => {
    const color = readPng(path("teams", manifest.icons.color));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = readPng(path("teams", manifest.icons.outline));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let opaque = 0;
    let transparent = 0;
    for (let i = 0; i < outline.rgba.length; i += 4) {
      const alpha = outline.rgba[i + 3] ?? 0;
      if (alpha === 0) transparent++;
      else {
        opaque++;
        expect([...outline.rgba.subarray(i, i + 3)], `outline pixel ${i / 4}`).toEqual([255, 255, 255]);
      }
    }
    expect(opaque).toBeGreaterThan(100);
    expect(transparent).toBeGreaterThan(100);
  });
});

describe("npm run teams:package", () => {
  const script = path("scripts", "teams-package.mjs");
  const dir = mkdtempSync(join(tmpdir(), "kurs-teams-package-"));
  const appId = "5f0c7a3e-2b1d-4c8e-9a6f-0d3e1b2c4a5f";
  // The caller's own values must not leak into what is tested.
  const { MICROSOFT_APP_ID: _appId, KURS_PUBLIC_HOST: _host, ...baseEnv } = process.env;
  const run = (args: string[], env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, [script, ...args], {
      cwd: PROJECT_ROOT,
      env: { ...baseEnv, ...env },
      encoding: "utf8",
    });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("builds a zip with the manifest, its localization and both icons at the root, placeholders filled in", () => {
    const out = join(dir, "kurs.zip");
    const result = run(["--out", out], { MICROSOFT_APP_ID: appId, KURS_PUBLIC_HOST: "kurs.acme.test" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);

    const entries = readZip(readFileSync(out));
    expect(entries.map((e) => e.name).sort()).toEqual(["color.png", "en.json", "manifest.json", "outline.png"]);
    const entry = (name: string) => entries.find((e) => e.name === name)?.data ?? Buffer.alloc(0);
    const manifestText = entry("manifest.json").toString("utf8");
    expect(manifestText).not.toContain("${{");
    expect(entry("en.json").toString("utf8")).not.toContain("${{");
    const manifest = teamsManifestSchema.parse(JSON.parse(manifestText));
    expect(manifest.id).toBe(appId);
    expect(manifest.bots[0]?.botId).toBe(appId);
    expect(manifest.validDomains).toEqual(["kurs.acme.test"]);
    expect(manifest.developer.websiteUrl).toBe("https://kurs.acme.test");
    expect(entry("color.png").equals(readFileSync(path("teams", "color.png")))).toBe(true);
    expect(entry("outline.png").equals(readFileSync(path("teams", "outline.png")))).toBe(true);
  });

  it("refuses to build without MICROSOFT_APP_ID, naming it", () => {
    const out = join(dir, "missing-id.zip");
    const result = run(["--out", out], {});
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("MICROSOFT_APP_ID");
    expect(existsSync(out)).toBe(false);
  });

  it("refuses an app id that is not a GUID and a host with a scheme", () => {
    const badId = run(["--out", join(dir, "bad.zip")], { MICROSOFT_APP_ID: "my-bot" });
    expect(badId.status).not.toBe(0);
    expect(badId.stderr).toContain("MICROSOFT_APP_ID must be a GUID");
    const badHost = run(["--out", join(dir, "bad.zip")], {
      MICROSOFT_APP_ID: appId,
      KURS_PUBLIC_HOST: "https://x.test",
    });
    expect(badHost.status).not.toBe(0);
    expect(badHost.stderr).toContain("KURS_PUBLIC_HOST");
  });

  it("builds a validation-only package with --allow-placeholder and the default host", () => {
    const out = join(dir, "placeholder.zip");
    const result = run(["--out", out, "--allow-placeholder"], {});
    expect(result.status).toBe(0);
    expect(result.stderr).toContain("MICROSOFT_APP_ID is not set");
    const manifestEntry = readZip(readFileSync(out)).find((e) => e.name === "manifest.json");
    const manifest = teamsManifestSchema.parse(JSON.parse(manifestEntry?.data.toString("utf8") ?? "{}"));
    expect(manifest.id).toBe("00000000-0000-0000-0000-000000000000");
    expect(manifest.validDomains).toEqual(["kurs.example.com"]);
  });
});

describe("container images", () => {
  const dockerfile = read("Dockerfile");
  const compose = z
    .object({
      services: z.record(
        z.string(),
        z.object({
          image: z.string().optional(),
          build: z.string().optional(),
          command: z.array(z.string()).optional(),
          ports: z.array(z.string()).optional(),
          environment: z.record(z.string(), z.string()).optional(),
          depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
          healthcheck: z.object({ test: z.array(z.string()).optional(), disable: z.boolean().optional() }).optional(),
        }),
      ),
    })
    .passthrough()
    .parse(parseYaml(read("docker-compose.yml"), { merge: true }));
  const service = (name: string) => {
    const s = compose.services[name];
    if (!s) throw new Error(`docker-compose.yml has no service ${name}`);
    return s;
  };

  /** tsconfig.build.json compiles X.ts (rootDir ".") to dist/X.js. */
  const sourceOf = (built: string) => built.replace(/^dist\//, "").replace(/\.js$/, ".ts");

  it("starts the web server the way npm start does, from a file the build produces", () => {
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    const command = z.array(z.string()).parse(JSON.parse(cmd ?? "null"));
    expect(command).toEqual(["node", "dist/src/main.js"]);
    expect(packageJson.scripts.start).toBe(command.join(" "));
    expect(existsSync(path(sourceOf("dist/src/main.js")))).toBe(true);
  });

  it("builds on node:22-bookworm-slim, copying what npm ci's postinstall needs first, and runs as node", () => {
    expect(dockerfile.match(/^FROM node:22-bookworm-slim AS \w+$/gm)).toHaveLength(2);
    const beforeCi = dockerfile.slice(0, dockerfile.indexOf("RUN npm ci"));
    for (const needed of ["package-lock.json", "prisma.config.ts", "prisma", "scripts"]) {
      expect(beforeCi, needed).toMatch(new RegExp(`^COPY .*\\b${needed.replace(".", "\\.")}\\b`, "m"));
      expect(existsSync(path(needed)), needed).toBe(true);
    }
    expect(packageJson.scripts.postinstall).toContain("scripts/");
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^EXPOSE 3000$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*\/healthz/m);
    const ignored = read(".dockerignore").split("\n");
    expect(ignored).toEqual(expect.arrayContaining(["node_modules", "dist", ".env", "teams/build"]));
  });

  it("runs PostgreSQL, Redis, web and worker from one image", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["postgres", "redis", "web", "worker"]);
    expect(compose).not.toHaveProperty("version");
    const web = service("web");
    const worker = service("worker");
    expect(web.build).toBe(".");
    expect(worker.build).toBe(".");
    expect(worker.image).toBe(web.image);
    expect(web.ports).toEqual(["3000:3000"]);
    expect(worker.ports).toBeUndefined();
    for (const s of [web, worker]) {
      expect(s.environment).toMatchObject({
        DATABASE_URL: "postgresql://kurs:kurs@postgres:5432/kurs",
        REDIS_URL: "redis://redis:6379",
      });
      expect(s.depends_on).toEqual({
        postgres: { condition: "service_healthy" },
        redis: { condition: "service_healthy" },
      });
    }
    expect(service("postgres").image).toBe("postgres:17");
    expect(service("redis").command).toEqual(
      expect.arrayContaining(["--maxmemory-policy", "noeviction", "--appendonly", "yes"]),
    );
  });

  it("starts the worker the way npm run worker does", () => {
    const worker = service("worker");
    expect(worker.command).toEqual(["node", "dist/jobs/worker.js"]);
    expect(packageJson.scripts.worker).toBe("node dist/jobs/worker.js");
    expect(existsSync(path(sourceOf("dist/jobs/worker.js")))).toBe(true);
    // No HTTP server in the worker, so the image's /healthz check must not mark it unhealthy.
    expect(worker.healthcheck?.disable).toBe(true);
  });
});

interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
}

/** Reads a ZIP through its central directory, checking every entry's size and CRC. */
function readZip(zip: Buffer): ZipEntry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("no end of central directory record");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry at ${at}`);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressedSize);
    const data = method === 8 ? inflateRawSync(raw) : method === 0 ? raw : undefined;
    if (!data) throw new Error(`${name}: unsupported compression method ${method}`);
    if (data.length !== size || crc32(data) !== crc) throw new Error(`${name}: size or CRC mismatch`);
    entries.push({ name, data });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Decodes an 8-bit RGBA, non-interlaced PNG (what scripts/make-teams-icons.mjs writes), all five filters. */
function readPng(file: string): { width: number; height: number; rgba: Buffer } {
  const png = readFileSync(file);
  if (png.subarray(0, 8).toString("hex") !== "89504e470d0a1a0a") throw new Error(`${file} is not a PNG`);
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString("ascii", at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [bitDepth, colorType, , , interlace] = data.subarray(8, 13);
      if (bitDepth !== 8 || colorType !== 6 || interlace !== 0) {
        throw new Error(
          `${file}: expected 8-bit RGBA without interlacing (regenerate with scripts/make-teams-icons.mjs)`,
        );
      }
    } else if (type === "IDAT") idat.push(data);
    at += 12 + length;
  }
  const filtered = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = filtered[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = filtered[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= 4 ? (rgba[y * stride + x - 4] ?? 0) : 0;
      const b = y > 0 ? (rgba[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= 4 && y > 0 ? (rgba[(y - 1) * stride + x - 4] ?? 0) : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter ?? 0];
      if (predictor === undefined) throw new Error(`${file}: bad filter type ${filter}`);
      rgba[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, rgba };
}
