/**
 * Acrobat's text-edit marker (R-PDF-4): the marked-content point `/TouchUp_TextEdit MP` that
 * Acrobat leaves where text was edited. It lives inside Flate-compressed content streams and pdf.js
 * drops MP operators, so every stream is decoded with pdf-lib and searched.
 */
import { PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';

const MARKER = Buffer.from('/TouchUp_TextEdit', 'latin1');
/** Stop decoding after this much content: a marker hides in content streams, not in 100 MB of images. */
const MAX_DECODED_BYTES = 64 * 1024 * 1024;

export interface TouchUpScan {
  found: number;
  streamsScanned: number;
  truncated: boolean;
}

export async function scanTouchUp(bytes: Uint8Array): Promise<TouchUpScan> {
  // updateMetadata:false, or pdf-lib would overwrite Producer/ModDate in memory while loading.
  const doc = await PDFDocument.load(bytes, {
    updateMetadata: false,
    ignoreEncryption: false,
    throwOnInvalidObject: false,
  });
  let found = 0;
  let streamsScanned = 0;
  let decoded = 0;
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFRawStream)) continue;
    // Image data cannot hold content operators; skipping it saves decoding megabytes of pixels.
    if (obj.dict.get(PDFName.of('Subtype')) === PDFName.of('Image')) continue;
    let data: Uint8Array;
    try {
      data = decodePDFRawStream(obj).decode();
    } catch {
      continue; // unsupported filter (e.g. an image codec): cannot hold content operators
    }
    streamsScanned++;
    decoded += data.length;
    found += countOccurrences(data, MARKER);
    if (decoded > MAX_DECODED_BYTES) return { found, streamsScanned, truncated: true };
  }
  return { found, streamsScanned, truncated: false };
}

function countOccurrences(haystack: Uint8Array, needle: Uint8Array): number {
  return (
    Buffer.from(haystack.buffer, haystack.byteOffset, haystack.length)
      .toString('latin1')
      .split(needle.toString()).length - 1
  );
}
