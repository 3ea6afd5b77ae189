import { createRequire } from "node:module";
import type * as AdaptiveCardsModule from "adaptivecards";

// The package's ESM build ("main": lib/adaptivecards.js) imports its own files without ".js"
// extensions, which Node's ESM loader cannot resolve (ERR_MODULE_NOT_FOUND .../lib/strings).
// Vitest happens to inline such packages, but a script run by plain Node would fail. The webpack
// bundle in dist/ is CommonJS and loads anywhere. Neither build touches `document` or `window`
// until a card is rendered to HTML, so parse() and validateProperties() need no DOM shim.
const require = createRequire(import.meta.url);
const AC = require("adaptivecards/dist/adaptivecards.js") as typeof AdaptiveCardsModule;

/** Teams refuses a message over about 28 KB; a card alone must already be below that. */
export const ADAPTIVE_CARD_MAX_BYTES = 28_000;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Keys the SDK reads itself rather than through an object's property schema. */
const STRUCTURAL_KEYS = new Set(["type", "body", "actions", "items", "columns", "card", "fallback", "msteams"]);
/** Keys whose values hold further elements or actions (never `data`, which is free-form payload). */
const NESTED_KEYS = ["body", "actions", "items", "columns", "card", "selectAction", "inlineAction", "fallback"];

function schemaKeys(obj: AdaptiveCardsModule.SerializableObject): Set<string> {
  const schema = obj.getSchema();
  const keys = new Set<string>();
  for (let i = 0; i < schema.getCount(); i += 1) keys.add(schema.getItemAt(i).name);
  return keys;
}

/**
 * The SDK silently ignores properties it does not know, so a misspelt one ("multiline" for
 * "isMultiline") would pass parse() and validateProperties() and then do nothing in Teams.
 */
function checkKnownProperties(node: unknown, path: string, problems: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      checkKnownProperties(item, `${path}[${i}]`, problems);
    });
    return;
  }
  if (!isRecord(node)) return;
  const type = node.type;
  if (typeof type === "string") {
    const registration = AC.GlobalRegistry.elements.findByName(type) ?? AC.GlobalRegistry.actions.findByName(type);
    const instance =
      type === "AdaptiveCard"
        ? new AC.AdaptiveCard()
        : registration === undefined
          ? undefined
          : new registration.objectType();
    const keys = instance === undefined ? undefined : schemaKeys(instance);
    if (keys !== undefined) {
      for (const key of Object.keys(node)) {
        if (!keys.has(key) && !STRUCTURAL_KEYS.has(key)) problems.push(`${path}: unknown property "${key}" on ${type}`);
      }
    }
    if (type === "Action.Execute" && (typeof node.verb !== "string" || node.verb === "")) {
      problems.push(`${path}: Action.Execute without a verb cannot be routed`);
    }
  }
  for (const key of NESTED_KEYS) {
    if (key in node) checkKnownProperties(node[key], `${path}.${key}`, problems);
  }
}

/** Ids of Teams people pickers (Input.ChoiceSet with a Data.Query), see `isPeoplePickerEvent`. */
function peoplePickerIds(node: unknown, ids: Set<string>): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) peoplePickerIds(item, ids);
  } else if (isRecord(node)) {
    const data = node["choices.data"];
    if (
      node.type === "Input.ChoiceSet" &&
      typeof node.id === "string" &&
      isRecord(data) &&
      data.type === "Data.Query"
    ) {
      ids.add(node.id);
    }
    for (const key of NESTED_KEYS) if (key in node) peoplePickerIds(node[key], ids);
  }
  return ids;
}

/**
 * Teams' people picker is an Input.ChoiceSet with `choices.data` and no static choices. Teams
 * renders it in 1.5 cards (its own docs show it with older versions), but the SDK's schema dates
 * `choices.data` to 1.6 and wants at least one static choice. Exactly those two findings are
 * accepted, and only on such pickers.
 */
function isPeoplePickerEvent(event: AdaptiveCardsModule.IValidationEvent, pickers: Set<string>): boolean {
  const source = event.source;
  if (!(source instanceof AC.ChoiceSetInput) || source.id === undefined || !pickers.has(source.id)) return false;
  return (
    (event.event === AC.ValidationEvent.UnsupportedProperty && event.message.includes('"choices.data"')) ||
    event.event === AC.ValidationEvent.CollectionCantBeEmpty
  );
}

function describe(event: AdaptiveCardsModule.IValidationEvent): string {
  const source = event.source;
  const where =
    source instanceof AC.CardObject
      ? `${source.getJsonTypeName()}${source.id === undefined ? "" : `#${source.id}`}`
      : "card";
  return `${AC.ValidationEvent[event.event]} at ${where}: ${event.message}`;
}

/**
 * Parses `json` with the official `adaptivecards` SDK as an Adaptive Card 1.5 and throws one
 * error listing every parse and validation finding, unknown property and size overrun.
 */
export function assertValidAdaptiveCard(json: unknown): void {
  if (!isRecord(json)) throw new Error("Adaptive Card: not a JSON object");
  const problems: string[] = [];
  if (json.type !== "AdaptiveCard") problems.push(`type is ${JSON.stringify(json.type)}, not "AdaptiveCard"`);
  if (json.version !== "1.5") problems.push(`version is ${JSON.stringify(json.version)}, not "1.5"`);
  if (typeof json.$schema !== "string") problems.push("$schema is missing");
  if (!Array.isArray(json.body)) problems.push("body is not an array");
  const bytes = Buffer.byteLength(JSON.stringify(json), "utf8");
  if (bytes >= ADAPTIVE_CARD_MAX_BYTES) problems.push(`serialized card is ${bytes} bytes; Teams allows < 28 KB`);

  const pickers = peoplePickerIds(json, new Set());
  const context = new AC.SerializationContext(new AC.Version(1, 5));
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i += 1) {
    const event = context.getEventAt(i);
    if (!isPeoplePickerEvent(event, pickers)) problems.push(`parse: ${describe(event)}`);
  }
  for (const event of card.validateProperties().validationEvents) {
    if (!isPeoplePickerEvent(event, pickers)) problems.push(`validate: ${describe(event)}`);
  }
  checkKnownProperties(json, "$", problems);

  if (problems.length > 0) {
    throw new Error(`Invalid Adaptive Card (${problems.length}):\n  - ${problems.join("\n  - ")}`);
  }
}
