import { createHash } from 'node:crypto';

/** The content hash of a normalised text: SHA-256, hex. */
export function hashText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
