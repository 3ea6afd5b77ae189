import type { WebClient } from "@slack/web-api";

interface Entry {
  readonly locale: string | undefined;
  readonly email: string | null;
  readonly expires: number;
}

/**
 * users.info (locale and e-mail) cached per workspace user: the locale is needed on every
 * command, and Slack's users.info is Tier 4 (100+/min) but not free. An hour is short enough
 * for a changed Slack language to show up the same day.
 */
export class SlackUserInfoCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly client: WebClient,
    private readonly ttlMs = 60 * 60 * 1000,
    private readonly maxEntries = 10_000,
  ) {}

  async get(teamId: string, userId: string): Promise<Entry> {
    const key = `${teamId}:${userId}`;
    const cached = this.entries.get(key);
    if (cached && cached.expires > Date.now()) return cached;
    const response = await this.client.users.info({ user: userId, include_locale: true });
    const entry: Entry = {
      locale: response.user?.locale,
      email: response.user?.profile?.email ?? null,
      expires: Date.now() + this.ttlMs,
    };
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, entry);
    return entry;
  }
}
