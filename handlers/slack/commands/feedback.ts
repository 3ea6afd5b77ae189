import type { SlackHandlerDeps } from "../deps.js";
import { slashCommand } from "./slash-command.js";

/** `/feedback` */
export const feedbackCommand = (deps: SlackHandlerDeps) => slashCommand("feedback", deps);
