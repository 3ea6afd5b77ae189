import { createHmac } from "node:crypto";

/** Signs a body exactly as Slack does: v0=HMAC-SHA256(secret, "v0:{timestamp}:{body}"). */
export function slackHeaders(
  secret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return {
    "content-type": "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": signature,
  };
}

export interface SlashCommandInput {
  readonly command: string;
  readonly text?: string;
  readonly teamId: string;
  readonly userId: string;
  readonly responseUrl: string;
  readonly enterpriseId?: string;
  /** C0TEST unless given; a D… id is a direct message with the bot. */
  readonly channelId?: string;
}

/** The form body Slack posts for a slash command. */
export function slashCommandBody(input: SlashCommandInput): string {
  const params = new URLSearchParams({
    token: "deprecated-verification-token",
    team_id: input.teamId,
    team_domain: "test",
    channel_id: input.channelId ?? "C0TEST",
    channel_name: "general",
    user_id: input.userId,
    user_name: "tester",
    command: input.command,
    text: input.text ?? "",
    api_app_id: "A0KURS",
    is_enterprise_install: "false",
    response_url: input.responseUrl,
    trigger_id: `${Date.now()}.trigger`,
  });
  if (input.enterpriseId) params.set("enterprise_id", input.enterpriseId);
  return params.toString();
}

export async function postSlashCommand(
  baseUrl: string,
  secret: string,
  input: SlashCommandInput,
  options: { timestamp?: number; signatureSecret?: string } = {},
): Promise<Response> {
  const body = slashCommandBody(input);
  return fetch(`${baseUrl}/slack/events`, {
    method: "POST",
    headers: slackHeaders(options.signatureSecret ?? secret, body, options.timestamp),
    body,
  });
}
