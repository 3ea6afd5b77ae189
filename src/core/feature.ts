import type { z } from "zod/v4";
import { KursError } from "../errors.js";
import type { Requester } from "./org/identify.js";
import type { Platform, Role, TenantInfo } from "./org/types.js";
import type { DeliveryRequest, RenderedDelivery } from "./ports.js";
import type { Services } from "./services.js";
import type { ActionId, Card, CardAction, FormValues } from "./ui/card.js";
import type { MessageKey } from "./ui/i18n/index.js";
import type { Reply, SubmitOutcome } from "./ui/reply.js";

/**
 * A feature module declares, in one place, everything a capability offers in chat: its commands,
 * the buttons on its cards (actions), the forms it opens, and the App Home section if it has one.
 * The Slack and Teams adapters register all of it by walking the registry (src/core/features.ts),
 * so adding a capability touches no file under handlers/.
 */
export interface Feature {
  /** Lower-case name, also the namespace of its action and form ids ("goals" → "goals.checkin"). */
  readonly name: string;
  readonly commands?: readonly CommandDecl[];
  readonly actions?: readonly ActionDecl[];
  readonly forms?: readonly FormDecl[];
  /** The feature's part of a person's home view (Slack's App Home), in registry order. */
  readonly home?: (ctx: HandlerContext) => Promise<Card>;
  /** Work the feature runs in the worker (BullMQ), each with its payload schema. */
  readonly jobs?: readonly JobDecl[];
  /** Recurring jobs per tenant (one job scheduler per stable id, however many replicas run). */
  readonly schedules?: (tenant: TenantInfo) => readonly ScheduleDecl[];
  /**
   * What the feature sends through the outbox, by purpose ("feedback.invitation"): the outbox asks
   * the purpose's renderer for the message when it sends a planned delivery.
   */
  readonly deliveries?: Readonly<Record<string, DeliveryRender>>;
}

export type DeliveryRender = (services: Services, request: DeliveryRequest) => Promise<RenderedDelivery>;

/**
 * A job contract: name, payload schema, options and handler in one place. Producers give a
 * deterministic job id (BullMQ collapses a duplicate add), and handlers are idempotent: BullMQ is
 * at-least-once.
 */
export interface JobDecl<S extends z.ZodType = z.ZodType> {
  /** `feature.verb`, e.g. "feedback.remind". */
  readonly name: ActionId;
  readonly schema: S;
  /** Retries: how often and from which first delay (doubling); the queue's defaults when absent. */
  readonly retry?: { readonly attempts: number; readonly firstDelayMs: number };
  readonly run: (services: Services, payload: z.output<S>) => Promise<unknown>;
}

export function job<S extends z.ZodType>(decl: JobDecl<S>): JobDecl {
  return decl as unknown as JobDecl;
}

export interface ScheduleDecl {
  /** Stable per tenant, e.g. `feedback.nudge-scan:<tenantId>`. */
  readonly id: string;
  readonly job: ActionId;
  /** Cron pattern, in the tenant's time zone. */
  readonly pattern: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Everything a handler gets: the services (repositories, clock, queue) and who is asking, from where. */
export interface HandlerContext {
  readonly services: Services;
  readonly requester: Requester;
  readonly platform: Platform;
  /**
   * Where a command was typed: the Slack channel id or the Teams conversation id, whatever kind
   * (a poll is posted right there). Absent for buttons and forms, and where the platform does not say.
   */
  readonly conversation?: string;
  /**
   * The channel a command was typed in (a Slack channel id, a Teams channel conversation id);
   * absent in direct messages and group chats. The adapters decide what counts as a channel.
   */
  readonly channelId?: string;
}

/** The top-level words of the product contract (DESIGN.md): `/goals` on Slack, `goals` on Teams. */
export const TOP_LEVEL_COMMANDS = ["kurs", "goals", "survey", "feedback", "training", "kpi"] as const;
export type TopLevelCommand = (typeof TOP_LEVEL_COMMANDS)[number];

export function isTopLevelCommand(value: string): value is TopLevelCommand {
  return (TOP_LEVEL_COMMANDS as readonly string[]).includes(value);
}

/**
 * A command: a top-level word (`goals`; its German and English words are the contract's, in
 * programme/commands.ts), or a sub-command of `/kurs` (`kurs statement`).
 */
export interface CommandDecl {
  readonly command: TopLevelCommand;
  /** For `/kurs <sub>` commands: the sub-command's words, canonical first, e.g. ["statement", "statements"]. */
  readonly sub?: readonly string[];
  readonly description: MessageKey;
  /** Shown in the help only to people holding one of these roles; everyone when absent. */
  readonly roles?: readonly Role[];
  readonly run: (ctx: HandlerContext, args: string) => Promise<Reply>;
}

/** Payloads of buttons are small string records (CardAction.payload); each action gives its schema. */
export type PayloadSchema = z.ZodType<Readonly<Record<string, string | undefined>>>;

/**
 * A typed reference to an action: its id and payload schema, and the one way cards make its button,
 * so the payload a card puts on a button is the payload its handler parses.
 */
export interface ActionRef<S extends PayloadSchema = PayloadSchema> {
  readonly id: ActionId;
  readonly schema: S;
  button(label: string, payload: z.input<S>, options?: Pick<CardAction, "style">): CardAction;
}

export function actionRef<S extends PayloadSchema>(id: ActionId, schema: S): ActionRef<S> {
  return {
    id,
    schema,
    button(label, payload, options) {
      const clean = Object.fromEntries(
        Object.entries(payload as Record<string, string | undefined>).filter(
          (entry): entry is [string, string] => typeof entry[1] === "string",
        ),
      );
      return { id, label, payload: clean, ...(options?.style ? { style: options.style } : {}) };
    },
  };
}

/**
 * What an action answers. Besides a card or a form, `update` replaces the message the button sat in
 * (a statement turning into "✓ read"); on Teams every answer to a button replaces the card anyway.
 */
export type ActionReply = Reply | { readonly kind: "update"; readonly card: Card };

export interface ActionDecl<S extends PayloadSchema = PayloadSchema> {
  readonly ref: ActionRef<S>;
  readonly run: (ctx: HandlerContext, payload: z.output<S>) => Promise<ActionReply>;
}

/** Declares an action with its handler; the payload is parsed with the ref's schema before `run`. */
export function action<S extends PayloadSchema>(
  ref: ActionRef<S>,
  run: (ctx: HandlerContext, payload: z.output<S>) => Promise<ActionReply>,
): ActionDecl {
  return { ref, run: run as ActionDecl["run"] };
}

/** What every saved outcome may carry for the adapters' refresh hooks. */
export interface SavedEffects {
  /** People whose views (the Slack App Home) now show stale data. */
  readonly refresh?: readonly string[];
}

export type FormOutcome = SubmitOutcome<SavedEffects>;
export type SavedOutcome = Extract<FormOutcome, { kind: "saved" }>;

export interface FormDecl<O extends FormOutcome = FormOutcome> {
  /** The id core gives the Form (Slack callback_id, Teams Action.Execute verb). */
  readonly id: ActionId;
  readonly submit: (ctx: HandlerContext, metadata: string, values: FormValues) => Promise<O>;
  /**
   * Runs after the save is answered (Slack's ack cannot wait): fan-out, notices. A failure here never
   * undoes the save; a FollowUpFailed replaces the confirmation with what the person must hear
   * (e.g. "saved, but not sent yet").
   */
  readonly after?: (ctx: HandlerContext, saved: Extract<O, { kind: "saved" }>) => Promise<void>;
  /**
   * The current view of the message a form was opened from, so a platform that can (Slack's
   * response_url) replaces the stale message after the save.
   */
  readonly origin?: (ctx: HandlerContext) => Promise<Card | undefined>;
}

/** Declares a form; `O` keeps the saved outcome's own fields typed for `after`. */
export function form<O extends FormOutcome>(decl: FormDecl<O>): FormDecl {
  return decl as unknown as FormDecl;
}

/**
 * Thrown by a form's `after` when the save stands but its follow-up failed in a way the person must
 * hear about; the adapter logs the cause and confirms with `card` instead of the saved card.
 */
export class FollowUpFailed extends KursError {
  constructor(
    readonly card: Card,
    message: string,
    options: { cause: unknown },
  ) {
    super("FOLLOW_UP_FAILED", message, options);
  }
}
