import { randomUUID } from "node:crypto";
import type { FakeSlack, RecordedCall } from "./fake-slack.js";
import { type SlashCommandInput, slackHeaders, slashCommandBody } from "./slack-signing.js";

/**
 * Builds and signs what Slack posts for interactions (block_actions, view_submission) and events
 * (app_home_opened), shaped like the real payloads, plus helpers to play the user's part: press a
 * button found in a message or view, fill in a modal the way Slack reports its state.
 */

type Json = Record<string, unknown>;

export interface Caller {
  readonly teamId: string;
  readonly userId: string;
}

const API_APP_ID = "A0KURS";

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function newTriggerId(): string {
  return `${Date.now()}.${Math.floor(Math.random() * 1e9)}.${randomUUID().slice(0, 8)}`;
}

/** A slash command with a known trigger_id, so the test can find the views.open it leads to. */
export async function postCommand(
  baseUrl: string,
  secret: string,
  input: SlashCommandInput & { readonly triggerId: string },
): Promise<Response> {
  const params = new URLSearchParams(slashCommandBody(input));
  params.set("trigger_id", input.triggerId);
  const body = params.toString();
  return fetch(`${baseUrl}/slack/events`, { method: "POST", headers: slackHeaders(secret, body), body });
}

/** Interactions arrive form-encoded as `payload=<json>`, signed like every Slack request. */
export async function postInteraction(
  baseUrl: string,
  secret: string,
  payload: Json,
  options: { signatureSecret?: string } = {},
): Promise<Response> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return fetch(`${baseUrl}/slack/events`, {
    method: "POST",
    headers: slackHeaders(options.signatureSecret ?? secret, body),
    body,
  });
}

/** Events API callbacks arrive as JSON with the same signature scheme. */
export async function postEvent(baseUrl: string, secret: string, caller: Caller, event: Json): Promise<Response> {
  const body = JSON.stringify({
    token: "deprecated-verification-token",
    team_id: caller.teamId,
    api_app_id: API_APP_ID,
    event,
    type: "event_callback",
    event_id: `Ev${randomUUID().slice(0, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: caller.teamId, user_id: "UBOT", is_bot: true }],
    is_ext_shared_channel: false,
  });
  return fetch(`${baseUrl}/slack/events`, {
    method: "POST",
    headers: { ...slackHeaders(secret, body), "content-type": "application/json" },
    body,
  });
}

export function appHomeOpenedEvent(userId: string): Json {
  return {
    type: "app_home_opened",
    user: userId,
    channel: `D${userId}`,
    tab: "home",
    event_ts: `${Date.now() / 1000}`,
  };
}

/** A button as it sits in rendered blocks: what Slack echoes back when it is pressed. */
export interface FoundButton {
  readonly action_id: string;
  readonly value?: string;
  readonly block_id: string;
  readonly text: string;
}

/** Every button in `blocks` (actions blocks and section accessories). */
export function buttonsIn(blocks: unknown): FoundButton[] {
  if (!Array.isArray(blocks)) return [];
  const out: FoundButton[] = [];
  blocks.forEach((block, i) => {
    if (!isRecord(block)) return;
    const blockId = typeof block.block_id === "string" ? block.block_id : `blk${i}`;
    const elements = [...(Array.isArray(block.elements) ? block.elements : []), block.accessory];
    for (const el of elements) {
      if (!isRecord(el) || el.type !== "button" || typeof el.action_id !== "string") continue;
      const text = isRecord(el.text) && typeof el.text.text === "string" ? el.text.text : "";
      out.push({
        action_id: el.action_id,
        block_id: blockId,
        text,
        ...(typeof el.value === "string" ? { value: el.value } : {}),
      });
    }
  });
  return out;
}

/** The first button of a neutral action (e.g. "goals.checkin") whose value mentions `valueIncludes`. */
export function findButton(blocks: unknown, neutralId: string, valueIncludes = ""): FoundButton {
  const button = buttonsIn(blocks).find(
    (b) => b.action_id.startsWith(`${neutralId}#`) && (b.value ?? "").includes(valueIncludes),
  );
  if (!button) throw new Error(`no ${neutralId} button${valueIncludes ? ` for ${valueIncludes}` : ""} in the blocks`);
  return button;
}

export interface BlockActionsInput extends Caller {
  readonly button: FoundButton;
  readonly triggerId: string;
  /** Where the button sat: a message (with a response_url) or a view (App Home, no response_url). */
  readonly container:
    | { readonly type: "message"; readonly responseUrl: string; readonly channelId?: string }
    | { readonly type: "view"; readonly viewId: string };
}

/** The block_actions payload Slack posts when a button is pressed. */
export function blockActionsPayload(input: BlockActionsInput): Json {
  const action: Json = {
    type: "button",
    action_id: input.button.action_id,
    block_id: input.button.block_id,
    text: { type: "plain_text", text: input.button.text, emoji: true },
    action_ts: `${Date.now() / 1000}`,
  };
  if (input.button.value !== undefined) action.value = input.button.value;
  const payload: Json = {
    type: "block_actions",
    user: { id: input.userId, username: "tester", name: "tester", team_id: input.teamId },
    api_app_id: API_APP_ID,
    token: "deprecated-verification-token",
    trigger_id: input.triggerId,
    team: { id: input.teamId, domain: "test" },
    enterprise: null,
    is_enterprise_install: false,
    actions: [action],
  };
  if (input.container.type === "message") {
    const channel = input.container.channelId ?? "C0TEST";
    payload.container = { type: "message", message_ts: "1700000000.000100", channel_id: channel, is_ephemeral: true };
    payload.channel = { id: channel, name: "general" };
    payload.response_url = input.container.responseUrl;
  } else {
    payload.container = { type: "view", view_id: input.container.viewId };
    payload.view = { id: input.container.viewId, type: "home", blocks: [], state: { values: {} } };
  }
  return payload;
}

/** What the user typed or picked, by input id; omitted inputs keep their initial value, as in Slack. */
export type ModalInput = Readonly<Record<string, string | null>>;

function optionOf(options: unknown, value: string): Json {
  const found = Array.isArray(options) ? options.find((o) => isRecord(o) && o.value === value) : undefined;
  // A forged value (not among the options) is sent the way a tampered client would send it.
  return isRecord(found) ? found : { text: { type: "plain_text", text: value }, value };
}

/**
 * `view.state.values` for a modal as Slack reports it on submit: one entry per input block, keyed
 * by block_id then action_id, shaped by the element type; untouched inputs report their initial value.
 */
export function stateValuesFor(view: Json, input: ModalInput): Record<string, Record<string, Json>> {
  const values: Record<string, Record<string, Json>> = {};
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  const known = new Set<string>();
  for (const block of blocks) {
    if (!isRecord(block) || block.type !== "input" || !isRecord(block.element)) continue;
    const el = block.element;
    const blockId = String(block.block_id);
    const actionId = String(el.action_id);
    known.add(blockId);
    const given = Object.hasOwn(input, blockId) ? input[blockId] : undefined;
    const type = String(el.type);
    let state: Json;
    switch (type) {
      case "plain_text_input":
      case "number_input": {
        const initial = typeof el.initial_value === "string" ? el.initial_value : null;
        state = { type, value: given === undefined ? initial : given };
        break;
      }
      case "datepicker": {
        const initial = typeof el.initial_date === "string" ? el.initial_date : null;
        state = { type, selected_date: given === undefined ? initial : given };
        break;
      }
      case "timepicker": {
        const initial = typeof el.initial_time === "string" ? el.initial_time : null;
        state = { type, selected_time: given === undefined ? initial : given };
        break;
      }
      case "static_select":
      case "radio_buttons": {
        const initial = isRecord(el.initial_option) ? el.initial_option : null;
        state = {
          type,
          selected_option: given === undefined ? initial : given === null ? null : optionOf(el.options, given),
        };
        break;
      }
      case "timepicker": {
        const initial = typeof el.initial_time === "string" ? el.initial_time : null;
        state = { type, selected_time: given === undefined ? initial : given };
        break;
      }
      case "checkboxes": {
        // Several values as one comma-separated string; "" ticks none.
        const initial = Array.isArray(el.initial_options) ? el.initial_options : [];
        const picked =
          given === undefined || given === null
            ? initial
            : given
                .split(",")
                .filter((v) => v !== "")
                .map((v) => optionOf(el.options, v));
        state = { type, selected_options: picked };
        break;
      }
      default:
        throw new Error(`stateValuesFor: element type ${type} is not used by Kurs forms yet`);
    }
    values[blockId] = { [actionId]: state };
  }
  for (const key of Object.keys(input)) {
    if (!known.has(key)) throw new Error(`the modal has no input "${key}" (inputs: ${[...known].join(", ")})`);
  }
  return values;
}

/** The view_submission payload for `view` (as Kurs opened it) with the user's input filled in. */
export function viewSubmissionPayload(caller: Caller, view: Json, input: ModalInput): Json {
  const id = `V${randomUUID().slice(0, 10).toUpperCase()}`;
  return {
    type: "view_submission",
    team: { id: caller.teamId, domain: "test" },
    user: { id: caller.userId, username: "tester", name: "tester", team_id: caller.teamId },
    api_app_id: API_APP_ID,
    token: "deprecated-verification-token",
    trigger_id: newTriggerId(),
    enterprise: null,
    is_enterprise_install: false,
    view: {
      ...view,
      id,
      team_id: caller.teamId,
      app_id: API_APP_ID,
      bot_id: "BBOT",
      private_metadata: typeof view.private_metadata === "string" ? view.private_metadata : "",
      callback_id: typeof view.callback_id === "string" ? view.callback_id : "",
      state: { values: stateValuesFor(view, input) },
      hash: `${Date.now()}.abc`,
      root_view_id: id,
      previous_view_id: null,
      clear_on_close: false,
      notify_on_close: false,
      close: view.close ?? null,
      submit: view.submit ?? null,
      external_id: "",
    },
    response_urls: [],
  };
}

/** Polls FakeSlack until `count` calls of `method` match, and returns them. */
export async function waitForCalls(
  slack: FakeSlack,
  method: string,
  match: (body: Json) => boolean,
  count = 1,
  timeoutMs = 60_000,
): Promise<RecordedCall[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = slack.callsOf(method).filter((c) => match(c.body));
    if (found.length >= count) return found;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${count} ${method} call(s); got ${found.length}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The view Kurs opened for this trigger_id. */
export async function openedView(slack: FakeSlack, triggerId: string): Promise<Json> {
  const [call] = await waitForCalls(slack, "views.open", (b) => b.trigger_id === triggerId);
  const view = call?.body.view;
  if (!isRecord(view)) throw new Error("views.open without a view");
  return view;
}

/** Everything a message, view or ack shows, as one searchable string. */
export function textOf(value: unknown): string {
  return JSON.stringify(value ?? null);
}
