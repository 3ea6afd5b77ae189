import type { SlackHandlerDeps } from "../deps.js";
import { slashCommand } from "./slash-command.js";

/** `/kpi` */
export const kpiCommand = (deps: SlackHandlerDeps) => slashCommand("kpi", deps);
