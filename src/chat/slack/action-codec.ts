import type { ActionId, ActionPayload } from "../../core/ui/card.js";

/** Slack's limits for a block element's action_id and a button's value. */
export const SLACK_ACTION_ID_MAX = 255;
export const SLACK_ACTION_VALUE_MAX = 2000;

// Slack rejects a message or view in which two elements share an action_id, but one card may
// show the same neutral action twice (a "check in" button per goal), so each element gets a
// per-message index after this separator.
const INDEX_SEPARATOR = "#";

export type SlackActionCodecErrorCode = "action-id-too-long" | "value-too-long" | "malformed";

export class SlackActionCodecError extends Error {
  override readonly name = "SlackActionCodecError";
  constructor(
    readonly code: SlackActionCodecErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface EncodedSlackAction {
  readonly action_id: string;
  /** Absent when the action has no payload. */
  readonly value?: string;
}

export interface DecodedSlackAction {
  readonly id: ActionId;
  readonly payload: Record<string, string>;
}

/**
 * Encodes a neutral action as a Slack action_id + value. `index` must be unique within one
 * message or view (the renderers count their elements).
 */
export function encodeSlackAction(
  action: { readonly id: ActionId; readonly payload?: ActionPayload },
  index: number,
): EncodedSlackAction {
  const actionId = `${action.id}${INDEX_SEPARATOR}${index}`;
  if (actionId.length > SLACK_ACTION_ID_MAX) {
    throw new SlackActionCodecError(
      "action-id-too-long",
      `action id "${action.id.slice(0, 40)}…" is ${actionId.length} characters encoded; Slack allows ${SLACK_ACTION_ID_MAX}`,
    );
  }
  const payload = action.payload ?? {};
  if (Object.keys(payload).length === 0) return { action_id: actionId };
  const value = JSON.stringify(payload);
  if (value.length > SLACK_ACTION_VALUE_MAX) {
    throw new SlackActionCodecError(
      "value-too-long",
      `payload of action "${action.id}" is ${value.length} characters as JSON; Slack allows ${SLACK_ACTION_VALUE_MAX}`,
    );
  }
  return { action_id: actionId, value };
}

function isActionId(s: string): s is ActionId {
  const dot = s.indexOf(".");
  return dot > 0 && dot < s.length - 1;
}

/** The neutral id and payload of a Slack block action (button click). */
export function decodeSlackAction(actionId: string, value: string | undefined): DecodedSlackAction {
  const sep = actionId.lastIndexOf(INDEX_SEPARATOR);
  const id = sep !== -1 && /^\d+$/.test(actionId.slice(sep + 1)) ? actionId.slice(0, sep) : actionId;
  if (!isActionId(id)) {
    throw new SlackActionCodecError("malformed", `"${actionId.slice(0, 80)}" is not a Kurs action id`);
  }
  if (value === undefined || value === "") return { id, payload: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new SlackActionCodecError("malformed", `value of action "${id}" is not JSON`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new SlackActionCodecError("malformed", `value of action "${id}" is not a JSON object`);
  }
  const entries: [string, string][] = [];
  for (const [key, v] of Object.entries(parsed)) {
    if (typeof v !== "string") {
      throw new SlackActionCodecError("malformed", `payload field "${key}" of action "${id}" is not a string`);
    }
    entries.push([key, v]);
  }
  // fromEntries defines own properties, so a "__proto__" key in a forged value stays a plain key.
  return { id, payload: Object.fromEntries(entries) };
}

/** Matches every encoding of one neutral id, for Bolt's `app.action(slackActionIdPattern("goals.checkin"), …)`. */
export function slackActionIdPattern(id: ActionId): RegExp {
  const escaped = id.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
  return new RegExp(`^${escaped}(?:${INDEX_SEPARATOR}\\d+)?$`);
}
