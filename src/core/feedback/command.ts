import type { Requester } from "../org/identify.js";
import type { Services } from "../services.js";
import type { Block, Card } from "../ui/card.js";
import { escapeMarkup } from "../ui/markup.js";
import type { Reply } from "../ui/reply.js";
import { cardReply, isCard, isManagingDirector, type Member, member, textCard } from "./common.js";
import { coverageOfLeader, unitCoverage } from "./coverage.js";
import { ensureDraft, profileCommand } from "./profile-service.js";
import { myTalksCard, resolveReport, scheduleCommand } from "./talk-service.js";
import type { MemberKind } from "./types.js";
import { formatDay, parseDate, todayIn } from "./when.js";

const WORDS = {
  schedule: ["schedule", "planen", "plan"],
  status: ["status", "stand"],
  profile: ["profile", "profil"],
  group: ["group", "gruppe", "arbeitsgruppe"],
  hr: ["hr", "personal"],
  campaign: ["campaign", "kampagne"],
  add: ["add", "hinzufügen", "hinzufuegen"],
  remove: ["remove", "entfernen"],
} as const;

const is = (word: string, list: readonly string[]) => list.includes(word.toLowerCase());

function split(text: string): [string, string] {
  const match = /^(\S*)\s*([\s\S]*)$/.exec(text.trim());
  return [match?.[1] ?? "", match?.[2] ?? ""];
}

/** `/feedback [schedule|status|profile|group|hr|campaign] …`. */
export async function feedbackCommand(services: Services, requester: Requester, args: string): Promise<Reply> {
  const m = member(requester);
  if (isCard(m)) return cardReply(m);
  await ensureDraft(services, m.tenant.id);
  const [word, rest] = split(args);
  if (word === "") return cardReply(await myTalksCard(services, m));
  if (is(word, WORDS.schedule)) return scheduleCommand(services, m, rest);
  if (is(word, WORDS.status)) return cardReply(await statusCard(services, m));
  if (is(word, WORDS.profile)) return profileCommand(services, requester);
  if (is(word, WORDS.group)) return cardReply(await membersCommand(services, m, "working_group", rest));
  if (is(word, WORDS.hr)) return cardReply(await membersCommand(services, m, "hr", rest));
  if (is(word, WORDS.campaign)) return cardReply(await campaignCommand(services, m, rest));
  return cardReply(textCard(m.t("feedback.usage", { word: escapeMarkup(word.slice(0, 40)) })));
}

/**
 * Coverage: a leader sees their reports by name with done / scheduled / missing; area heads and
 * managing directors see per unit the percentage done, nothing more.
 */
async function statusCard(services: Services, m: Member): Promise<Card> {
  const { t } = m;
  const [people, talks, campaign] = await Promise.all([
    services.feedback.people(m.tenant.id),
    services.feedback.activeTalks(m.tenant.id),
    services.feedback.campaign(m.tenant.id),
  ]);
  const blocks: Block[] = [{ type: "header", text: t("feedback.status.title") }];
  if (campaign) {
    blocks.push({
      type: "context",
      text: t("feedback.status.campaign", {
        start: formatDay(campaign.startDate, t.locale),
        end: formatDay(campaign.endDate, t.locale),
      }),
    });
  }
  const mine = coverageOfLeader(m.person.id, people, talks, campaign);
  const reports = mine.done.length + mine.scheduled.length + mine.missing.length;
  if (reports > 0) {
    const names = (list: readonly { name: string }[]) =>
      list.map((p) => escapeMarkup(p.name)).join(", ") || t("common.none");
    blocks.push(
      { type: "text", text: `**${t("feedback.status.myReports")}**` },
      {
        type: "fields",
        fields: [
          { label: t("feedback.status.done", { count: mine.done.length }), value: names(mine.done) },
          { label: t("feedback.status.scheduled", { count: mine.scheduled.length }), value: names(mine.scheduled) },
          { label: t("feedback.status.missing", { count: mine.missing.length }), value: names(mine.missing) },
        ],
      },
    );
  }
  const roots = m.person.roles
    .filter((r) => r.role === "managing_director" || r.role === "area_head")
    .map((r) => r.unit.id);
  if (roots.length > 0) {
    const [units, orgPeople] = await Promise.all([services.org.units(m.tenant.id), services.org.people(m.tenant.id)]);
    const rows = unitCoverage(roots, units, orgPeople, people, talks, campaign);
    blocks.push({ type: "text", text: `**${t("feedback.status.perUnit")}**` });
    for (const row of rows) {
      if (row.percent === null) continue;
      blocks.push({
        type: "progress",
        label: escapeMarkup(row.unit.path),
        percent: row.percent,
        note: `${row.percent} %`,
      });
    }
  }
  if (reports === 0 && roots.length === 0) blocks.push({ type: "text", text: t("feedback.status.nothing") });
  return { summary: t("feedback.status.title"), blocks };
}

/** `/feedback group [add|remove <person>]` (working group) and `/feedback hr …` (HR members). */
async function membersCommand(services: Services, m: Member, kind: MemberKind, args: string): Promise<Card> {
  const { t } = m;
  const [verb, who] = split(args);
  const people = await services.feedback.people(m.tenant.id);
  const label = kind === "hr" ? t("feedback.members.hr") : t("feedback.members.group");
  if (verb !== "") {
    if (!isManagingDirector(m.person)) return textCard(t("feedback.members.onlyDirector"));
    const adding = is(verb, WORDS.add);
    if (!adding && !is(verb, WORDS.remove)) return textCard(t("feedback.members.usage"));
    // Anyone in the tenant can join, not only the director's reports.
    const match = resolveReport(m, people, who, "anyone");
    if (!match.ok) return match.card;
    await services.feedback.setMember(m.tenant.id, kind, match.person.id, adding);
    return textCard(
      t(adding ? "feedback.members.added" : "feedback.members.removed", {
        name: escapeMarkup(match.person.name),
        group: label,
      }),
    );
  }
  const ids = await services.feedback.members(m.tenant.id, kind);
  const names = ids.map((id) => people.find((p) => p.id === id)?.name ?? "?").map(escapeMarkup);
  const lines: Block[] = [
    { type: "header", text: label },
    names.length > 0 ? { type: "list", items: names } : { type: "text", text: t("common.none") },
  ];
  if (kind === "hr") {
    const on = await services.feedback.hrAccess(m.tenant.id);
    lines.push({ type: "context", text: t(on ? "feedback.members.hrOn" : "feedback.members.hrOff") });
  }
  if (isManagingDirector(m.person)) lines.push({ type: "context", text: t("feedback.members.usage") });
  return { summary: label, blocks: lines };
}

/** `/feedback campaign <end-date>`: a managing director starts (or extends) the round of talks today. */
async function campaignCommand(services: Services, m: Member, args: string): Promise<Card> {
  const { t } = m;
  if (args.trim() === "") {
    const campaign = await services.feedback.campaign(m.tenant.id);
    return textCard(
      campaign
        ? t("feedback.status.campaign", {
            start: formatDay(campaign.startDate, t.locale),
            end: formatDay(campaign.endDate, t.locale),
          })
        : t("feedback.campaign.none"),
    );
  }
  if (!isManagingDirector(m.person)) return textCard(t("feedback.campaign.onlyDirector"));
  const date = parseDate(args.trim());
  if (!date) return textCard(t("feedback.campaign.usage"));
  const end = `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
  const today = todayIn(m.tenant.timezone, services.clock.now());
  if (end < today) return textCard(t("feedback.campaign.past"));
  const existing = await services.feedback.campaign(m.tenant.id);
  const start = existing && existing.endDate >= today ? existing.startDate : today;
  await services.feedback.setCampaign(m.tenant.id, { startDate: start, endDate: end }, m.person.id);
  return textCard(t("feedback.campaign.set", { start: formatDay(start, t.locale), end: formatDay(end, t.locale) }));
}
