/**
 * Small document files written into a temp dir: just enough bytes for a signature check, plus
 * any sandbox marker the test wants the sandbox to find.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DocumentKind } from '../../../../shared/model.ts';
import type { SubmissionDocument } from '../../../../electron/engine/providers/types.ts';

const SIGNATURES = {
  jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]),
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  pdf: Buffer.from('%PDF-1.7\n'),
  gif: Buffer.from('GIF89a'),
};

let counter = 0;

export interface DocSpec {
  field: string;
  kind?: DocumentKind;
  format?: keyof typeof SIGNATURES;
  /** Text placed inside the file body (sandbox markers). */
  content?: string;
  fileName?: string;
  /** Pads the file to this many bytes. */
  size?: number;
}

export function writeDoc(dir: string, spec: DocSpec): SubmissionDocument {
  counter += 1;
  const format = spec.format ?? 'jpeg';
  let bytes = Buffer.concat([
    SIGNATURES[format],
    Buffer.from(`\n${spec.content ?? ''}\nunique-${counter}-${Math.random()}\n`),
  ]);
  if (spec.size && spec.size > bytes.length)
    bytes = Buffer.concat([bytes, Buffer.alloc(spec.size - bytes.length, 0x20)]);
  const fileName =
    spec.fileName ?? `${spec.field}-${counter}.${format === 'jpeg' ? 'jpg' : format}`;
  const file = path.join(dir, `${counter}-${fileName}`);
  fs.writeFileSync(file, bytes);
  return {
    documentId: counter,
    field: spec.field,
    kind: spec.kind ?? 'KTP',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    path: file,
    mime: format === 'pdf' ? 'application/pdf' : `image/${format}`,
    fileName,
  };
}
