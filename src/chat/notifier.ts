import type { TeamsAdapter } from "@microsoft/teams-ai";
import { ErrorCode, type WebClient } from "@slack/web-api";
import {
  CardFactory,
  type ConversationParameters,
  type ConversationReference,
  MessageFactory,
  TurnContext,
} from "botbuilder";
import type { Locale, Platform } from "../core/org/types.js";
import type { DeliveryFile } from "../core/ports.js";
import type { Card } from "../core/ui/card.js";
import type { TeamsConversationRepository } from "../db/teams-conversation-repository.js";
import { type ChatSender, type DeliveryRecipient, RateLimitedError, type SendResult } from "../delivery/types.js";
import type { Logger } from "../logger.js";
import { renderText } from "./console/render-text.js";
import { renderOptionsFor } from "./render-options-for.js";
import { renderBlockKit } from "./slack/render-block-kit.js";
import { fileConsentAttachment } from "./teams/file-consent.js";
import { renderAdaptiveCard } from "./teams/render-adaptive-card.js";

export interface NotifierDeps {
  /**
   * For the outbox, a client made with `rejectRateLimitedCalls: true`: a 429 comes back as an error
   * with Retry-After, and the outbox waits it out with the job delayed instead of a worker blocked.
   */
  readonly slack?: WebClient;
  readonly teams?: {
    readonly adapter: TeamsAdapter;
    readonly appId: string;
    readonly conversations: TeamsConversationRepository;
    /** Where to open a 1:1 chat when the tenant has no stored conversation yet (TEAMS_SERVICE_URL). */
    readonly defaultServiceUrl: string;
  };
  readonly log: Logger;
}

/** Slack answers that mean "this person cannot get a DM from us", not "try again later". */
const SLACK_UNREACHABLE = new Set([
  "user_not_found",
  "users_not_found",
  "channel_not_found",
  "account_inactive",
  "user_disabled",
  "cannot_dm_bot",
  "is_archived",
  "not_in_channel",
  "user_not_visible",
  "restricted_action",
]);

/** Teams' throttling and transient answers; retried with backoff (429 honours Retry-After). */
const TEAMS_RETRY_STATUS = new Set([412, 429, 500, 502, 503, 504]);

function httpStatus(err: unknown): number | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const status = Reflect.get(err, "statusCode") ?? Reflect.get(err, "status");
  return typeof status === "number" ? status : undefined;
}

function retryAfterMs(err: unknown, fallbackMs: number): number {
  const response = typeof err === "object" && err !== null ? Reflect.get(err, "response") : undefined;
  const headers = typeof response === "object" && response !== null ? Reflect.get(response, "headers") : undefined;
  const get = typeof headers === "object" && headers !== null ? Reflect.get(headers, "get") : undefined;
  const raw = typeof get === "function" ? (get.call(headers, "retry-after") as unknown) : undefined;
  const seconds = typeof raw === "string" ? Number(raw) : Number.NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : fallbackMs;
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 300);
}

/**
 * The outbox's transport: one Card to one person's direct chat on exactly one platform. It never
 * waits out a rate limit itself (the outbox delays the job instead) and tells "cannot reach this
 * person" (unreachable, with the reason) apart from "try again later" (thrown).
 */
export class ChatNotifier implements ChatSender {
  constructor(private readonly deps: NotifierDeps) {}

  /** The outbox's send: exactly one platform, so a retry never repeats the other one. */
  async send(
    tenantId: string,
    platform: Platform,
    recipient: DeliveryRecipient,
    card: Card,
    locale: Locale,
    files: readonly DeliveryFile[] = [],
  ): Promise<SendResult> {
    return platform === "slack"
      ? this.sendSlack(recipient, card, locale, files)
      : this.sendTeams(tenantId, recipient, card, locale, files);
  }

  /**
   * A channel message (the KPI digest): Slack posts to the channel id; Teams continues the channel's
   * conversation through the tenant's service URL (Kurs must be installed in the team).
   */
  async sendToChannel(
    tenantId: string,
    platform: Platform,
    channel: string,
    card: Card,
    locale: Locale,
  ): Promise<SendResult> {
    if (platform === "slack") return this.postSlack(channel, card, locale, []);
    const teams = this.deps.teams;
    if (!teams) return { kind: "unreachable", reason: "Teams is not configured" };
    const target = await teams.conversations.tenantTarget(tenantId);
    const opts = renderOptionsFor(locale);
    const json = { ...renderAdaptiveCard(card, opts), fallbackText: renderText(card, opts) };
    const message = MessageFactory.attachment(CardFactory.adaptiveCard(json));
    message.summary = card.summary;
    const reference: Partial<ConversationReference> = {
      channelId: "msteams",
      serviceUrl: target.serviceUrl ?? teams.defaultServiceUrl,
      conversation: { id: channel, isGroup: true, conversationType: "channel", name: "" },
      bot: { id: teams.appId, name: "Kurs" },
    };
    let sent: { channel: string; messageId: string } | undefined;
    const failures: unknown[] = [];
    try {
      await teams.adapter.continueConversationAsync(teams.appId, reference, async (context) => {
        try {
          const response = await context.sendActivity(message);
          sent = { channel, messageId: response?.id ?? "" };
        } catch (error) {
          failures.push(error);
        }
      });
      if (failures.length > 0) throw failures[0];
    } catch (err) {
      const status = httpStatus(err);
      if (status === 429) throw new RateLimitedError("teams", retryAfterMs(err, 5_000), { cause: err });
      if (status !== undefined && !TEAMS_RETRY_STATUS.has(status) && status >= 400 && status < 500) {
        return { kind: "unreachable", reason: `Teams: HTTP ${status}: ${errorText(err)}` };
      }
      throw err;
    }
    return sent ? { kind: "sent", ...sent } : { kind: "unreachable", reason: "Teams accepted no message" };
  }

  private async sendSlack(
    recipient: DeliveryRecipient,
    card: Card,
    locale: Locale,
    files: readonly DeliveryFile[],
  ): Promise<SendResult> {
    if (!recipient.slackUserId) return { kind: "unreachable", reason: "no Slack account linked" };
    return this.postSlack(recipient.slackUserId, card, locale, files);
  }

  private async postSlack(to: string, card: Card, locale: Locale, files: readonly DeliveryFile[]): Promise<SendResult> {
    const slack = this.deps.slack;
    if (!slack) return { kind: "unreachable", reason: "Slack is not configured" };
    let first: { channel: string; messageId: string } | undefined;
    try {
      for (const message of renderBlockKit(card, renderOptionsFor(locale))) {
        const result = await slack.chat.postMessage({
          channel: to,
          text: message.text,
          blocks: message.blocks,
        });
        first ??= { channel: result.channel ?? to, messageId: result.ts ?? "" };
      }
      // Files go into the DM channel the message opened (files.uploadV2: getUploadURLExternal, the
      // upload, completeUploadExternal). A failure here retries the whole row, message included: a
      // repeated message is chosen over an invitation that never arrives.
      const channel = first?.channel;
      for (const file of channel ? files : []) {
        await slack.files.uploadV2({
          channel_id: channel,
          file: Buffer.from(file.content, "utf8"),
          filename: file.filename,
          title: file.filename,
        });
      }
    } catch (err) {
      const code = typeof err === "object" && err !== null ? Reflect.get(err, "code") : undefined;
      if (code === ErrorCode.RateLimitedError) {
        const seconds = Reflect.get(err as object, "retryAfter");
        throw new RateLimitedError("slack", (typeof seconds === "number" ? seconds : 1) * 1000, { cause: err });
      }
      if (code === ErrorCode.PlatformError) {
        const data = Reflect.get(err as object, "data");
        const error = typeof data === "object" && data !== null ? Reflect.get(data, "error") : undefined;
        if (typeof error === "string" && SLACK_UNREACHABLE.has(error)) {
          return { kind: "unreachable", reason: `Slack: ${error}` };
        }
      }
      throw err;
    }
    return first ? { kind: "sent", ...first } : { kind: "unreachable", reason: "nothing to send" };
  }

  private async sendTeams(
    tenantId: string,
    recipient: DeliveryRecipient,
    card: Card,
    locale: Locale,
    files: readonly DeliveryFile[],
  ): Promise<SendResult> {
    const teams = this.deps.teams;
    if (!teams) return { kind: "unreachable", reason: "Teams is not configured" };
    if (!recipient.teamsAadObjectId) return { kind: "unreachable", reason: "no Teams account linked" };
    const opts = renderOptionsFor(locale);
    const json = { ...renderAdaptiveCard(card, opts), fallbackText: renderText(card, opts) };
    const message = MessageFactory.attachment(CardFactory.adaptiveCard(json));
    message.summary = card.summary;
    // A bot cannot attach a file in Teams: it offers it with a consent card and uploads it to the
    // person's OneDrive once they accept (handlers/teams, fileConsent/invoke).
    if (files.length > 0) message.attachments = [...(message.attachments ?? []), ...files.map(fileConsentAttachment)];
    let sent: { channel: string; messageId: string } | undefined;
    // The adapter hands errors inside a turn to onTurnError, which only logs: catch them here and
    // rethrow after the turn, so a 403, 404, 429 or 5xx is classified instead of lost.
    const failures: unknown[] = [];
    const post = async (context: TurnContext) => {
      try {
        const response = await context.sendActivity(message);
        sent = { channel: context.activity.conversation?.id ?? "", messageId: response?.id ?? "" };
      } catch (error) {
        failures.push(error);
      }
    };
    const turn = async <T>(run: () => Promise<T>): Promise<T> => {
      failures.length = 0;
      const result = await run();
      if (failures.length > 0) throw failures[0];
      return result;
    };
    const reference = await teams.conversations.get(tenantId, recipient.id);
    const aadObjectId = recipient.teamsAadObjectId;
    const create = () => turn(() => this.createTeamsConversation(tenantId, recipient.id, aadObjectId, post));
    try {
      if (reference) {
        try {
          await turn(() => teams.adapter.continueConversationAsync(teams.appId, reference, post));
        } catch (err) {
          // The stored chat is gone (e.g. the app was reinstalled): open a new one once.
          const status = httpStatus(err);
          if (status !== 403 && status !== 404) throw err;
          const created = await create();
          if (created) return created;
        }
      } else {
        const created = await create();
        if (created) return created;
      }
    } catch (err) {
      const status = httpStatus(err);
      if (status === 429) throw new RateLimitedError("teams", retryAfterMs(err, 5_000), { cause: err });
      if (status !== undefined && !TEAMS_RETRY_STATUS.has(status) && status >= 400 && status < 500) {
        // 403: the app is not installed for the person (or was removed); 404: conversation gone.
        return { kind: "unreachable", reason: `Teams: HTTP ${status}: ${errorText(err)}` };
      }
      throw err;
    }
    return sent ? { kind: "sent", ...sent } : { kind: "unreachable", reason: "Teams accepted no message" };
  }

  /**
   * Opens the 1:1 chat through the Bot Connector (POST {serviceUrl}/v3/conversations) for someone who
   * never wrote to Kurs: works when the app is installed for them (e.g. org-wide by an app setup
   * policy). The new conversation's reference is stored, so later messages continue it.
   * Returns a SendResult only when it cannot even try.
   */
  private async createTeamsConversation(
    tenantId: string,
    personId: string,
    aadObjectId: string,
    post: (context: TurnContext) => Promise<void>,
  ): Promise<SendResult | undefined> {
    const teams = this.deps.teams;
    if (!teams) return { kind: "unreachable", reason: "Teams is not configured" };
    const target = await teams.conversations.tenantTarget(tenantId);
    if (!target.teamsTenantId) {
      return {
        kind: "unreachable",
        reason: "Teams: the Teams tenant id of this Kurs tenant is unknown (kurs tenant --teams-tenant-id)",
      };
    }
    const teamsTenantId = target.teamsTenantId;
    const parameters = {
      isGroup: false,
      bot: { id: teams.appId, name: "Kurs" },
      members: [{ id: aadObjectId, name: "" }],
      tenantId: teamsTenantId,
      channelData: { tenant: { id: teamsTenantId } },
    } as ConversationParameters;
    await teams.adapter.createConversationAsync(
      teams.appId,
      "msteams",
      target.serviceUrl ?? teams.defaultServiceUrl,
      "https://api.botframework.com",
      parameters,
      async (context) => {
        const reference: Partial<ConversationReference> = TurnContext.getConversationReference(context.activity);
        await teams.conversations.save(tenantId, personId, reference);
        await post(context);
      },
    );
    return undefined;
  }
}
