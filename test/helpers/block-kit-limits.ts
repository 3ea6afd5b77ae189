/**
 * Checks a Slack payload against Slack's documented Block Kit limits. Slack answers a payload
 * that breaks any of them with `invalid_blocks` and shows nothing, so every test that sees a
 * Slack message, modal or Home tab runs it through here. The numbers are written out again on
 * purpose rather than imported from the renderer, so a wrong limit there cannot hide here.
 */

export type BlockKitSurface = "message" | "modal" | "home";

type Json = Record<string, unknown>;

const LIMITS = {
  blocks: { message: 50, modal: 100, home: 100 },
  messageText: 40_000,
  blockId: 255,
  actionId: 255,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  imageAlt: 2000,
  imageTitle: 2000,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  selectOptions: 100,
  choiceOptions: 10,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  textInputLength: 3000,
  markdownBlockText: 12_000,
  viewTitle: 24,
  viewButton: 24,
  callbackId: 255,
  privateMetadata: 3000,
} as const;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

class Checker {
  readonly problems: string[] = [];
  private readonly blockIds = new Set<string>();
  private readonly actionIds = new Set<string>();

  fail(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
  }

  maxLength(path: string, value: unknown, max: number): void {
    if (typeof value === "string" && value.length > max) this.fail(path, `${value.length} characters; max ${max}`);
  }

  /** A text object: `plain_text` where Slack requires it, never empty, within `max`. */
  text(path: string, value: unknown, max: number, kind: "plain_text" | "any" = "any"): void {
    if (!isRecord(value)) {
      this.fail(path, "text object missing");
      return;
    }
    if (value.type !== "plain_text" && value.type !== "mrkdwn")
      this.fail(`${path}.type`, `unknown text type ${String(value.type)}`);
    if (kind === "plain_text" && value.type !== "plain_text")
      this.fail(`${path}.type`, "Slack requires plain_text here");
    if (typeof value.text !== "string") {
      this.fail(`${path}.text`, "not a string");
      return;
    }
    if (value.text.trim() === "") this.fail(`${path}.text`, "empty text (Slack requires at least one character)");
    this.maxLength(`${path}.text`, value.text, max);
  }

  blockId(path: string, block: Json): void {
    const id = block.block_id;
    if (id === undefined) return;
    if (typeof id !== "string" || id === "") {
      this.fail(`${path}.block_id`, "must be a non-empty string");
      return;
    }
    this.maxLength(`${path}.block_id`, id, LIMITS.blockId);
    if (this.blockIds.has(id)) this.fail(`${path}.block_id`, `duplicate block_id "${id}"`);
    this.blockIds.add(id);
  }

  actionId(path: string, element: Json, required: boolean): void {
    const id = element.action_id;
    if (id === undefined) {
      if (required) this.fail(`${path}.action_id`, "missing");
      return;
    }
    if (typeof id !== "string" || id === "") {
      this.fail(`${path}.action_id`, "must be a non-empty string");
      return;
    }
    this.maxLength(`${path}.action_id`, id, LIMITS.actionId);
    if (this.actionIds.has(id)) this.fail(`${path}.action_id`, `duplicate action_id "${id}" in one message/view`);
    this.actionIds.add(id);
  }

  array(path: string, value: unknown, min: number, max: number): unknown[] {
    if (!Array.isArray(value)) {
      this.fail(path, "not an array");
      return [];
    }
    if (value.length < min) this.fail(path, `${value.length} items; at least ${min} required`);
    if (value.length > max) this.fail(path, `${value.length} items; max ${max}`);
    return value;
  }

  option(path: string, value: unknown, plainOnly: boolean): void {
    if (!isRecord(value)) {
      this.fail(path, "option is not an object");
      return;
    }
    this.text(`${path}.text`, value.text, LIMITS.optionText, plainOnly ? "plain_text" : "any");
    if (typeof value.value !== "string" || value.value === "") this.fail(`${path}.value`, "must be a non-empty string");
    this.maxLength(`${path}.value`, value.value, LIMITS.optionValue);
    if (value.description !== undefined) this.text(`${path}.description`, value.description, LIMITS.optionDescription);
    if (value.url !== undefined) this.maxLength(`${path}.url`, value.url, LIMITS.url);
  }

  options(path: string, element: Json, max: number, plainOnly: boolean): unknown[] {
    const options = this.array(`${path}.options`, element.options, 1, max);
    options.forEach((o, i) => {
      this.option(`${path}.options[${i}]`, o, plainOnly);
    });
    return options;
  }

  /** Slack rejects an initial option that is not one of the options (compared as JSON). */
  initialOptions(path: string, options: unknown[], initial: unknown): void {
    if (initial === undefined) return;
    const known = new Set(options.map((o) => JSON.stringify(o)));
    const list = Array.isArray(initial) ? initial : [initial];
    list.forEach((o, i) => {
      if (!known.has(JSON.stringify(o))) this.fail(`${path}[${i}]`, "initial option is not one of the options");
    });
  }

  placeholder(path: string, element: Json): void {
    if (element.placeholder !== undefined)
      this.text(`${path}.placeholder`, element.placeholder, LIMITS.placeholder, "plain_text");
  }

  element(path: string, value: unknown, where: "actions" | "accessory" | "input"): void {
    if (!isRecord(value)) {
      this.fail(path, "element is not an object");
      return;
    }
    const type = value.type;
    const interactive = type !== "image";
    if (interactive) this.actionId(path, value, where === "input");
    switch (type) {
      case "button":
        if (where === "input") this.fail(path, "a button cannot be an input element");
        this.text(`${path}.text`, value.text, LIMITS.buttonText, "plain_text");
        this.maxLength(`${path}.value`, value.value, LIMITS.buttonValue);
        this.maxLength(`${path}.url`, value.url, LIMITS.url);
        if (value.style !== undefined && value.style !== "primary" && value.style !== "danger") {
          this.fail(`${path}.style`, `unknown style ${String(value.style)}`);
        }
        break;
      case "static_select":
      case "multi_static_select": {
        this.placeholder(path, value);
        if (value.option_groups !== undefined) break;
        const options = this.options(path, value, LIMITS.selectOptions, true);
        this.initialOptions(
          `${path}.initial_option${type === "multi_static_select" ? "s" : ""}`,
          options,
          value.initial_option ?? value.initial_options,
        );
        break;
      }
      case "radio_buttons":
      case "checkboxes": {
        const options = this.options(path, value, LIMITS.choiceOptions, false);
        this.initialOptions(
          `${path}.initial_option${type === "checkboxes" ? "s" : ""}`,
          options,
          value.initial_option ?? value.initial_options,
        );
        if (Array.isArray(value.initial_options) && value.initial_options.length === 0) {
          this.fail(`${path}.initial_options`, "empty; omit it instead");
        }
        break;
      }
      case "overflow":
        this.options(path, value, 5, true);
        break;
      case "plain_text_input": {
        if (where !== "input") this.fail(path, "plain_text_input is only allowed in an input block");
        this.placeholder(path, value);
        const max = typeof value.max_length === "number" ? value.max_length : LIMITS.textInputLength;
        if (max > LIMITS.textInputLength || max < 1)
          this.fail(`${path}.max_length`, `must be 1-${LIMITS.textInputLength}`);
        if (typeof value.min_length === "number" && (value.min_length > max || value.min_length < 0)) {
          this.fail(`${path}.min_length`, "must be between 0 and max_length");
        }
        this.maxLength(`${path}.initial_value`, value.initial_value, max);
        break;
      }
      case "number_input": {
        if (where !== "input") this.fail(path, "number_input is only allowed in an input block");
        this.placeholder(path, value);
        if (typeof value.is_decimal_allowed !== "boolean") this.fail(`${path}.is_decimal_allowed`, "required boolean");
        const num = (key: string): number | undefined => {
          const v = value[key];
          if (v === undefined) return undefined;
          if (typeof v !== "string" || v.trim() === "" || !Number.isFinite(Number(v))) {
            this.fail(`${path}.${key}`, `must be a numeric string, got ${JSON.stringify(v)}`);
            return undefined;
          }
          return Number(v);
        };
        const min = num("min_value");
        const max = num("max_value");
        const initial = num("initial_value");
        if (min !== undefined && max !== undefined && min > max) this.fail(path, "min_value > max_value");
        if (initial !== undefined && ((min !== undefined && initial < min) || (max !== undefined && initial > max))) {
          this.fail(`${path}.initial_value`, "outside min_value..max_value");
        }
        if (value.is_decimal_allowed === false && initial !== undefined && !Number.isInteger(initial)) {
          this.fail(`${path}.initial_value`, "decimal value while is_decimal_allowed is false");
        }
        break;
      }
      case "datepicker":
        this.placeholder(path, value);
        if (value.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(value.initial_date))) {
          this.fail(`${path}.initial_date`, "must be YYYY-MM-DD");
        }
        break;
      case "timepicker":
        this.placeholder(path, value);
        if (value.initial_time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(String(value.initial_time))) {
          this.fail(`${path}.initial_time`, "must be HH:mm");
        }
        break;
      case "users_select":
      case "multi_users_select":
      case "conversations_select":
      case "channels_select":
        this.placeholder(path, value);
        break;
      case "image":
        if (where === "input") this.fail(path, "an image cannot be an input element");
        this.maxLength(`${path}.image_url`, value.image_url, LIMITS.url);
        if (typeof value.alt_text !== "string" || value.alt_text.trim() === "")
          this.fail(`${path}.alt_text`, "required");
        this.maxLength(`${path}.alt_text`, value.alt_text, LIMITS.imageAlt);
        break;
      default:
        this.fail(path, `unknown element type ${String(type)}`);
    }
  }

  block(path: string, value: unknown): void {
    if (!isRecord(value)) {
      this.fail(path, "block is not an object");
      return;
    }
    this.blockId(path, value);
    switch (value.type) {
      case "section": {
        if (value.text === undefined && value.fields === undefined) this.fail(path, "section needs text or fields");
        if (value.text !== undefined) this.text(`${path}.text`, value.text, LIMITS.sectionText);
        if (value.fields !== undefined) {
          this.array(`${path}.fields`, value.fields, 1, LIMITS.sectionFields).forEach((f, i) => {
            this.text(`${path}.fields[${i}]`, f, LIMITS.fieldText);
          });
        }
        if (value.accessory !== undefined) this.element(`${path}.accessory`, value.accessory, "accessory");
        break;
      }
      case "header":
        this.text(`${path}.text`, value.text, LIMITS.headerText, "plain_text");
        break;
      case "divider":
        break;
      case "context":
        this.array(`${path}.elements`, value.elements, 1, LIMITS.contextElements).forEach((e, i) => {
          const p = `${path}.elements[${i}]`;
          if (isRecord(e) && e.type === "image") this.element(p, e, "accessory");
          else this.text(p, e, LIMITS.contextText);
        });
        break;
      case "actions":
        this.array(`${path}.elements`, value.elements, 1, LIMITS.actionsElements).forEach((e, i) => {
          this.element(`${path}.elements[${i}]`, e, "actions");
        });
        break;
      case "image":
        if (typeof value.image_url !== "string" || value.image_url === "") {
          if (value.slack_file === undefined) this.fail(`${path}.image_url`, "required");
        }
        this.maxLength(`${path}.image_url`, value.image_url, LIMITS.url);
        if (typeof value.alt_text !== "string" || value.alt_text.trim() === "")
          this.fail(`${path}.alt_text`, "required");
        this.maxLength(`${path}.alt_text`, value.alt_text, LIMITS.imageAlt);
        if (value.title !== undefined) this.text(`${path}.title`, value.title, LIMITS.imageTitle, "plain_text");
        break;
      case "input":
        this.text(`${path}.label`, value.label, LIMITS.inputLabel, "plain_text");
        if (value.hint !== undefined) this.text(`${path}.hint`, value.hint, LIMITS.inputHint, "plain_text");
        this.element(`${path}.element`, value.element, "input");
        break;
      case "markdown":
        if (typeof value.text !== "string" || value.text === "") this.fail(`${path}.text`, "required");
        this.maxLength(`${path}.text`, value.text, LIMITS.markdownBlockText);
        break;
      case "rich_text":
        this.array(`${path}.elements`, value.elements, 1, Number.POSITIVE_INFINITY);
        break;
      default:
        this.fail(path, `unknown block type ${String(value.type)}`);
    }
  }
}

/**
 * Throws one error listing every Slack limit `payload` breaks. `payload` is a message
 * (`{ text?, blocks }`) or a view (`{ type: "modal" | "home", blocks, title, … }`).
 */
export function assertBlockKitWithinLimits(
  // Any object: a rendered SlackMessage, a View, or what a fake Slack API received as JSON.
  payload: object,
  surface: BlockKitSurface,
): void {
  const c = new Checker();
  const p: Json = isRecord(payload) ? payload : {};
  const blocks = c.array("blocks", p.blocks, 0, LIMITS.blocks[surface]);
  blocks.forEach((block, i) => {
    c.block(`blocks[${i}]`, block);
  });

  if (surface === "message") {
    if (p.text !== undefined && typeof p.text !== "string") c.fail("text", "not a string");
    c.maxLength("text", p.text, LIMITS.messageText);
    if (blocks.length === 0 && (typeof p.text !== "string" || p.text.trim() === ""))
      c.fail("text", "a message needs text or blocks");
  } else {
    if (p.type !== surface) c.fail("type", `expected "${surface}", got ${JSON.stringify(p.type)}`);
    c.maxLength("callback_id", p.callback_id, LIMITS.callbackId);
    c.maxLength("private_metadata", p.private_metadata, LIMITS.privateMetadata);
    if (p.private_metadata !== undefined && typeof p.private_metadata !== "string")
      c.fail("private_metadata", "not a string");
  }
  if (surface === "modal") {
    c.text("title", p.title, LIMITS.viewTitle, "plain_text");
    if (p.submit !== undefined) c.text("submit", p.submit, LIMITS.viewButton, "plain_text");
    if (p.close !== undefined) c.text("close", p.close, LIMITS.viewButton, "plain_text");
    const hasInput = blocks.some((b) => isRecord(b) && b.type === "input");
    if (hasInput && p.submit === undefined) c.fail("submit", "required when the modal has input blocks");
  }

  if (c.problems.length > 0) {
    throw new Error(
      `Block Kit ${surface} breaks Slack limits (${c.problems.length}):\n  - ${c.problems.join("\n  - ")}`,
    );
  }
}
