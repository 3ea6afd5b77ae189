import type { SlackHandlerDeps } from "../deps.js";
import { slashCommand } from "./slash-command.js";

/** `/training` */
export const trainingCommand = (deps: SlackHandlerDeps) => slashCommand("training", deps);
