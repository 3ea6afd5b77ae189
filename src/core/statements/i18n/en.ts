import type { CatalogOf } from "../../ui/i18n/catalog.js";
import type { de } from "./de.js";

/** English words for strategy statements; same keys as de.ts. English has no Sie/Du, so `_du` keys repeat the text. */
export const en = {
  statements: {
    notInOrg: "You are not in the org chart yet; Kurs shows statements once you are.",
    notInOrg_du: "You are not in the org chart yet; Kurs shows statements once you are.",
    nobody: "nobody in the org chart",
    refused_one: "Statements are published by the managing director: {{who}}.",
    refused_other: "Statements are published by the managing directors: {{who}}.",
    card: {
      summary: "Statement: {{title}}",
      meta: "By {{author}} · version {{version}} · {{date}}",
      read: "✓ read on {{date}}",
      readPrompt:
        "Please confirm with “Read” that you know the statement. Questions and remarks are welcome as a comment.",
      readPrompt_du:
        "Please confirm with “Read” that you know the statement. Questions and remarks are welcome as a comment.",
    },
    actions: {
      ack: "Read",
      comment: "Comment",
      revise: "Revise",
    },
    form: {
      title: "New statement",
      titleRevision: "Revise statement",
      submit: "Publish",
      close: "Cancel",
      intro:
        "The statement goes to every employee in their language. Without an English version, everyone reads the German one.",
      introRevision:
        "Version {{version}} replaces version {{previous}}. Everyone receives it again and confirms it again.",
      titleDe: "Title (German)",
      bodyDe: "Text (German)",
      titleEn: "Title (English, optional)",
      bodyEn: "Text (English, optional)",
      titleHint: "At most {{max}} characters.",
      englishHint: "English version: title and text belong together.",
    },
    errors: {
      titleRequired: "Please enter a title.",
      titleRequired_du: "Please enter a title.",
      titleTooLong: "The title is {{length}} characters long; at most {{max}} are allowed.",
      bodyRequired: "Please enter the text of the statement.",
      bodyRequired_du: "Please enter the text of the statement.",
      bodyTooLong: "The text is {{length}} characters long; at most {{max}} are allowed.",
      englishIncomplete: "The English version needs both title and text – please fill in both or leave both empty.",
      englishIncomplete_du: "The English version needs both title and text – please fill in both or leave both empty.",
      commentRequired: "Please write your comment.",
      commentRequired_du: "Please write your comment.",
      commentTooLong: "The comment is {{length}} characters long; at most {{max}} are allowed.",
      notFound: "That statement does not exist (any more).",
    },
    saved: {
      summary: "Statement published: {{title}}",
      text: "**{{title}}** (version {{version}}) is published. Kurs is now sending it to every employee.",
      deliveryDelayed:
        "**{{title}}** is published. Delivery is delayed because the queue is unreachable right now; Kurs sends the statement by itself as soon as it is back. There is no need to send it again.",
      deliveryDelayed_du:
        "**{{title}}** is published. Delivery is delayed because the queue is unreachable right now; Kurs sends the statement by itself as soon as it is back. There is no need to send it again.",
    },
    comment: {
      title: "Comment",
      submit: "Send",
      label: "Your comment",
      label_du: "Your comment",
      intro: "On “{{title}}” (version {{version}}). {{author}} receives your comment with your name.",
      intro_du: "On “{{title}}” (version {{version}}). {{author}} receives your comment with your name.",
      summary: "Comment saved",
      saved: "Thank you! Your comment on “{{title}}” is saved and goes to {{author}}.",
      saved_du: "Thank you! Your comment on “{{title}}” is saved and goes to {{author}}.",
      savedOwn: "Your comment on “{{title}}” is saved.",
      savedOwn_du: "Your comment on “{{title}}” is saved.",
    },
    notice: {
      summary: "{{name}} commented on “{{title}}”",
      text: "**{{name}}** commented on your statement “{{title}}” (version {{version}}):",
      text_du: "**{{name}}** commented on your statement “{{title}}” (version {{version}}):",
    },
    report: {
      summary: "Read receipts: {{title}}",
      header: "Read receipts – {{title}}",
      meta: "Version {{version}} · published {{date}}",
      count: "{{acknowledged}} of {{delivered}} read",
      areas: "Areas",
      teams: "Teams",
      line: "{{bar}} · **{{unit}}**: {{acknowledged}} of {{delivered}} read",
      privacy: "Counted is everyone who received the statement in Slack or Teams. Kurs shows units, not names.",
      nobody: "The statement has not reached anyone yet; sending may still be under way.",
      unreachable_one: "**{{count}} person** could not be reached in Slack or Teams:",
      unreachable_other: "**{{count}} people** could not be reached in Slack or Teams:",
      reason_one: "{{reason}}: {{count}} person",
      reason_other: "{{reason}}: {{count}} people",
      waiting_one:
        "{{count}} message is still waiting to be sent (e.g. while the queue or a chat platform is unreachable).",
      waiting_other:
        "{{count}} messages are still waiting to be sent (e.g. while the queue or a chat platform is unreachable).",
      noStatement: "No statement has been published yet.",
      refused: "Read receipts are for the managing directors and area heads.",
    },
    usage: {
      summary: "How /kurs statement works",
      text: "/kurs statement does not understand “{{args}}”. You can use:",
      items:
        "**/kurs statement** – publish a new statement (managing directors)\n**/kurs statement report** – read receipts per unit",
    },
  },
} as const satisfies CatalogOf<typeof de>;
