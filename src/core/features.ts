import type { ActionDecl, CommandDecl, Feature, FormDecl, JobDecl } from "./feature.js";
import { feedbackFeature } from "./feedback/feature.js";
import { goalsFeature } from "./goals/feature.js";
import { kpisFeature } from "./kpis/feature.js";
import type { DeliveryRenderers } from "./ports.js";
import type { Services } from "./services.js";
import { statementsFeature } from "./statements/feature.js";
import { surveysFeature } from "./surveys/feature.js";
import { trainingsFeature } from "./trainings/feature.js";

/**
 * The registry: every capability Kurs offers in chat. The Slack and Teams adapters, the command
 * router and the help card all read it; a new capability is one entry here.
 */
export const FEATURES: readonly Feature[] = [
  goalsFeature,
  statementsFeature,
  surveysFeature,
  feedbackFeature,
  trainingsFeature,
  kpisFeature,
];

export interface Registry {
  readonly features: readonly Feature[];
  readonly commands: readonly CommandDecl[];
  action(id: string): ActionDecl | undefined;
  form(id: string): FormDecl | undefined;
  job(name: string): JobDecl | undefined;
}

/** Indexes the features; refuses two declarations of one id, which would make a button ambiguous. */
export function buildRegistry(features: readonly Feature[]): Registry {
  const actions = new Map<string, ActionDecl>();
  const forms = new Map<string, FormDecl>();
  const jobs = new Map<string, JobDecl>();
  const claim = (id: string, owner: string) => {
    if (actions.has(id) || forms.has(id)) throw new Error(`${owner} declares ${id}, which is declared already`);
  };
  for (const feature of features) {
    for (const decl of feature.actions ?? []) {
      claim(decl.ref.id, feature.name);
      actions.set(decl.ref.id, decl);
    }
    for (const decl of feature.forms ?? []) {
      claim(decl.id, feature.name);
      forms.set(decl.id, decl);
    }
    for (const decl of feature.jobs ?? []) {
      if (jobs.has(decl.name)) throw new Error(`${feature.name} declares job ${decl.name}, which is declared already`);
      jobs.set(decl.name, decl);
    }
  }
  return {
    features,
    commands: features.flatMap((f) => f.commands ?? []),
    action: (id) => actions.get(id),
    form: (id) => forms.get(id),
    job: (name) => jobs.get(name),
  };
}

export const registry: Registry = buildRegistry(FEATURES);

/** The outbox's renderers by purpose, from every feature's `deliveries`; a purpose belongs to one feature. */
export function deliveryRenderers(services: Services, reg: Registry = registry): DeliveryRenderers {
  const renderers: Record<string, DeliveryRenderers[string]> = {};
  for (const feature of reg.features) {
    for (const [purpose, render] of Object.entries(feature.deliveries ?? {})) {
      if (renderers[purpose])
        throw new Error(`${feature.name} declares delivery ${purpose}, which is declared already`);
      renderers[purpose] = { render: (request) => render(services, request) };
    }
  }
  return renderers;
}
