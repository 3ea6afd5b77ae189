import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  dueReminders,
  isTooLate,
  nextReminderSlot,
  type OpenMeasure,
  plannedSlot,
  type ReminderPerson,
  type ReminderTenant,
  reminderCard,
  reminderDueAt,
  remindersAt,
} from "../../src/core/goals/reminders.js";
import { parseTenantSettings } from "../../src/core/org/tenant-settings.js";
import { isWorkingDay } from "../../src/core/org/working-days.js";
import { translator } from "../../src/core/ui/i18n/index.js";
import { TestClock } from "../helpers/test-clock.js";

const BERLIN = "Europe/Berlin";
const d = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

const tenant: ReminderTenant = {
  id: "t1",
  timezone: BERLIN,
  holidayState: null,
  defaultLocale: "de",
  formality: "sie",
};

function person(id: string, overrides: Partial<ReminderPerson> = {}): ReminderPerson {
  return {
    id,
    name: id,
    locale: null,
    timezone: null,
    slackUserId: `U${id.toUpperCase()}`,
    teamsAadObjectId: null,
    ...overrides,
  };
}

function measure(id: string, overrides: Partial<OpenMeasure> = {}): OpenMeasure {
  return {
    id,
    title: `Measure ${id}`,
    status: "on_track",
    unitName: "Desk",
    dueDate: "2027-03-31",
    lastCheckinAt: null,
    createdAt: d("2026-09-01T10:00:00Z"),
    ownerIds: ["tom"],
    reminded: [],
    ...overrides,
  };
}

describe("nextReminderSlot: 09:00 local on the next working day", () => {
  it("keeps a slot that is exactly now, and moves past one to the next working day", () => {
    expect(iso(nextReminderSlot(d("2026-10-26T08:00:00Z"), BERLIN, null))).toBe("2026-10-26T08:00:00.000Z");
    expect(iso(nextReminderSlot(d("2026-10-26T08:00:00.001Z"), BERLIN, null))).toBe("2026-10-27T08:00:00.000Z");
  });

  it("after the October DST change, 09:00 CET on Monday is 08:00 UTC", () => {
    // Stale since Monday 19 Oct 09:00 CEST; summer time ends on Sunday 25 Oct 2026.
    const clock = new TestClock(d("2026-10-19T07:00:00Z"));
    const since = clock.now();
    clock.set("2026-10-25T12:00:00Z");
    expect(iso(reminderDueAt(since, BERLIN, null))).toBe("2026-10-26T08:00:00.000Z");
    expect(iso(plannedSlot(since, BERLIN, null, clock.now()))).toBe("2026-10-26T08:00:00.000Z");
  });

  it("after the spring DST change, 09:00 CEST is 07:00 UTC", () => {
    // Summer time starts on Sunday 29 March 2026.
    expect(iso(reminderDueAt(d("2026-03-23T08:00:00Z"), BERLIN, null))).toBe("2026-03-30T07:00:00.000Z");
  });

  it("counts 7 wall-clock days, so a DST change does not pull the nudge a day early", () => {
    // Last check-in Monday 09:30 CEST: on Monday 26 Oct at 09:00 CET only 6 days 23.5 hours have passed.
    expect(iso(reminderDueAt(d("2026-10-19T07:30:00Z"), BERLIN, null))).toBe("2026-10-27T08:00:00.000Z");
  });

  it("skips the weekend when a Friday's seven days end after 09:00", () => {
    // Friday 9 Oct 12:00 CEST + 7 days = Friday 16 Oct 12:00, past 09:00: next is Monday 19 Oct.
    expect(iso(reminderDueAt(d("2026-10-09T10:00:00Z"), BERLIN, null))).toBe("2026-10-19T07:00:00.000Z");
    // Before 09:00 on the Friday, the nudge comes that same Friday.
    expect(iso(reminderDueAt(d("2026-10-09T06:00:00Z"), BERLIN, null))).toBe("2026-10-16T07:00:00.000Z");
  });

  it("skips German Unity Day (3 October) in every state", () => {
    // 2025: a Friday, so the next working day is Monday 6 Oct.
    expect(iso(reminderDueAt(d("2025-09-26T05:00:00Z"), BERLIN, null))).toBe("2025-10-06T07:00:00.000Z");
    // 2028: a Tuesday; Wednesday is next.
    expect(iso(reminderDueAt(d("2028-09-26T05:00:00Z"), BERLIN, "HB"))).toBe("2028-10-04T07:00:00.000Z");
  });

  it("skips All Saints' Day only in the states where it is a public holiday", () => {
    // Monday 1 Nov 2027 (after the DST change on 31 Oct, so 09:00 CET = 08:00 UTC).
    const since = d("2027-10-25T06:00:00Z");
    for (const state of ["BY", "BW", "NW", "RP", "SL"]) {
      expect(iso(reminderDueAt(since, BERLIN, state)), state).toBe("2027-11-02T08:00:00.000Z");
    }
    for (const state of ["BE", "HB", "HH", "SN", null]) {
      expect(iso(reminderDueAt(since, BERLIN, state)), String(state)).toBe("2027-11-01T08:00:00.000Z");
    }
  });

  it("treats an unknown state as none: national holidays only", () => {
    // Monday 1 Nov 2027: a day off in Bavaria, a working day nationally.
    const allSaints = DateTime.fromISO("2027-11-01T09:00:00", { zone: BERLIN });
    expect(isWorkingDay(allSaints, "BY")).toBe(false);
    expect(isWorkingDay(allSaints, "XX")).toBe(true);
    expect(isWorkingDay(allSaints, null)).toBe(true);
  });

  it("uses the person's own time zone: London and New York get their own 09:00", () => {
    expect(iso(reminderDueAt(d("2026-10-19T08:00:00Z"), "Europe/London", null))).toBe("2026-10-26T09:00:00.000Z");
    // New York is still on daylight time on 26 Oct (its change comes on 1 Nov).
    expect(iso(reminderDueAt(d("2026-10-19T13:00:00Z"), "America/New_York", null))).toBe("2026-10-26T13:00:00.000Z");
  });
});

describe("dueReminders: what the hourly scan plans", () => {
  const since = d("2026-10-19T07:00:00Z");

  it("plans one nudge per owner and slot, in each owner's zone, tenant zone as default", () => {
    const people = [person("tom"), person("nora", { timezone: "America/New_York" })];
    const measures = [
      measure("m1", { lastCheckinAt: since }),
      measure("m2", { lastCheckinAt: since, ownerIds: ["tom", "nora"] }),
    ];
    const now = d("2026-10-25T20:00:00Z");
    expect(dueReminders(measures, people, tenant, now)).toEqual([
      { personId: "tom", slot: d("2026-10-26T08:00:00Z"), goalIds: ["m1", "m2"] },
      // 7 days after 09:00 CEST is 03:00 in New York; 09:00 there is 13:00 UTC. Within 24 hours of now.
      { personId: "nora", slot: d("2026-10-26T13:00:00Z"), goalIds: ["m2"] },
    ]);
  });

  it("leaves out done measures, owners who left or have no chat account, and slots beyond the horizon", () => {
    const measures = [
      measure("done", { lastCheckinAt: since, status: "done" }),
      measure("gone", { lastCheckinAt: since, ownerIds: ["left"] }),
      measure("mute", { lastCheckinAt: since, ownerIds: ["mute"] }),
      measure("later", { lastCheckinAt: d("2026-10-21T07:00:00Z") }),
    ];
    const people = [person("tom"), person("mute", { slackUserId: null })];
    expect(dueReminders(measures, people, tenant, d("2026-10-25T20:00:00Z"))).toEqual([]);
    // The day before the slot, "later" (due Wednesday 28 Oct) comes into the horizon.
    expect(dueReminders(measures, people, tenant, d("2026-10-27T09:00:00Z"))).toEqual([
      { personId: "tom", slot: d("2026-10-28T08:00:00Z"), goalIds: ["later"] },
    ]);
  });

  it("nudges once per stale period: a claimed period is skipped, a check-in starts a new one", () => {
    const reminded = [{ personId: "tom", staleSince: since }];
    const people = [person("tom")];
    expect(
      dueReminders([measure("m1", { lastCheckinAt: since, reminded })], people, tenant, d("2026-10-26T08:30:00Z")),
    ).toEqual([]);
    // A week later still no check-in: same period, still no second nudge.
    expect(
      dueReminders([measure("m1", { lastCheckinAt: since, reminded })], people, tenant, d("2026-11-02T07:30:00Z")),
    ).toEqual([]);
    // Checked in on Tuesday 27 Oct at 10:00 CET; seven days later it is stale again: a new period.
    const checkedIn = measure("m1", { lastCheckinAt: d("2026-10-27T09:00:00Z"), reminded });
    expect(dueReminders([checkedIn], people, tenant, d("2026-11-03T12:00:00Z"))).toEqual([
      { personId: "tom", slot: d("2026-11-04T08:00:00Z"), goalIds: ["m1"] },
    ]);
  });

  it("after an outage does not nudge at a random hour: a slot missed by over an hour moves to the next one", () => {
    const people = [person("tom")];
    const measures = [measure("m1", { lastCheckinAt: since })];
    // 30 minutes late: still served (the scan at half past catches a slot the last scan missed).
    expect(dueReminders(measures, people, tenant, d("2026-10-26T08:30:00Z"))[0]?.slot).toEqual(
      d("2026-10-26T08:00:00Z"),
    );
    // Back at 11:00 UTC: tomorrow 09:00.
    expect(dueReminders(measures, people, tenant, d("2026-10-26T11:00:00Z"))[0]?.slot).toEqual(
      d("2026-10-27T08:00:00Z"),
    );
    expect(isTooLate(d("2026-10-26T08:00:00Z"), d("2026-10-26T08:59:59Z"))).toBe(false);
    expect(isTooLate(d("2026-10-26T08:00:00Z"), d("2026-10-26T09:00:01Z"))).toBe(true);
  });
});

describe("remindersAt: what the nudge lists when it runs", () => {
  const since = d("2026-10-19T07:00:00Z");
  const slot = d("2026-10-26T08:00:00Z");
  const tom = person("tom");

  it("lists the measures overdue by the slot, judged at the slot rather than the worker's clock", () => {
    const due = remindersAt(
      [
        measure("m1", { lastCheckinAt: since }),
        measure("m2", { createdAt: d("2026-10-10T12:00:00Z") }),
        measure("fresh", { lastCheckinAt: d("2026-10-22T07:00:00Z") }),
        measure("other", { lastCheckinAt: since, ownerIds: ["nora"] }),
      ],
      tom,
      tenant,
      slot,
    );
    expect(due.map((x) => [x.measure.id, iso(x.staleSince)])).toEqual([
      ["m2", "2026-10-10T12:00:00.000Z"],
      ["m1", "2026-10-19T07:00:00.000Z"],
    ]);
  });

  it("drops a measure checked in since the scan, and one already claimed for this period", () => {
    const checkedIn = measure("m1", { lastCheckinAt: d("2026-10-26T07:55:00Z") });
    const claimed = measure("m2", { lastCheckinAt: since, reminded: [{ personId: "tom", staleSince: since }] });
    expect(remindersAt([checkedIn, claimed], tom, tenant, slot)).toEqual([]);
  });
});

describe("reminderCard", () => {
  const due = [
    { measure: measure("m1", { lastCheckinAt: d("2026-10-19T07:00:00Z") }), staleSince: d("2026-10-19T07:00:00Z") },
    { measure: measure("m2", { title: "Rückrufe *sofort*" }), staleSince: d("2026-09-01T10:00:00Z") },
  ];

  it("lists each stale measure with a Check in button carrying the goal id", () => {
    const card = reminderCard(translator("en"), due, BERLIN);
    expect(card.summary).toBe("Check-in due: 2 measures");
    const actions = card.blocks.flatMap((b) => (b.type === "actions" ? b.actions : []));
    expect(actions).toEqual([
      { id: "goals.checkin", label: "Check in", payload: { goal: "m1" }, style: "primary" },
      { id: "goals.checkin", label: "Check in", payload: { goal: "m2" }, style: "primary" },
    ]);
    const text = card.blocks.map((b) => ("text" in b ? b.text : "")).join("\n");
    expect(text).toContain("last check-in: 19 Oct 2026");
    expect(text).toMatch(/last check-in: none yet \(created 01 Sept? 2026\)/);
    expect(text).toContain("Rückrufe \\*sofort\\*");
  });

  it("speaks German with Sie by default and Du when the tenant chooses it", () => {
    const sie = reminderCard(translator("de", "sie"), due.slice(0, 1), BERLIN);
    const du = reminderCard(translator("de", "du"), due.slice(0, 1), BERLIN);
    expect(sie.summary).toBe("Check-in fällig: 1 Maßnahme");
    const all = (c: typeof sie) => c.blocks.map((b) => ("text" in b ? b.text : "")).join("\n");
    expect(all(sie)).toContain("die Sie verantworten");
    expect(all(du)).toContain("die du verantwortest");
    expect(all(sie)).toContain("letzter Check-in: 19.10.2026");
  });
});

describe("tenant settings", () => {
  it("accepts state codes in any case, none for national holidays only, and a valid time zone", () => {
    expect(
      parseTenantSettings({ holidayState: "by", timezone: "Europe/Vienna", formality: "DU", locale: "en" }),
    ).toEqual({
      ok: true,
      patch: { holidayState: "BY", timezone: "Europe/Vienna", formality: "du", defaultLocale: "en" },
    });
    expect(parseTenantSettings({ holidayState: "none" })).toEqual({ ok: true, patch: { holidayState: null } });
  });

  it("rejects an unknown state with the list of valid ones, and reports every bad value at once", () => {
    const result = parseTenantSettings({ holidayState: "XY", timezone: "Mars/Olympus", formality: "ihr" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { code: "holidayState", value: "XY", allowed: "BB BE BW BY HB HE HH MV NI NW RP SH SL SN ST TH" },
      { code: "timezone", value: "Mars/Olympus" },
      { code: "formality", value: "ihr" },
    ]);
  });
});
