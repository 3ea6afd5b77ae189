import type { ViewOutput } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import { renderSlackHome } from "../../../src/chat/slack/render-block-kit.js";
import type { Card } from "../../../src/core/ui/card.js";
import type { RenderOptions } from "../../../src/core/ui/render-options.js";

/**
 * A card shown in place of the submitted modal, under the modal's own title, with no submit button:
 * there is nothing to send again. The Home renderer fits it, since modals and the Home tab share
 * Slack's 100-block limit and block types.
 */
export function noticeView(card: Card, submitted: ViewOutput, opts: RenderOptions): ModalView {
  const view: ModalView = {
    type: "modal",
    title: { type: "plain_text", text: submitted.title.text, emoji: true },
    blocks: renderSlackHome(card, opts).blocks,
  };
  if (submitted.close) view.close = { type: "plain_text", text: submitted.close.text, emoji: true };
  return view;
}
