import type { WebClient } from "@slack/web-api";
import type { Directory } from "../../core/ports.js";

/** Finds Slack users by e-mail. The WebClient waits out 429 + Retry-After itself, so a large import slows down, never fails. */
export class SlackDirectory implements Directory {
  readonly platform = "slack" as const;

  constructor(private readonly client: WebClient) {}

  async lookupByEmail(email: string): Promise<string | null> {
    try {
      const response = await this.client.users.lookupByEmail({ email });
      return response.user?.id ?? null;
    } catch (err) {
      // users_not_found is an answer, not a failure: the person has no Slack account (yet).
      if (isSlackError(err, "users_not_found")) return null;
      throw err;
    }
  }
}

function isSlackError(err: unknown, code: string): boolean {
  return (
    typeof err === "object" &&
    err !== null &&
    "data" in err &&
    typeof err.data === "object" &&
    err.data !== null &&
    "error" in err.data &&
    err.data.error === code
  );
}
