/**
 * The neutral view model. Core builds every message once as a Card (or a Form) and the
 * renderers in src/chat turn it into Block Kit, an Adaptive Card 1.5 or plain text.
 *
 * Text fields use a small markup subset that all three targets can express:
 *   **bold**, _italic_, [label](https://url), and line breaks. Nothing else is interpreted.
 * Renderers escape everything else, so data (names, comments) can never inject markup, and
 * escape what each platform parses itself (Slack's <!channel>, <@U…>, <url|label>), so user text
 * can never mention anyone or hide a link. Two fields are plain text, not markup: a Card's
 * `summary` and a select option's `label`; put data into them as it is, without escapeMarkup().
 */

/** A neutral action id such as "goals.checkin"; renderers map it to action_id / Action.Execute verb. */
export type ActionId = `${string}.${string}`;

/** Small string payload carried by an action; keep it under ~1,500 characters once JSON-encoded. */
export type ActionPayload = Readonly<Record<string, string>>;

export interface CardAction {
  readonly id: ActionId;
  readonly label: string;
  readonly payload?: ActionPayload;
  readonly style?: "primary" | "danger";
  /** When set, the button opens this URL instead of calling back. */
  readonly url?: string;
}

export type Block =
  | { readonly type: "header"; readonly text: string }
  | { readonly type: "text"; readonly text: string }
  | { readonly type: "fields"; readonly fields: readonly { readonly label: string; readonly value: string }[] }
  | { readonly type: "progress"; readonly label: string; readonly percent: number; readonly note?: string }
  | { readonly type: "list"; readonly items: readonly string[]; readonly ordered?: boolean }
  | { readonly type: "image"; readonly url: string; readonly alt: string; readonly title?: string }
  | { readonly type: "context"; readonly text: string }
  | { readonly type: "divider" }
  | { readonly type: "actions"; readonly actions: readonly CardAction[] };

export interface Card {
  /**
   * One-line summary in plain text (not markup: data goes in unescaped); used for notifications
   * and as the start of the fallback text unless the first block says the same.
   */
  readonly summary: string;
  readonly blocks: readonly Block[];
  /**
   * Shown when a renderer has to cut the card to stay within platform limits, e.g.
   * "12 more goals: /goals tree Vertrieb". Falls back to a generic "… (n more)" line.
   */
  readonly overflow?: { readonly text: string; readonly action?: CardAction };
  /**
   * The action a platform that can (Teams' Universal Actions refresh) calls when someone opens the
   * card, answered with the card as it is now, e.g. a live poll's current counts. Others ignore it.
   */
  readonly refresh?: CardAction;
}

export interface SelectOption {
  readonly value: string;
  /** Plain text, not markup: platforms show option labels as they are. */
  readonly label: string;
}

interface InputBase {
  readonly id: string;
  readonly label: string;
  readonly required?: boolean;
  readonly hint?: string;
}

export type Input =
  | (InputBase & {
      readonly kind: "text" | "longText";
      readonly initial?: string;
      readonly placeholder?: string;
      readonly maxLength?: number;
    })
  | (InputBase & {
      readonly kind: "number";
      readonly initial?: number;
      readonly min?: number;
      readonly max?: number;
      /** Whole numbers only (e.g. a percentage); platforms that can, refuse decimals in the client. */
      readonly integer?: boolean;
    })
  | (InputBase & { readonly kind: "date"; readonly initial?: string /* YYYY-MM-DD */ })
  | (InputBase & { readonly kind: "time"; readonly initial?: string /* HH:mm */ })
  | (InputBase & {
      readonly kind: "select" | "radio";
      readonly options: readonly SelectOption[];
      readonly initial?: string;
      readonly placeholder?: string;
    })
  | (InputBase & {
      readonly kind: "checkboxes";
      readonly options: readonly SelectOption[];
      readonly initial?: readonly string[];
    })
  | (InputBase & { readonly kind: "person"; readonly initial?: string /* platform user id */ });

export interface Form {
  /** Neutral id of the submit callback, e.g. "goals.add". */
  readonly id: ActionId;
  readonly title: string;
  readonly submitLabel: string;
  readonly closeLabel?: string;
  /** Opaque state that comes back on submit (Slack private_metadata, Teams data). */
  readonly metadata?: string;
  readonly intro?: readonly Block[];
  readonly inputs: readonly Input[];
  /** Field errors keyed by input id, shown inline next to the field. */
  readonly errors?: Readonly<Record<string, string>>;
}

/** Values submitted from a Form, normalised by the renderer's parser: everything is a string or string list. */
export type FormValues = Readonly<Record<string, string | readonly string[] | undefined>>;
