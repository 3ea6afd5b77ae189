import type { SubmissionLog } from "../core/ports.js";
import type { PrismaClient } from "../generated/prisma/client.js";

/** Form submissions claimed once per form instance; see SubmissionLog. */
export class PrismaSubmissionLog implements SubmissionLog {
  constructor(private readonly prisma: PrismaClient) {}

  async claim(tenantId: string, key: string, at: Date): Promise<boolean> {
    // ON CONFLICT DO NOTHING: of two concurrent submits exactly one inserts, without an error to catch.
    const inserted = await this.prisma.formSubmission.createMany({
      data: [{ tenantId, key, createdAt: at }],
      skipDuplicates: true,
    });
    return inserted.count === 1;
  }

  async release(tenantId: string, key: string): Promise<void> {
    await this.prisma.formSubmission.deleteMany({ where: { tenantId, key } });
  }
}
