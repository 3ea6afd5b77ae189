import type { CommandDecl } from "../feature.js";
import type { TenantKey } from "../org/identify.js";
import { highestRole, type PersonProfile, type Platform, type TenantInfo } from "../org/types.js";
import type { Block, Card } from "../ui/card.js";
import type { Translate } from "../ui/i18n/index.js";
import { escapeMarkup } from "../ui/markup.js";
import { COMMAND_DESCRIPTIONS, COMMAND_NAMES, type CommandName } from "./commands.js";

export interface HelpContext {
  readonly t: Translate;
  readonly tenant: TenantInfo;
  readonly person: PersonProfile | null;
  readonly platform: Platform;
  /** What the feature registry offers: the working top-level commands and the `/kurs` sub-commands. */
  readonly catalog: CommandCatalog;
}

export interface CommandCatalog {
  readonly available: ReadonlySet<CommandName>;
  readonly subs: readonly CommandDecl[];
}

function commandLabel(name: CommandName, platform: Platform): string {
  return platform === "slack" ? `/${name}` : name;
}

function commandList(ctx: HelpContext): Block[] {
  const { t, platform, catalog } = ctx;
  const available = COMMAND_NAMES.filter((name) => catalog.available.has(name));
  const coming = COMMAND_NAMES.filter((name) => !catalog.available.has(name));
  const items = available.map((name) => `**${commandLabel(name, platform)}** – ${t(COMMAND_DESCRIPTIONS[name])}`);
  // Role-specific entries: only the people who may use them see them.
  const role = highestRole(ctx.person);
  for (const sub of catalog.subs) {
    if (sub.roles && !(ctx.person && sub.roles.includes(role))) continue;
    items.push(`**${commandLabel(sub.command, platform)} ${sub.sub?.[0] ?? ""}** – ${t(sub.description)}`);
  }
  const blocks: Block[] = [{ type: "list", items }];
  if (coming.length > 0) {
    blocks.push({
      type: "context",
      text: t("help.comingSoon", { commands: coming.map((name) => commandLabel(name, platform)).join(", ") }),
    });
  }
  return blocks;
}

/** `/kurs`: what this person can do, and where they sit in the organisation. */
export function helpCard(ctx: HelpContext): Card {
  const { t, person, tenant } = ctx;
  const blocks: Block[] = [
    { type: "header", text: t("help.header") },
    {
      type: "text",
      text: person ? t("help.greeting", { name: escapeMarkup(person.name) }) : t("help.greetingAnonymous"),
    },
    ...commandList(ctx),
    { type: "divider" },
  ];
  if (person) {
    const primary = person.roles[0];
    blocks.push(
      { type: "text", text: `**${t("help.placeHeader")}**` },
      {
        type: "fields",
        fields: [
          { label: t("help.unit"), value: primary ? primary.unit.path : t("common.none") },
          { label: t("help.role"), value: primary ? t(`roles.${primary.role}`) : t("common.none") },
          { label: t("help.manager"), value: person.manager ? person.manager.name : t("help.noManager") },
        ],
      },
    );
  } else {
    blocks.push({ type: "text", text: t("help.notInOrg", { tenant: escapeMarkup(tenant.name) }) });
  }
  if (ctx.platform === "teams") blocks.push({ type: "context", text: t("help.footer") });
  return { summary: t("help.summary", { name: person?.name ?? tenant.name }), blocks };
}

export function unknownCommandCard(ctx: HelpContext, command: string): Card {
  const { t } = ctx;
  return {
    summary: t("unknownCommand.summary", { command }),
    blocks: [{ type: "text", text: t("unknownCommand.text", { command: escapeMarkup(command) }) }, ...commandList(ctx)],
  };
}

export function notAvailableCard(ctx: HelpContext, command: CommandName): Card {
  const { t } = ctx;
  const label = commandLabel(command, ctx.platform);
  return {
    summary: t("notAvailable.summary", { command: label }),
    blocks: [{ type: "text", text: t("notAvailable.text", { command: label }) }, ...commandList(ctx)],
  };
}

/**
 * "Not connected": names the workspace or Teams tenant id the request came from and the one command
 * that binds it. Importing the org would not help here: it imports into a tenant, and no tenant is
 * bound to this workspace (a MultiTenant Teams app has no MICROSOFT_APP_TENANT_ID to bind at start).
 */
export function tenantNotSetUpCard(t: Translate, seen?: TenantKey): Card {
  const text =
    seen?.kind === "teams"
      ? t("tenant.notConnectedTeams", { id: escapeMarkup(seen.tenantId) })
      : seen?.kind === "slack"
        ? t("tenant.notConnectedSlack", { id: escapeMarkup(seen.teamId) })
        : t("tenant.notSetUp");
  return { summary: t("tenant.notConnectedSummary"), blocks: [{ type: "text", text }] };
}
