import type { SlackCaller } from "./requester.js";

/** The parts of a block_actions or view_submission body that say who clicked, and in which workspace. */
export interface InteractionBody {
  readonly team: { readonly id: string } | null;
  readonly user: { readonly id: string; readonly team_id?: string };
  readonly enterprise?: { readonly id: string };
}

/**
 * Who is behind a button click or a modal submission. In an org-wide Enterprise Grid install Slack
 * sends `team: null`, so the user's own workspace and the enterprise id are what find the tenant.
 */
export function interactionCaller(body: InteractionBody): SlackCaller {
  return {
    teamId: body.user.team_id ?? body.team?.id ?? "",
    enterpriseId: body.enterprise?.id,
    userId: body.user.id,
  };
}
