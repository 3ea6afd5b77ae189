#!/usr/bin/env node
// `npm run teams:package`: builds the Teams app package (the zip an admin uploads in the Teams
// admin centre or "Upload a custom app") from teams/, filling in this install's bot id and host.
// Pure Node on purpose: CI and operators need no zip tool and no extra dependency.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { crc32, deflateRawSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const teamsDir = join(root, "teams");
const DEFAULT_OUT = join(teamsDir, "build", "kurs-teams-app.zip");
const PLACEHOLDER_APP_ID = "00000000-0000-0000-0000-000000000000";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

const USAGE = `Usage: npm run teams:package -- [--out FILE] [--allow-placeholder]

Builds ${DEFAULT_OUT.slice(root.length + 1)} from teams/manifest.json.

Environment:
  MICROSOFT_APP_ID   the Azure bot's app id (a GUID); required
  KURS_PUBLIC_HOST   the host Kurs is reachable at (default kurs.example.com)

Options:
  --out FILE             write the package somewhere else
  --allow-placeholder    build without MICROSOFT_APP_ID (all-zero id: validates, cannot be installed)
  -h, --help             show this help`;

class PackageError extends Error {}

function parseArgs(argv) {
  const options = { out: DEFAULT_OUT, allowPlaceholder: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-h" || arg === "--help") {
      console.log(USAGE);
      process.exit(0);
    } else if (arg === "--allow-placeholder") {
      options.allowPlaceholder = true;
    } else if (arg === "--out" && argv[i + 1]) {
      options.out = resolve(argv[++i]);
    } else if (arg.startsWith("--out=")) {
      options.out = resolve(arg.slice("--out=".length));
    } else {
      throw new PackageError(`unknown argument "${arg}"\n\n${USAGE}`);
    }
  }
  return options;
}

function variables({ allowPlaceholder }) {
  const appId = process.env.MICROSOFT_APP_ID?.trim();
  const host = process.env.KURS_PUBLIC_HOST?.trim() || "kurs.example.com";
  if (!appId && !allowPlaceholder) {
    throw new PackageError(
      "MICROSOFT_APP_ID is not set: it must be the app id of the Azure bot registration (a GUID).\n" +
        "  Set it, e.g. MICROSOFT_APP_ID=… npm run teams:package, or pass --allow-placeholder for a package that only validates.",
    );
  }
  if (appId && !GUID.test(appId)) throw new PackageError(`MICROSOFT_APP_ID must be a GUID (got "${appId}")`);
  if (!HOST.test(host)) {
    throw new PackageError(
      `KURS_PUBLIC_HOST must be a host name like kurs.example.com, without https:// or a path (got "${host}")`,
    );
  }
  if (!appId)
    console.warn(`kurs: MICROSOFT_APP_ID is not set; using ${PLACEHOLDER_APP_ID} (this package cannot be installed)`);
  return { MICROSOFT_APP_ID: appId || PLACEHOLDER_APP_ID, KURS_PUBLIC_HOST: host };
}

/** Replaces ${{NAME}} placeholders; any left over is an error, so no half-filled package ships. */
function substitute(text, vars, file) {
  const out = text.replace(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g, (match, name) => vars[name] ?? match);
  const left = [...new Set(out.match(/\$\{\{[^}]*\}\}/g) ?? [])];
  if (left.length > 0) throw new PackageError(`${file}: no value for ${left.join(", ")}`);
  return out;
}

function readJson(name, text) {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new PackageError(`teams/${name} is not valid JSON: ${err.message}`);
  }
}

/** A file name the manifest references; the package is flat, so it must name a file in teams/. */
function packageFile(name, what) {
  if (typeof name !== "string" || name !== basename(name)) {
    throw new PackageError(
      `teams/manifest.json: ${what} must name a file next to manifest.json (got ${JSON.stringify(name)})`,
    );
  }
  const path = join(teamsDir, name);
  if (!existsSync(path)) throw new PackageError(`teams/${name} (${what}) does not exist`);
  return path;
}

function checkPng(name, data, size) {
  const signature = "89504e470d0a1a0a";
  if (
    data.length < 24 ||
    data.subarray(0, 8).toString("hex") !== signature ||
    data.toString("ascii", 12, 16) !== "IHDR"
  ) {
    throw new PackageError(`teams/${name} is not a PNG file`);
  }
  const width = data.readUInt32BE(16);
  const height = data.readUInt32BE(20);
  if (width !== size || height !== size) {
    throw new PackageError(
      `teams/${name} must be ${size}x${size} pixels (is ${width}x${height}); run node scripts/make-teams-icons.mjs`,
    );
  }
}

/** The limits Teams rejects an upload for, checked here where the message can name the field. */
function checkLimits(manifest) {
  const problems = [];
  const max = (value, limit, field) => {
    if (typeof value !== "string" || value.trim() === "") problems.push(`${field} is missing`);
    else if (value.length > limit) problems.push(`${field} is ${value.length} characters (at most ${limit})`);
  };
  max(manifest.name?.short, 30, "name.short");
  max(manifest.name?.full, 100, "name.full");
  max(manifest.description?.short, 80, "description.short");
  max(manifest.description?.full, 4000, "description.full");
  if (!/^#[0-9a-f]{6}$/i.test(manifest.accentColor ?? "")) problems.push("accentColor must be #RRGGBB");
  (manifest.bots ?? []).forEach((bot, b) => {
    (bot.commandLists ?? []).forEach((list, l) => {
      if ((list.commands ?? []).length > 10) problems.push(`bots[${b}].commandLists[${l}] has more than 10 commands`);
      (list.commands ?? []).forEach((command, c) => {
        max(command.title, 32, `bots[${b}].commandLists[${l}].commands[${c}].title`);
        max(command.description, 128, `bots[${b}].commandLists[${l}].commands[${c}].description`);
      });
    });
  });
  if (problems.length > 0) throw new PackageError(`teams/manifest.json:\n  ${problems.join("\n  ")}`);
}

// A fixed timestamp (1980-01-01, the DOS epoch) keeps the package byte-for-byte reproducible.
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;

/** A minimal ZIP (deflated entries, central directory, no ZIP64): all the Teams uploader needs. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, "utf8");
    const compressed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(8, 8); // method: deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28); // extra field length
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    local.copy(central, 8, 6, 30); // flags .. name length are the same fields in both headers
    // comment length, disk number, internal and external attributes stay 0
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, compressed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const vars = variables(options);
  const manifestPath = join(teamsDir, "manifest.json");
  if (!existsSync(manifestPath)) throw new PackageError("teams/manifest.json does not exist");
  const manifestText = substitute(readFileSync(manifestPath, "utf8"), vars, "teams/manifest.json");
  const manifest = readJson("manifest.json", manifestText);
  checkLimits(manifest);

  const entries = [{ name: "manifest.json", data: Buffer.from(manifestText, "utf8") }];
  const icons = [
    [manifest.icons?.color, "icons.color", 192],
    [manifest.icons?.outline, "icons.outline", 32],
  ];
  for (const [name, what, size] of icons) {
    const data = readFileSync(packageFile(name, what));
    checkPng(name, data, size);
    entries.push({ name, data });
  }
  const info = manifest.localizationInfo ?? {};
  const languageFiles = [
    ...(info.defaultLanguageFile ? [[info.defaultLanguageFile, "localizationInfo.defaultLanguageFile"]] : []),
    ...(info.additionalLanguages ?? []).map((l, i) => [l.file, `localizationInfo.additionalLanguages[${i}].file`]),
  ];
  for (const [name, what] of languageFiles) {
    const text = substitute(readFileSync(packageFile(name, what), "utf8"), vars, `teams/${name}`);
    readJson(name, text);
    entries.push({ name, data: Buffer.from(text, "utf8") });
  }
  const names = entries.map((e) => e.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new PackageError(`teams/manifest.json references ${duplicate} twice`);

  mkdirSync(dirname(options.out), { recursive: true });
  // Write then rename, so an interrupted run never leaves a truncated package behind.
  const partial = `${options.out}.partial`;
  writeFileSync(partial, zip(entries));
  renameSync(partial, options.out);
  const shown = options.out.startsWith(`${root}/`) ? options.out.slice(root.length + 1) : options.out;
  console.log(
    `kurs: wrote ${shown} (${names.join(", ")}) for app ${vars.MICROSOFT_APP_ID} at ${vars.KURS_PUBLIC_HOST}`,
  );
}

try {
  main();
} catch (err) {
  if (!(err instanceof PackageError)) throw err;
  console.error(`kurs teams:package: ${err.message}`);
  process.exit(1);
}
