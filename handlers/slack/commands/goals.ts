import type { SlackHandlerDeps } from "../deps.js";
import { slashCommand } from "./slash-command.js";

/** `/goals` */
export const goalsCommand = (deps: SlackHandlerDeps) => slashCommand("goals", deps);
