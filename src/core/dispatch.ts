import {
  type ActionReply,
  type CommandDecl,
  FollowUpFailed,
  type FormDecl,
  type FormOutcome,
  type HandlerContext,
  type SavedOutcome,
} from "./feature.js";
import { registry as defaultRegistry, type Registry } from "./features.js";
import { COMMAND_NAMES, type CommandName, commandForWord } from "./programme/commands.js";
import {
  type CommandCatalog,
  type HelpContext,
  helpCard,
  notAvailableCard,
  tenantNotSetUpCard,
  unknownCommandCard,
} from "./programme/help.js";
import type { Card, FormValues } from "./ui/card.js";
import type { Translate } from "./ui/i18n/index.js";
import type { Reply } from "./ui/reply.js";

/**
 * The one way into the features for every transport: Slack, Teams (and the CLI's help) route
 * commands, buttons and form submits through here, so they answer alike on every platform.
 */

export type Problem = "unknown-action" | "bad-payload" | "unknown-form" | "duplicate";

/** An answer, and what was wrong with the request if anything: adapters log it as a warning. */
export interface Dispatched<R> {
  readonly reply: R;
  readonly problem?: Problem;
}

const textCard = (text: string): Card => ({ summary: text, blocks: [{ type: "text", text }] });
const outdated = (t: Translate): Card => textCard(t("errors.outdated"));

// ---------------------------------------------------------------------------------------------
// Commands

export interface CommandInput {
  /** The slash command (Slack); absent when the first word of the text names it (Teams). */
  readonly command?: CommandName;
  readonly text: string;
}

export type Route =
  | { readonly kind: "help" }
  | { readonly kind: "run"; readonly decl: CommandDecl; readonly args: string }
  | { readonly kind: "not-available"; readonly command: CommandName }
  | { readonly kind: "unknown"; readonly text: string };

const HELP_WORDS: ReadonlySet<string> = new Set(["", "help", "hilfe", "?"]);

/** The first word and everything after it, as typed (quotes and line breaks kept). */
function splitFirst(text: string): [string, string] {
  const trimmed = text.trim();
  const match = /^(\S*)\s*([\s\S]*)$/.exec(trimmed);
  return [match?.[1] ?? "", match?.[2] ?? ""];
}

/**
 * Routes what a person typed: `/goals add` on Slack, `ziele add` on Teams, and `/kurs goals add`
 * (or `kurs ziele add`) everywhere all reach the same declaration.
 */
export function routeCommand(reg: Registry, input: CommandInput): Route {
  let command = input.command;
  let rest = input.text.trim();
  if (!command) {
    const [first, after] = splitFirst(rest);
    command = commandForWord(first.replace(/^\//, ""));
    if (!command) return { kind: "unknown", text: rest };
    rest = after;
  }
  if (command === "kurs") {
    const [next, after] = splitFirst(rest);
    const word = next.toLowerCase();
    if (HELP_WORDS.has(word)) return { kind: "help" };
    const sub = reg.commands.find((c) => c.command === "kurs" && c.sub?.includes(word));
    if (sub) return { kind: "run", decl: sub, args: after };
    const nested = commandForWord(word);
    if (nested && nested !== "kurs") return routeCommand(reg, { command: nested, text: after });
    return { kind: "unknown", text: rest };
  }
  const decl = reg.commands.find((c) => c.command === command && !c.sub);
  return decl ? { kind: "run", decl, args: rest } : { kind: "not-available", command };
}

export function commandCatalog(reg: Registry): CommandCatalog {
  const available = new Set<CommandName>(["kurs"]);
  for (const c of reg.commands) if (!c.sub) available.add(c.command);
  return {
    available: new Set(COMMAND_NAMES.filter((name) => available.has(name))),
    subs: reg.commands.filter((c) => c.sub),
  };
}

export async function dispatchCommand(
  ctx: HandlerContext,
  input: CommandInput,
  reg: Registry = defaultRegistry,
): Promise<Reply> {
  const { tenant, person, t } = ctx.requester;
  if (!tenant) return { kind: "card", card: tenantNotSetUpCard(t, ctx.requester.unbound) };
  const help: HelpContext = { t, tenant, person, platform: ctx.platform, catalog: commandCatalog(reg) };
  const route = routeCommand(reg, input);
  switch (route.kind) {
    case "help":
      return { kind: "card", card: helpCard(help) };
    case "run":
      return route.decl.run(ctx, route.args);
    case "not-available":
      return { kind: "card", card: notAvailableCard(help, route.command) };
    case "unknown":
      return { kind: "card", card: unknownCommandCard(help, route.text.slice(0, 50)) };
  }
}

// ---------------------------------------------------------------------------------------------
// Buttons

/**
 * A button click: the id finds the declaration, the payload is parsed with its schema. An unknown
 * id or a payload that does not parse (an old message, a forged request) gets a clear card.
 */
export async function dispatchAction(
  ctx: HandlerContext,
  id: string,
  payload: unknown,
  reg: Registry = defaultRegistry,
): Promise<Dispatched<ActionReply>> {
  const { tenant, t } = ctx.requester;
  const decl = reg.action(id);
  if (!decl) return { reply: { kind: "card", card: outdated(t) }, problem: "unknown-action" };
  if (!tenant) return { reply: { kind: "card", card: tenantNotSetUpCard(t, ctx.requester.unbound) } };
  const parsed = decl.ref.schema.safeParse(payload ?? {});
  if (!parsed.success) return { reply: { kind: "card", card: outdated(t) }, problem: "bad-payload" };
  return { reply: await decl.run(ctx, parsed.data) };
}

// ---------------------------------------------------------------------------------------------
// Forms

export type FormReply = FormOutcome | { readonly kind: "duplicate"; readonly card: Card };

export interface DispatchedForm extends Dispatched<FormReply> {
  readonly decl?: FormDecl;
}

/**
 * A form submit. `submissionKey` names the submitted form instance (Slack's view id, the nonce of a
 * Teams form card): it is claimed before the save and given back when nothing was saved, so a
 * retried or double-clicked submit saves once.
 */
export async function dispatchForm(
  ctx: HandlerContext,
  input: {
    readonly id: string;
    readonly submissionKey: string | undefined;
    readonly metadata: string;
    readonly values: FormValues;
  },
  reg: Registry = defaultRegistry,
): Promise<DispatchedForm> {
  const { tenant, t } = ctx.requester;
  const decl = reg.form(input.id);
  if (!decl) return { reply: { kind: "refused", card: outdated(t) }, problem: "unknown-form" };
  if (!tenant) return { reply: { kind: "refused", card: tenantNotSetUpCard(t, ctx.requester.unbound) } };
  // Per person: a double click by one person is the repeat to catch; someone else replaying the same
  // form (a forwarded card) is a submit of their own and meets the feature's permission checks.
  const who = ctx.requester.person?.id ?? "anonymous";
  const key = input.submissionKey ? `${input.id}:${who}:${input.submissionKey}`.slice(0, 300) : undefined;
  const submissions = ctx.services.submissions;
  if (key && !(await submissions.claim(tenant.id, key, ctx.services.clock.now()))) {
    return { reply: { kind: "duplicate", card: textCard(t("errors.alreadySaved")) }, problem: "duplicate", decl };
  }
  let outcome: FormOutcome;
  try {
    outcome = await decl.submit(ctx, input.metadata, input.values);
  } catch (err) {
    if (key) await submissions.release(tenant.id, key);
    throw err;
  }
  if (key && outcome.kind !== "saved") await submissions.release(tenant.id, key);
  return { reply: outcome, decl };
}

/**
 * The follow-up of a saved form (`after`). Returns the card to confirm with and, when the follow-up
 * failed, the error for the adapter to log; the save itself stands either way.
 */
export async function followUp(
  ctx: HandlerContext,
  decl: FormDecl,
  saved: SavedOutcome,
): Promise<{ readonly confirm: Card; readonly error?: unknown }> {
  if (!decl.after) return { confirm: saved.card };
  try {
    await decl.after(ctx, saved);
    return { confirm: saved.card };
  } catch (err) {
    return { confirm: err instanceof FollowUpFailed ? err.card : saved.card, error: err };
  }
}
