import { type ChatUser, type IdentifyDeps, identify, type Requester, type TenantKey } from "../org/identify.js";
import type { Locale } from "../org/types.js";
import type { Card } from "../ui/card.js";
import { COMMANDS, type CommandName, isCommandName } from "./commands.js";
import { helpCard, notAvailableCard, tenantNotSetUpCard, unknownCommandCard } from "./help.js";

export interface CommandRequest {
  readonly tenantKey: TenantKey;
  readonly user: ChatUser;
  readonly command: CommandName;
  /** Everything after the command word, as typed. */
  readonly args: string;
}

export interface CommandResponse {
  readonly card: Card;
  readonly locale: Locale;
  readonly requester: Requester;
}

const HELP_WORDS = new Set(["", "help", "hilfe", "?"]);

/** The one entry point for chat commands on every platform: identify, authorise, answer with a Card. */
export async function runCommand(deps: IdentifyDeps, request: CommandRequest): Promise<CommandResponse> {
  const requester = await identify(deps, request.tenantKey, request.user);
  const { tenant, person, t, locale } = requester;
  if (!tenant) return { card: tenantNotSetUpCard(t), locale, requester };
  const ctx = { t, tenant, person, platform: request.user.platform };

  if (request.command !== "kurs") {
    const info = COMMANDS.find((c) => c.name === request.command);
    return { card: info?.available ? helpCard(ctx) : notAvailableCard(ctx, request.command), locale, requester };
  }

  const word = request.args.trim().split(/\s+/, 1)[0]?.toLowerCase() ?? "";
  if (HELP_WORDS.has(word)) return { card: helpCard(ctx), locale, requester };
  if (isCommandName(word))
    return runCommand(deps, { ...request, command: word, args: request.args.trim().slice(word.length) });
  return { card: unknownCommandCard(ctx, request.args.trim().slice(0, 50)), locale, requester };
}
