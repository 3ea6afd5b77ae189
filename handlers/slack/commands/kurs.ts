import type { SlackHandlerDeps } from "../deps.js";
import { slashCommand } from "./slash-command.js";

/** `/kurs` */
export const kursCommand = (deps: SlackHandlerDeps) => slashCommand("kurs", deps);
