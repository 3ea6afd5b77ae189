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

  async get(tenantId: string, personId: string): Promise<Partial<ConversationReference> | null> {
    const row = await this.prisma.teamsConversation.findUnique({
      where: { tenantId_personId: { tenantId, personId } },
    });
    return row ? (row.reference as Partial<ConversationReference>) : null;
  }
}
