/**
 * File type from content (magic bytes), never from the extension, plus a completeness check on
 * the file's end: a scanner that pauses between pages leaves a file that looks stable but lacks
 * its end marker.
 */
import fs from 'node:fs/promises';

export const SUPPORTED_MIME = [
  'image/jpeg',
  'image/png',
  'image/tiff',
  'image/webp',
  'image/heic',
  'application/pdf',
] as const;
export type SupportedMime = (typeof SUPPORTED_MIME)[number];

const EXTENSIONS: Record<SupportedMime, readonly string[]> = {
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/png': ['png'],
  'image/tiff': ['tif', 'tiff'],
  'image/webp': ['webp'],
  'image/heic': ['heic', 'heif'],
  'application/pdf': ['pdf'],
};

export function mimeFromHead(head: Buffer): SupportedMime | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)
    return 'image/jpeg';
  if (
    head.length >= 8 &&
    head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    return 'image/png';
  }
  if (head.length >= 4) {
    const sig = head.subarray(0, 4).toString('latin1');
    if (sig === 'II*\0' || sig === 'MM\0*') return 'image/tiff';
  }
  if (
    head.length >= 12 &&
    head.subarray(0, 4).toString('latin1') === 'RIFF' &&
    head.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return 'image/webp';
  }
  if (head.length >= 12 && head.subarray(4, 8).toString('latin1') === 'ftyp') {
    const brand = head.subarray(8, 12).toString('latin1');
    if (['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(brand))
      return 'image/heic';
  }
  // PDF readers accept a header anywhere in the first kilobyte.
  if (head.subarray(0, 1024).includes('%PDF-')) return 'application/pdf';
  return null;
}

export function extensionMatches(fileName: string, mime: SupportedMime): boolean {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  return EXTENSIONS[mime].includes(ext);
}

/** Human description of what we found for unsupported files ("a Word document", "a ZIP archive" …). */
export function describeUnsupported(head: Buffer, fileName: string): string {
  const sig = head.subarray(0, 8);
  if (sig.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])))
    return 'a ZIP-based file (Office document or archive)';
  if (sig.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))
    return 'an old Office document';
  if (sig.subarray(0, 2).toString('latin1') === 'BM') return 'a BMP image';
  if (sig.subarray(0, 3).toString('latin1') === 'GIF') return 'a GIF image';
  const ext = fileName.includes('.') ? fileName.split('.').pop() : null;
  return ext ? `a .${ext} file of unknown content` : 'a file of unknown content';
}

/**
 * Whether the bytes look finished: JPEG ends with EOI, PNG with IEND, PDF has %%EOF near its end,
 * WebP's RIFF size matches. TIFF and HEIC have no cheap end marker and count as complete.
 */
export function looksComplete(
  mime: SupportedMime,
  tail: Buffer,
  size: number,
  head: Buffer,
): boolean {
  switch (mime) {
    case 'image/jpeg': {
      // Some devices pad after EOI; accept EOI within the last 64 bytes followed by padding.
      const t = tail.subarray(Math.max(0, tail.length - 64));
      for (let i = t.length - 2; i >= 0; i--) {
        if (t[i] === 0xff && t[i + 1] === 0xd9)
          return t
            .subarray(i + 2)
            .every((b) => b === 0x00 || b === 0xff || b === 0x0a || b === 0x0d);
      }
      return false;
    }
    case 'image/png':
      return tail.subarray(Math.max(0, tail.length - 12)).includes(Buffer.from('IEND', 'latin1'));
    case 'application/pdf':
      return tail.includes('%%EOF');
    case 'image/webp':
      return head.length >= 8 && head.readUInt32LE(4) + 8 <= size;
    default:
      return true;
  }
}

export interface FileProbe {
  mime: SupportedMime | null;
  head: Buffer;
  complete: boolean;
}

/** Reads the first 4 KiB and the last 1 KiB of a file. */
export async function probeFile(path: string, size: number): Promise<FileProbe> {
  const handle = await fs.open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(4096, size));
    if (head.length) await handle.read(head, 0, head.length, 0);
    const tailLength = Math.min(1024, size);
    const tail = Buffer.alloc(tailLength);
    if (tailLength) await handle.read(tail, 0, tailLength, size - tailLength);
    const mime = mimeFromHead(head);
    return { mime, head, complete: mime ? looksComplete(mime, tail, size, head) : true };
  } finally {
    await handle.close();
  }
}
