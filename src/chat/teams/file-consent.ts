import type { Attachment, TurnContext } from "botbuilder";
import { z } from "zod/v4";
import type { DeliveryFile } from "../../core/ports.js";

/**
 * Files in a Teams 1:1 chat: a bot cannot attach a file to a message. It offers the file with a
 * file-consent card; when the person accepts, Teams hands the bot an upload URL in their OneDrive
 * (fileConsent/invoke), the bot uploads the bytes there and posts a file-info card that opens the
 * file. Needs `supportsFiles: true` in the Teams manifest; works in personal chats only, which is
 * where the outbox sends.
 */
export const FILE_CONSENT_CARD = "application/vnd.microsoft.teams.card.file.consent";
export const FILE_INFO_CARD = "application/vnd.microsoft.teams.card.file.info";
export const FILE_CONSENT_INVOKE = "fileConsent/invoke";

/** The consent card echoes acceptContext back on accept; the file is small (a calendar entry), so it travels along. */
const fileContext = z.object({
  kurs: z.literal("file"),
  filename: z.string().min(1).max(200),
  mediaType: z.string().min(1).max(100),
  content: z.string().max(64_000),
});

export function fileConsentAttachment(file: DeliveryFile): Attachment {
  const context = { kurs: "file", filename: file.filename, mediaType: file.mediaType, content: file.content };
  return {
    contentType: FILE_CONSENT_CARD,
    name: file.filename,
    content: {
      description: file.description ?? file.filename,
      sizeInBytes: Buffer.byteLength(file.content, "utf8"),
      acceptContext: context,
      declineContext: { kurs: "file", filename: file.filename },
    },
  };
}

const consentInvoke = z.object({
  type: z.literal("fileUpload"),
  action: z.enum(["accept", "decline"]),
  context: z.unknown(),
  uploadInfo: z
    .object({
      uploadUrl: z.string().url(),
      contentUrl: z.string().url(),
      name: z.string().min(1),
      uniqueId: z.string().min(1),
      fileType: z.string(),
    })
    .optional(),
});

export type FileConsentOutcome = "uploaded" | "declined" | "invalid";

/**
 * Answers a fileConsent/invoke: on accept, PUT the file to the person's OneDrive upload URL (one
 * range, as the upload session expects) and post the file-info card. Anything malformed is refused
 * without touching any URL.
 */
export async function handleFileConsent(
  context: TurnContext,
  upload: (url: string, bytes: Buffer) => Promise<void>,
): Promise<FileConsentOutcome> {
  const parsed = consentInvoke.safeParse(context.activity.value);
  if (!parsed.success) return "invalid";
  if (parsed.data.action === "decline") return "declined";
  const file = fileContext.safeParse(parsed.data.context);
  const info = parsed.data.uploadInfo;
  if (!file.success || !info || !/^https?:$/.test(new URL(info.uploadUrl).protocol)) return "invalid";
  await upload(info.uploadUrl, Buffer.from(file.data.content, "utf8"));
  await context.sendActivity({
    attachments: [
      {
        contentType: FILE_INFO_CARD,
        contentUrl: info.contentUrl,
        name: info.name,
        content: { uniqueId: info.uniqueId, fileType: info.fileType },
      },
    ],
  });
  return "uploaded";
}

/** The upload itself: one PUT with the whole file as the single range. */
export async function putToUploadUrl(url: string, bytes: Buffer): Promise<void> {
  const res = await fetch(url, {
    method: "PUT",
    headers: {
      "content-length": String(bytes.length),
      "content-range": `bytes 0-${Math.max(0, bytes.length - 1)}/${bytes.length}`,
    },
    body: bytes,
  });
  if (!res.ok) throw new Error(`file upload failed: HTTP ${res.status}`);
}
