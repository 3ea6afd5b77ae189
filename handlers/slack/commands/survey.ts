import type { SlackHandlerDeps } from "../deps.js";
import { slashCommand } from "./slash-command.js";

/** `/survey` */
export const surveyCommand = (deps: SlackHandlerDeps) => slashCommand("survey", deps);
