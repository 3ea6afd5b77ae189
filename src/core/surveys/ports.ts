import type { DeliveryPlan } from "../ports.js";
import type {
  InstrumentDef,
  InterviewThemes,
  InvitationContext,
  InvitationView,
  NewInterview,
  NewInvitation,
  NewResponse,
  PollView,
  ResponseData,
  SurveyView,
  WaveView,
} from "./types.js";

/** What surveys need from the database; src/db/survey-repository.ts implements it. */
export interface SurveyRepository {
  create(input: {
    tenantId: string;
    title: string;
    templateKey: string | null;
    createdById: string | null;
    anonymityThreshold: number;
    instrument: InstrumentDef;
  }): Promise<SurveyView>;
  get(tenantId: string, surveyId: string): Promise<SurveyView | null>;
  /** Fails with KursError("WAVE_EXISTS") when the survey has a wave with that key. */
  addWave(tenantId: string, surveyId: string, key: string, label: string): Promise<WaveView>;
  /** Opens a draft wave and freezes the threshold it is evaluated with. */
  openWave(tenantId: string, waveId: string, anonymityThreshold: number, at: Date): Promise<WaveView>;
  /** Changes the survey's threshold; refused (KursError "THRESHOLD_FROZEN") once any wave has opened. */
  setThreshold(tenantId: string, surveyId: string, threshold: number): Promise<void>;
  /** Stores all responses in one transaction (a CSV import is all or nothing). */
  addResponses(tenantId: string, waveId: string, responses: readonly NewResponse[], on: Date): Promise<number>;
  responses(tenantId: string, surveyId: string): Promise<readonly ResponseData[]>;
  invitations(tenantId: string, waveId: string): Promise<readonly InvitationView[]>;
  /** Inserts invitations for recipients that have none in this wave; returns the ones inserted. */
  addInvitations(
    tenantId: string,
    waveId: string,
    invitations: readonly NewInvitation[],
  ): Promise<readonly InvitationView[]>;
  /**
   * Gives an unused invitation a new token (the old link stops working); with `onlyUnsent`, only
   * one that was never e-mailed.
   */
  renewToken(
    tenantId: string,
    invitationId: string,
    tokenHash: string,
    expiresAt: Date,
    onlyUnsent: boolean,
  ): Promise<boolean>;
  markSent(tenantId: string, invitationId: string, at: Date): Promise<void>;
  findInvitation(tokenHash: string): Promise<InvitationContext | null>;
  /**
   * Uses the invitation and stores the response in one transaction. Returns false, storing
   * nothing, when the invitation is used, expired or unknown by then.
   */
  submitInvited(tokenHash: string, response: NewResponse, at: Date): Promise<boolean>;

  /**
   * Opens a draft wave for a pulse: freezes its threshold, sets its close date and writes every
   * outbox row (prompts, reminders, the creator's result) in ONE transaction, so an open wave never
   * lacks its prompts. Returns the ids of the rows written.
   */
  openPulse(input: {
    tenantId: string;
    waveId: string;
    anonymityThreshold: number;
    opensAt: Date;
    closesAt: Date;
    plans: readonly DeliveryPlan[];
  }): Promise<readonly string[]>;
  /**
   * A chat answer: records the participation and stores the response in one transaction; false,
   * storing nothing, when the person answered this wave already or the wave is not open.
   */
  answerInChat(tenantId: string, waveId: string, personId: string, response: NewResponse, at: Date): Promise<boolean>;
  hasAnswered(tenantId: string, waveId: string, personId: string): Promise<boolean>;
  /** How many people answered a wave (participation rows; never who). */
  participationCount(tenantId: string, waveId: string): Promise<number>;
  /**
   * Closes an open wave (false when it was not open): the creator's scheduled result is cancelled
   * and one due at `at` planned (subject "waveId:closed"); returns the ids of the rows now due.
   */
  closeWave(
    tenantId: string,
    waveId: string,
    at: Date,
    resultPurpose: string,
  ): Promise<{ closed: boolean; deliveryIds: readonly string[] }>;
  /** The wave with its survey, or null. */
  wave(
    tenantId: string,
    waveId: string,
  ): Promise<{ survey: SurveyView; wave: WaveView; closesAt: Date | null; createdById: string | null } | null>;
  /** Open waves a person was prompted for (outbox rows of `promptPurpose`) and has not answered. */
  openForPerson(
    tenantId: string,
    personId: string,
    promptPurpose: string,
  ): Promise<readonly { survey: SurveyView; wave: WaveView; closesAt: Date | null }[]>;
  /** Employee surveys, newest first (for `/survey results` without an id). */
  employeeSurveys(
    tenantId: string,
    limit: number,
  ): Promise<readonly { id: string; title: string; createdById: string | null }[]>;
  /** Stores an interview with its tags in one transaction; returns its id. */
  addInterview(tenantId: string, interview: NewInterview): Promise<string>;
  interviewThemes(tenantId: string, surveyId: string): Promise<InterviewThemes>;
  /** Recent surveys of any audience, newest first (the interview form's choice). */
  recentSurveys(tenantId: string, limit: number): Promise<readonly { id: string; title: string }[]>;
  createPoll(input: {
    tenantId: string;
    hostId: string;
    question: string;
    options: readonly string[];
    correct: number | null;
    channel: string | null;
  }): Promise<PollView>;
  poll(tenantId: string, pollId: string): Promise<PollView | null>;
  /** One vote per person: a second vote replaces the first. False when the poll is closed or unknown. */
  vote(tenantId: string, pollId: string, personId: string, option: number): Promise<boolean>;
  /** Closes an open poll; false when it was closed already. */
  closePoll(tenantId: string, pollId: string, at: Date): Promise<boolean>;
}
