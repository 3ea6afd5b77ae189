import type { App } from "@slack/bolt";
import type { SlackHandlerDeps } from "../deps.js";
import { appHomeOpened } from "./app-home-opened.js";

export function registerEvents(app: App, deps: SlackHandlerDeps): void {
  app.event("app_home_opened", appHomeOpened(deps));
}
