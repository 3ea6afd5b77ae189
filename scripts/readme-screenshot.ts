/**
 * Renders docs/kurs-help.png for the README: the real /kurs help card, German and English, drawn by
 * Microsoft's own Adaptive Card renderer in headless Chromium. Run: npx tsx scripts/readme-screenshot.ts
 * (needs Debian's chromium).
 */

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderOptionsFor } from "../src/chat/render-options-for.js";
import { renderAdaptiveCard } from "../src/chat/teams/render-adaptive-card.js";
import { commandCatalog } from "../src/core/dispatch.js";
import { registry } from "../src/core/features.js";
import { demoOrganisation } from "../src/core/org/demo.js";
import type { Locale, PersonProfile, TenantInfo } from "../src/core/org/types.js";
import { helpCard } from "../src/core/programme/help.js";
import { translator } from "../src/core/ui/i18n/index.js";
import { PROJECT_ROOT } from "../src/paths.js";

const require = createRequire(import.meta.url);
const people = demoOrganisation();
const member = people.find((p) => p.role === "member");
const lead = people.find((p) => p.email === member?.managerEmail);
if (!member || !lead) throw new Error("demo organisation has no member with a manager");

const tenant: TenantInfo = {
  id: "demo",
  slug: "default",
  name: "Nordlicht IT-Services",
  defaultLocale: "de",
  formality: "sie",
  timezone: "Europe/Berlin",
};
const person: PersonProfile = {
  id: "p",
  tenantId: "demo",
  name: member.name,
  email: member.email,
  locale: "de",
  timezone: "Europe/Berlin",
  slackUserId: null,
  teamsAadObjectId: null,
  roles: [{ role: "member", unit: { id: "u", name: member.unitPath, path: member.unitPath, kind: "team" } }],
  manager: { id: "m", name: lead.name, email: lead.email },
};

const card = (locale: Locale) =>
  renderAdaptiveCard(
    helpCard({ t: translator(locale), tenant, person, platform: "teams", catalog: commandCatalog(registry) }),
    renderOptionsFor(locale),
  );

// Teams renders TextBlock markdown itself; the SDK needs a processor, so this does the subset Kurs emits.
const MARKDOWN = String.raw`
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  const esc = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const inline = (s) => s.replace(/\*\*(.+?)\*\*/g, "<b>$1</b>").replace(/(^|\W)_(.+?)_(?=\W|$)/g, "$1<i>$2</i>")
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '<a href="$2">$1</a>').replace(/\\([\\*_\[\]])/g, "$1");
  const lines = esc.split(/\r|\n/).filter((l) => l !== "");
  const items = lines.filter((l) => l.startsWith("- "));
  result.outputHtml = items.length === lines.length && items.length > 0
    ? "<ul style='margin:0;padding-left:20px'>" + items.map((l) => "<li>" + inline(l.slice(2)) + "</li>").join("") + "</ul>"
    : lines.map(inline).join("<br>");
  result.didProcess = true;
};`;

const sdk = readFileSync(require.resolve("adaptivecards/dist/adaptivecards.min.js"), "utf8");
const html = `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; padding: 24px; background: #f5f5f5; font-family: "Segoe UI", "DejaVu Sans", sans-serif; display: flex; gap: 24px; }
.pane { width: 460px; background: white; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15); padding: 4px 0; }
.label { font-size: 12px; color: #616161; padding: 8px 16px 0; }
</style><script>${sdk}</script></head><body>
<div class="pane"><div class="label">Teams · de-DE · kurs</div><div id="de"></div></div>
<div class="pane"><div class="label">Teams · en-GB · help</div><div id="en"></div></div>
<script>
${MARKDOWN}
for (const [id, json] of [["de", ${JSON.stringify(card("de"))}], ["en", ${JSON.stringify(card("en"))}]]) {
  const c = new AdaptiveCards.AdaptiveCard();
  c.hostConfig = new AdaptiveCards.HostConfig({ fontFamily: "Segoe UI, DejaVu Sans, sans-serif" });
  c.parse(json);
  document.getElementById(id).appendChild(c.render());
}
</script></body></html>`;

const dir = mkdtempSync(join(tmpdir(), "kurs-shot-"));
const page = join(dir, "page.html");
writeFileSync(page, html);
const out = join(PROJECT_ROOT, "docs", "kurs-help.png");
execFileSync("/usr/bin/chromium", [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--hide-scrollbars",
  `--user-data-dir=${join(dir, "profile")}`,
  "--window-size=1000,400",
  `--screenshot=${out}`,
  `file://${page}`,
]);
console.log(`wrote ${out}`);
