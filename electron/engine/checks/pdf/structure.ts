/**
 * What the raw bytes of a PDF say before any parser interprets them (domain-checks.md §6, R-PDF-3):
 * revisions from `startxref` sections, linearisation, signatures and their byte ranges,
 * encryption, and whether the file ends properly. Parsers repair and hide exactly these things.
 */
export interface PdfSignature {
  byteRange: [number, number, number, number];
}

export interface PdfStructure {
  isPdf: boolean;
  version: string | null;
  /** A '%%EOF' marker in the last 2 KB: a file cut off while copying has none. */
  endsProperly: boolean;
  linearized: boolean;
  /** `startxref` sections that point somewhere (value ≠ 0), excluding a linearised first-page trailer. */
  xrefSections: number;
  signatures: PdfSignature[];
  /** Bytes after the end of the last signed range, ignoring trailing whitespace. */
  bytesAfterLastSignature: number;
  encrypted: boolean;
}

const TAIL = 2048;

export function scanPdfStructure(bytes: Uint8Array): PdfStructure {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  const head = text.slice(0, 1024);
  const headerAt = head.indexOf('%PDF-');
  const version = headerAt >= 0 ? (/%PDF-(\d\.\d)/.exec(head)?.[1] ?? null) : null;
  const linearized = /\/Linearized\b/.test(head);

  const startxrefs = [...text.matchAll(/startxref\s+(\d+)/g)].map((m) => ({
    at: m.index,
    value: Number(m[1]),
  }));
  // A linearised file starts with a first-page trailer whose startxref is not a revision.
  const counted = linearized && startxrefs.length > 0 ? startxrefs.slice(1) : startxrefs;
  const xrefSections = counted.filter((s) => s.value !== 0).length;

  const signatures: PdfSignature[] = [
    ...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g),
  ].map((m) => ({
    byteRange: [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])],
  }));
  let bytesAfterLastSignature = 0;
  if (signatures.length > 0) {
    const end = Math.max(...signatures.map((s) => s.byteRange[2] + s.byteRange[3]));
    bytesAfterLastSignature = text.slice(end).replace(/\s+/g, '').length;
  }

  return {
    isPdf: headerAt >= 0,
    version,
    endsProperly: text.slice(-TAIL).includes('%%EOF'),
    linearized,
    xrefSections,
    signatures,
    bytesAfterLastSignature,
    encrypted: /\/Encrypt\s*(\d+\s+\d+\s+R|<<)/.test(text),
  };
}
