import type { Feature } from "../feature.js";
import { kpiChatCommand } from "./kpi-chat.js";

/** Service KPIs (SEED step 10) in chat: `/kpi` and `/kpi <metric> [unit]`. */
export const kpisFeature: Feature = {
  name: "kpis",
  commands: [
    {
      command: "kpi",
      description: "commands.kpi",
      run: (ctx, args) => kpiChatCommand(ctx.services, ctx.requester, args),
    },
  ],
};
