import type { TurnContext } from "botbuilder";
import { ActivityTypes } from "botbuilder";
import { FILE_CONSENT_INVOKE, handleFileConsent, putToUploadUrl } from "../../src/chat/teams/file-consent.js";
import type { TeamsHandlerDeps } from "./deps.js";

export function isFileConsent(context: TurnContext): Promise<boolean> {
  return Promise.resolve(
    context.activity.type === ActivityTypes.Invoke && context.activity.name === FILE_CONSENT_INVOKE,
  );
}

/** The person accepted (or declined) a file Kurs offered, e.g. a talk's .ics: upload it to their OneDrive. */
export function fileConsent(deps: TeamsHandlerDeps, upload = putToUploadUrl) {
  return async (context: TurnContext): Promise<void> => {
    let status = 200;
    try {
      const outcome = await handleFileConsent(context, upload);
      if (outcome === "invalid") status = 400;
      deps.log.info({ outcome }, "file consent answered");
    } catch (err) {
      deps.log.warn({ err }, "file consent upload failed");
      status = 500;
    }
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body: {} } });
  };
}
