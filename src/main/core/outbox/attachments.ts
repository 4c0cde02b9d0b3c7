import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { StoredAttachment } from './outbox';

/** What nodemailer gets: bytes we read ourselves, never a path or URL for it to fetch. */
export interface ReadAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export class AttachmentRefused extends Error {
  readonly code = 'EATTACHMENT';
}

const inside = (folder: string, file: string) => {
  const rel = relative(folder, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/**
 * Why a stored attachment may not be sent, or null. File attachments may only name a file inside
 * `exports/` (the export jobs write there): never a URL (nodemailer would fetch it), never a path
 * elsewhere or one that climbs out with `..`. Checked on the text alone, so a restore can refuse
 * a backup whose outbox points anywhere else before it is swapped in.
 */
export function attachmentProblem(attachment: unknown, exportsFolder: string): string | null {
  if (typeof attachment !== 'object' || attachment === null) return 'an attachment is not an object';
  const a = attachment as Record<string, unknown>;
  const keys = Object.keys(a).sort().join(',');
  if (typeof a['filename'] !== 'string' || typeof a['contentType'] !== 'string')
    return 'an attachment has no file name or type';
  if (keys === 'content,contentType,filename') {
    return typeof a['content'] === 'string' ? null : 'an attachment has unreadable content';
  }
  if (keys !== 'contentType,filename,path' || typeof a['path'] !== 'string')
    return 'an attachment is neither inline content nor a file';
  const path = a['path'];
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) && !/^[a-z]:[\\/]/i.test(path))
    return 'an attachment is a web address';
  if (path.split(/[\\/]/).includes('..')) return 'an attachment path climbs out of its folder';
  if (!inside(resolve(exportsFolder), resolve(exportsFolder, path)))
    return 'an attachment is outside the exports folder';
  return null;
}

/**
 * Reads a stored attachment for sending. A file is opened only when its real path (symlinks
 * resolved) is inside the real exports folder, and its bytes are handed to nodemailer as content.
 */
export async function readAttachment(
  attachment: StoredAttachment,
  exportsFolder: string,
): Promise<ReadAttachment> {
  const problem = attachmentProblem(attachment, exportsFolder);
  if (problem) throw new AttachmentRefused(`Not sent: ${problem}.`);
  if ('content' in attachment) {
    return {
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: Buffer.from(attachment.content, 'base64'),
    };
  }
  let folder: string;
  let file: string;
  try {
    folder = await realpath(exportsFolder);
    file = await realpath(resolve(exportsFolder, attachment.path));
  } catch {
    throw new AttachmentRefused('Not sent: the attached file is no longer in the exports folder.');
  }
  if (
    !inside(folder, file) ||
    file
      .slice(folder.length + 1)
      .split(sep)
      .includes('..')
  )
    throw new AttachmentRefused('Not sent: an attachment is outside the exports folder.');
  const handle = await open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    return {
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: await handle.readFile(),
    };
  } finally {
    await handle.close();
  }
}
