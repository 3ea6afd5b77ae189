import { isTooLate, reminderCard, remindersAt, zoneOf } from "../../src/core/goals/reminders.js";
import type { DeliveryReceipt } from "../../src/core/ports.js";
import { translator } from "../../src/core/ui/i18n/index.js";
import type { JobPayload } from "../definitions.js";
import type { ProcessorDeps } from "./deps.js";

export type RemindOutcome =
  | { readonly sent: number }
  | { readonly sent: 0; readonly skipped: "late" | "unknown" | "nothing-due" | "claimed-elsewhere" | "unreachable" };

/**
 * goals.remind: re-reads the person's measures at run time (a check-in since the scan cancels the
 * nudge), claims one ReminderSent row per measure before sending, and sends only what this run
 * claimed. A duplicate job, a second worker or a retry after delivery therefore never sends twice.
 */
export async function goalsRemind(deps: ProcessorDeps, payload: JobPayload<"goals.remind">): Promise<RemindOutcome> {
  const context = { tenantId: payload.tenantId, personId: payload.personId, slot: payload.slot };
  const slot = new Date(payload.slot);
  if (isTooLate(slot, deps.clock.now())) {
    // The service was down at 09:00; the next scan plans the next working day's slot instead.
    deps.log.info(context, "reminder slot passed long ago; left to the next scan");
    return { sent: 0, skipped: "late" };
  }
  const [tenant, people] = await Promise.all([
    deps.tenants.settings(payload.tenantId),
    deps.reminders.people(payload.tenantId, [payload.personId]),
  ]);
  const person = people[0];
  if (!tenant || !person) {
    deps.log.info(context, "tenant or person is gone; no reminder");
    return { sent: 0, skipped: "unknown" };
  }
  const measures = await deps.reminders.openMeasures(tenant.id, person.id);
  const due = remindersAt(measures, person, tenant, slot);
  if (due.length === 0) return { sent: 0, skipped: "nothing-due" };

  const items = due.map((d) => ({ goalId: d.measure.id, staleSince: d.staleSince }));
  const claimed = new Set(await deps.reminders.claim(tenant.id, person.id, items));
  const mine = due.filter((d) => claimed.has(d.measure.id));
  if (mine.length === 0) {
    deps.log.debug(context, "another run claimed these reminders already");
    return { sent: 0, skipped: "claimed-elsewhere" };
  }

  const locale = person.locale ?? tenant.defaultLocale;
  const card = reminderCard(translator(locale, tenant.formality), mine, zoneOf(person, tenant));
  let receipts: readonly DeliveryReceipt[];
  try {
    receipts = await deps.notifier.sendDirect(
      tenant.id,
      { id: person.id, slackUserId: person.slackUserId, teamsAadObjectId: person.teamsAadObjectId, locale },
      card,
    );
  } catch (err) {
    // Give the claim back so the retry (or, after the last attempt, the next slot) can send it.
    const mineItems = mine.map((d) => ({ goalId: d.measure.id, staleSince: d.staleSince }));
    await deps.reminders
      .release(tenant.id, person.id, mineItems)
      .catch((releaseErr: unknown) =>
        deps.log.error({ ...context, err: releaseErr }, "could not release reminder claims; this nudge is lost"),
      );
    throw err;
  }
  if (receipts.length === 0) {
    // E.g. Teams only, and the person never talked to the bot: there is no conversation to post to.
    // The claim stays, so this stale period is not retried every day.
    deps.log.warn({ ...context, measures: mine.length }, "check-in reminder reached no chat platform");
    return { sent: 0, skipped: "unreachable" };
  }
  deps.log.info({ ...context, measures: mine.length }, "check-in reminder sent");
  return { sent: mine.length };
}
