import { App, ExpressReceiver, LogLevel, type Logger as SlackLogger } from "@slack/bolt";
import type { Application } from "express";
import type { Config } from "../../config.js";
import type { Logger } from "../../logger.js";
import { slackRequestGuard } from "../../web/slack-request-guard.js";

export interface SlackTransport {
  readonly app: App;
  /** Set in HTTP mode; Socket Mode (SLACK_APP_TOKEN) has no receiver on our server. */
  readonly receiver: ExpressReceiver | undefined;
  readonly socketMode: boolean;
}

/** Bolt logs through our pino logger, so Slack's lines carry the same context and format. */
function boltLogger(log: Logger): SlackLogger {
  let level = LogLevel.INFO;
  return {
    debug: (...msg) => log.debug({ slack: msg }, "bolt"),
    info: (...msg) => log.info({ slack: msg }, "bolt"),
    warn: (...msg) => log.warn({ slack: msg }, "bolt"),
    error: (...msg) => log.error({ slack: msg }, "bolt"),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/**
 * HTTP mode mounts Bolt's receiver on our Express app at POST /slack/events, so Slack,
 * Teams and health checks share one port. Socket Mode is for on-prem installs without a public URL.
 */
export function createSlackApp(slack: NonNullable<Config["slack"]>, web: Application, log: Logger): SlackTransport {
  const logger = boltLogger(log);
  const clientOptions = slack.apiUrl
    ? { slackApiUrl: slack.apiUrl.endsWith("/") ? slack.apiUrl : `${slack.apiUrl}/` }
    : {};
  if (slack.appToken) {
    const app = new App({
      token: slack.botToken,
      appToken: slack.appToken,
      socketMode: true,
      logger,
      clientOptions,
    });
    return { app, receiver: undefined, socketMode: true };
  }
  // Registered before the receiver, so it runs first on the same path.
  web.post("/slack/events", ...slackRequestGuard(slack.signingSecret ?? "", log));
  const receiver = new ExpressReceiver({
    signingSecret: slack.signingSecret ?? "",
    endpoints: "/slack/events",
    app: web,
    logger,
    // Ack first, work after: handlers ack() before any database or Slack API call.
    processBeforeResponse: false,
  });
  const app = new App({ token: slack.botToken, receiver, logger, clientOptions });
  return { app, receiver, socketMode: false };
}
