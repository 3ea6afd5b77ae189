import { DateTime } from "luxon";
import type { TrainingRepository } from "../ports.js";
import type { NewTraining } from "./types.js";

export const DEMO_BASIC_TITLE = "Basistraining Kundenorientierung";

type DemoTraining = Omit<NewTraining, "tenantId" | "createdById" | "mandatoryUnitIds"> & {
  readonly mandatory: boolean;
  readonly sessions: readonly { readonly weeksAhead: number; readonly capacity: number; readonly place: string }[];
};

/** SEED step 9: the basic training for everyone (three sessions of 15 seats) and one advanced training. */
const DEMO_TRAININGS: readonly DemoTraining[] = [
  {
    kind: "basic",
    titleDe: DEMO_BASIC_TITLE,
    titleEn: "Customer orientation basics",
    descriptionDe:
      "Was Kundenorientierung bei uns heißt: Haltung, Sprache, Verbindlichkeit. Mit Übungen aus dem Service-Alltag.",
    descriptionEn:
      "What customer orientation means here: attitude, language, reliability. With exercises from daily service work.",
    criterionKeys: ["kundenverstaendnis"],
    durationMinutes: 240,
    mandatory: true,
    sessions: [
      { weeksAhead: 3, capacity: 15, place: "Schulungsraum 1 (EG)" },
      { weeksAhead: 4, capacity: 15, place: "Schulungsraum 1 (EG)" },
      { weeksAhead: 5, capacity: 15, place: "Schulungsraum 1 (EG)" },
    ],
  },
  {
    kind: "advanced",
    titleDe: "Aktiv zuhören und nachfragen",
    titleEn: "Active listening and asking",
    descriptionDe: "Aufbautraining: Anliegen verstehen, bevor man sie löst.",
    descriptionEn: "Advanced: understand a request before solving it.",
    criterionKeys: ["zuhoeren", "nachfragen"],
    durationMinutes: 180,
    mandatory: false,
    sessions: [{ weeksAhead: 6, capacity: 10, place: "Besprechungsraum Süd" }],
  },
];

/**
 * Seeds the demo trainings once: a tenant that has a training of the same German title keeps it as it is,
 * so `kurs demo` can run again without doubling anything. Sessions are on Tuesdays at 09:00 in `zone`.
 */
export async function seedDemoTrainings(
  trainings: TrainingRepository,
  input: {
    readonly tenantId: string;
    readonly companyUnitId: string | null;
    readonly zone: string;
    readonly now: Date;
  },
): Promise<{ readonly trainings: number; readonly sessions: number }> {
  const existing = new Set((await trainings.trainings(input.tenantId)).map((t) => t.titleDe));
  let created = 0;
  let sessions = 0;
  const tuesday = DateTime.fromJSDate(input.now, { zone: input.zone })
    .startOf("week")
    .plus({ days: 1 })
    .set({ hour: 9 });
  for (const demo of DEMO_TRAININGS) {
    if (existing.has(demo.titleDe)) continue;
    const { sessions: plan, mandatory, ...fields } = demo;
    const training = await trainings.createTraining({
      ...fields,
      tenantId: input.tenantId,
      createdById: null,
      mandatoryUnitIds: mandatory && input.companyUnitId ? [input.companyUnitId] : [],
    });
    created++;
    for (const s of plan) {
      await trainings.createSession({
        tenantId: input.tenantId,
        trainingId: training.id,
        startsAt: tuesday.plus({ weeks: s.weeksAhead }).toJSDate(),
        timezone: input.zone,
        place: s.place,
        onlineUrl: null,
        trainerId: null,
        capacity: s.capacity,
      });
      sessions++;
    }
  }
  return { trainings: created, sessions };
}
