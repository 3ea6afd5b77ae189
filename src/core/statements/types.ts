/** Field limits of a statement and a comment; Slack's text input allows at most 3,000 characters. */
export const STATEMENT_LIMITS = { title: 150, body: 3000, comment: 2000 } as const;

export interface StatementView {
  readonly id: string;
  readonly tenantId: string;
  /** All versions of one statement share the series id; version counts up from 1. */
  readonly seriesId: string;
  readonly version: number;
  readonly titleDe: string;
  readonly bodyDe: string;
  readonly titleEn: string | null;
  readonly bodyEn: string | null;
  readonly author: { readonly id: string; readonly name: string };
  readonly publishedAt: Date | null;
  readonly createdAt: Date;
}

export interface NewStatement {
  readonly tenantId: string;
  /** Set for a revision: the new row becomes the next version of this series. */
  readonly seriesId: string | null;
  readonly titleDe: string;
  readonly bodyDe: string;
  readonly titleEn: string | null;
  readonly bodyEn: string | null;
  readonly authorId: string;
  readonly publishedAt: Date;
}

export interface StatementCommentView {
  readonly id: string;
  readonly tenantId: string;
  readonly statementId: string;
  readonly person: { readonly id: string; readonly name: string };
  readonly text: string;
  readonly createdAt: Date;
}

export interface NewStatementComment {
  readonly tenantId: string;
  readonly statementId: string;
  readonly personId: string;
  readonly text: string;
  readonly at: Date;
}

/** Who was reached with a statement and who acknowledged it, as person ids. */
export interface AckTally {
  readonly delivered: readonly string[];
  readonly acknowledged: readonly string[];
  /** People the statement reached on no platform, with why (e.g. the Teams app is not installed for them). */
  readonly unreachable: readonly { readonly personId: string; readonly reason: string }[];
  /** Deliveries not sent yet (e.g. while the queue or a platform is down); they go out later. */
  readonly waiting: number;
}
