import type { ConversationReference } from "botbuilder";
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";

/**
 * Conversation references for proactive Teams messages. Bot Framework can only message someone in
 * a conversation it has seen, so every incoming activity from a known person refreshes theirs.
 */
export class TeamsConversationRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async save(tenantId: string, personId: string, reference: Partial<ConversationReference>): Promise<void> {
    const json = JSON.parse(JSON.stringify(reference)) as Prisma.InputJsonValue;
    await this.prisma.teamsConversation.upsert({
      where: { tenantId_personId: { tenantId, personId } },
      create: { tenantId, personId, reference: json },
      update: { reference: json },
    });
  }

  /**
   * What opening a new 1:1 chat needs: the tenant's Teams tenant id, and the serviceUrl of any
   * conversation Kurs already has in that tenant (Teams uses one per region); null: use the default.
   */
  async tenantTarget(tenantId: string): Promise<{ teamsTenantId: string | null; serviceUrl: string | null }> {
    const [tenant, any] = await Promise.all([
      this.prisma.tenant.findUnique({ where: { id: tenantId }, select: { teamsTenantId: true } }),
      this.prisma.teamsConversation.findFirst({
        where: { tenantId },
        orderBy: { updatedAt: "desc" },
        select: { reference: true },
      }),
    ]);
    const reference = any?.reference;
    const serviceUrl =
      reference && typeof reference === "object" && !Array.isArray(reference) ? reference.serviceUrl : undefined;
    return {
      teamsTenantId: tenant?.teamsTenantId ?? null,
      serviceUrl: typeof serviceUrl === "string" && serviceUrl !== "" ? serviceUrl : null,
    };
  }

  async get(tenantId: string, personId: string): Promise<Partial<ConversationReference> | null> {
    const row = await this.prisma.teamsConversation.findUnique({
      where: { tenantId_personId: { tenantId, personId } },
    });
    return row ? (row.reference as Partial<ConversationReference>) : null;
  }
}
