import { randomUUID } from "node:crypto";

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export interface InvokeActivityInput {
  readonly verb: string;
  readonly data: Json;
  readonly serviceUrl: string;
  readonly tenantId?: string;
  readonly aadObjectId: string;
  readonly locale?: string;
  /** The id of the message whose card was clicked; Teams always sends it. */
  readonly replyToId?: string;
}

/** An Action.Execute (Universal Actions) invoke as Teams sends it when a card button is pressed in a personal chat. */
export function invokeActivity(input: InvokeActivityInput): Json {
  return {
    type: "invoke",
    name: "adaptiveCard/action",
    id: `inv-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    serviceUrl: input.serviceUrl,
    channelId: "msteams",
    from: { id: `29:${input.aadObjectId}`, name: "Test User", aadObjectId: input.aadObjectId },
    recipient: { id: "28:kurs-bot", name: "Kurs" },
    conversation: { id: `a:personal-${input.aadObjectId}`, conversationType: "personal", tenantId: input.tenantId },
    channelData: input.tenantId ? { tenant: { id: input.tenantId } } : {},
    locale: input.locale ?? "de-DE",
    replyToId: input.replyToId ?? `msg-${randomUUID()}`,
    value: { action: { type: "Action.Execute", verb: input.verb, data: input.data }, trigger: "manual" },
  };
}

/** The invoke response body Teams expects for Universal Actions. */
export interface InvokeResponse {
  readonly statusCode: number;
  readonly type: string;
  readonly value: unknown;
}

export async function postInvoke(baseUrl: string, activity: Json): Promise<{ status: number; body: InvokeResponse }> {
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  return { status: res.status, body: (text === "" ? {} : JSON.parse(text)) as InvokeResponse };
}

/** Every element and action of a card, depth first (bodies, containers, action sets, card actions). */
export function cardNodes(node: unknown): Json[] {
  if (Array.isArray(node)) return node.flatMap(cardNodes);
  if (!isRecord(node)) return [];
  const nested = ["body", "items", "columns", "actions", "card"].flatMap((key) => cardNodes(node[key]));
  return typeof node.type === "string" ? [node, ...nested] : nested;
}

export interface ExecuteAction {
  readonly title: string;
  readonly verb: string;
  readonly data: Json;
}

/** The Action.Execute buttons of a card, in order. */
export function executeActions(card: unknown): ExecuteAction[] {
  return cardNodes(card)
    .filter((n) => n.type === "Action.Execute")
    .map((n) => ({
      title: String(n.title ?? ""),
      verb: String(n.verb ?? ""),
      data: isRecord(n.data) ? n.data : {},
    }));
}

/** The inputs of a card by id. */
export function cardInputs(card: unknown): Map<string, Json> {
  const inputs = new Map<string, Json>();
  for (const node of cardNodes(card)) {
    if (typeof node.type === "string" && node.type.startsWith("Input.") && typeof node.id === "string") {
      inputs.set(node.id, node);
    }
  }
  return inputs;
}

/** The text of the red (attention) TextBlock right after an input: the inline field error. */
export function fieldErrors(card: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  const body = isRecord(card) && Array.isArray(card.body) ? card.body : [];
  let lastInput: string | undefined;
  for (const element of body) {
    if (!isRecord(element)) continue;
    if (typeof element.type === "string" && element.type.startsWith("Input.") && typeof element.id === "string") {
      lastInput = element.id;
    } else if (element.type === "TextBlock" && element.color === "attention" && lastInput !== undefined) {
      errors[lastInput] = String(element.text ?? "");
    }
  }
  return errors;
}

/**
 * What Teams sends when the user presses a card's Action.Execute submit: the action's own data with
 * the current value of every input merged in (values the card shows unless the user typed over them).
 * Typing into an input the card does not have is a test mistake, so it throws.
 */
export function submitData(card: unknown, verb: string, typed: Readonly<Record<string, string>>): Json {
  const submit = executeActions(card).find((a) => a.verb === verb);
  if (!submit) throw new Error(`the card has no Action.Execute with verb ${verb}`);
  const inputs = cardInputs(card);
  for (const id of Object.keys(typed)) {
    if (!inputs.has(id)) throw new Error(`the card has no input "${id}" (it has: ${[...inputs.keys()].join(", ")})`);
  }
  const values: Json = {};
  for (const [id, input] of inputs) {
    const shown = input.value;
    values[id] = typed[id] ?? (shown === undefined ? "" : String(shown));
  }
  return { ...submit.data, ...values };
}
