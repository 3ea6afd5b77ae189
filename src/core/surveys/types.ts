import type { Locale } from "../org/types.js";

export const QUESTION_KINDS = ["likert5", "nps", "single_choice", "free_text"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export type SurveyAudience = "customers" | "employees";
export type WaveStatus = "draft" | "open" | "closed";
export type ResponseSource = "web" | "import" | "chat";

/** The default smallest group whose results are shown, and the floor no setting goes below. */
export const DEFAULT_ANONYMITY_THRESHOLD = 5;
export const MIN_ANONYMITY_THRESHOLD = 3;

/** A criterion's key is stable: goals, trainings and KPIs point at it ("response_time"). */
export const CRITERION_KEY = /^[a-z][a-z0-9_]{0,62}$/;
export const WAVE_KEY = /^[a-z][a-z0-9_]{0,62}$/;

export interface ChoiceOption {
  readonly key: string;
  readonly de: string;
  readonly en: string;
}

export interface CriterionDef {
  readonly key: string;
  readonly labelDe: string;
  readonly labelEn: string;
}

export interface QuestionDef {
  readonly key: string;
  readonly kind: QuestionKind;
  /** Key of the criterion this question measures, if any. */
  readonly criterion: string | null;
  readonly textDe: string;
  readonly textEn: string;
  readonly options: readonly ChoiceOption[] | null;
  readonly required: boolean;
}

export interface InstrumentDef {
  readonly titleDe: string;
  readonly titleEn: string;
  readonly audience: SurveyAudience;
  readonly anonymous: boolean;
  readonly criteria: readonly CriterionDef[];
  readonly questions: readonly QuestionDef[];
}

export interface QuestionView extends QuestionDef {
  readonly id: string;
}

export interface WaveView {
  readonly id: string;
  readonly surveyId: string;
  readonly key: string;
  readonly label: string;
  readonly status: WaveStatus;
  /** Frozen when the wave opens; null while it is a draft. */
  readonly anonymityThreshold: number | null;
  readonly createdAt: Date;
}

export interface SurveyView {
  readonly id: string;
  readonly tenantId: string;
  readonly title: string;
  readonly templateKey: string | null;
  readonly audience: SurveyAudience;
  readonly anonymous: boolean;
  readonly anonymityThreshold: number;
  readonly criteria: readonly CriterionDef[];
  readonly questions: readonly QuestionView[];
  readonly waves: readonly WaveView[];
}

/** One answer as stored: a number for scales, a choice key, or free text. */
export interface AnswerValue {
  readonly questionKey: string;
  readonly value: number | null;
  readonly choice: string | null;
  readonly text: string | null;
}

export interface NewResponse {
  readonly source: ResponseSource;
  readonly locale: Locale | null;
  readonly unitId: string | null;
  /** Only for surveys that are not anonymous. */
  readonly personId: string | null;
  readonly answers: readonly AnswerValue[];
}

/** A response as the report reads it: never with a person. */
export interface ResponseData {
  readonly waveId: string;
  readonly unitId: string | null;
  readonly answers: readonly AnswerValue[];
}

export interface NewInvitation {
  readonly email: string;
  readonly name: string | null;
  readonly company: string | null;
  readonly locale: Locale;
  readonly tokenHash: string;
  readonly expiresAt: Date;
}

export interface InvitationView {
  readonly id: string;
  readonly waveId: string;
  readonly email: string;
  readonly name: string | null;
  readonly company: string | null;
  readonly locale: Locale;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
  readonly sentAt: Date | null;
}

/** What the web form needs for a token: the invitation, its wave and the questions. */
export interface InvitationContext {
  readonly tenantId: string;
  readonly invitation: InvitationView;
  readonly wave: WaveView;
  readonly survey: SurveyView;
}

export type Sentiment = "positive" | "negative";

export interface NewInterview {
  readonly surveyId: string;
  readonly customer: string;
  /** YYYY-MM-DD */
  readonly heldOn: string;
  readonly interviewerId: string;
  readonly notes: string;
  readonly tags: readonly { readonly criterion: string; readonly sentiment: Sentiment }[];
}

/** Interview tags counted per criterion: the theme summary. */
export interface InterviewThemes {
  readonly interviews: number;
  readonly criteria: Readonly<Record<string, { readonly positive: number; readonly negative: number }>>;
}

export interface PollView {
  readonly id: string;
  readonly tenantId: string;
  readonly hostId: string;
  readonly question: string;
  readonly options: readonly string[];
  /** Quiz mode: the index of the right answer. */
  readonly correct: number | null;
  readonly closedAt: Date | null;
  /** Votes per option, in option order. */
  readonly counts: readonly number[];
}
