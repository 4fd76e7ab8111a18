/** Reading request bodies in the sandbox: size cap, JSON objects and multipart forms. */
import type { IncomingMessage } from 'node:http';
import { SandboxError } from './errors.ts';

export type FilePart = Exclude<ReturnType<FormData['get']>, string | null>;

/** Reads the body up to the cap; past it the rest is drained (and far past it the socket dropped). */
export function readBody(req: IncomingMessage, maxBody: number): Promise<{ body: Buffer; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    let tooLarge = declared > maxBody;
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
      else if (size > maxBody * 4) req.destroy();
    });
    req.on('end', () => resolve({ body: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge }));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('request aborted'));
    });
  });
}

export function jsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) throw new SandboxError(400, 'INVALID_REQUEST', 'A JSON body is required.');
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new SandboxError(400, 'INVALID_REQUEST', 'The body is not valid JSON.');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new SandboxError(400, 'INVALID_REQUEST', 'The body must be a JSON object.');
  return value as Record<string, unknown>;
}

export async function formBody(body: Buffer, contentType: string | undefined): Promise<FormData> {
  const type = contentType ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) throw new SandboxError(400, 'INVALID_REQUEST', 'Expected multipart/form-data.');
  try {
    return await new Response(new Uint8Array(body), { headers: { 'content-type': type } }).formData();
  } catch {
    throw new SandboxError(400, 'INVALID_REQUEST', 'The multipart body cannot be read.');
  }
}

export function filesOf(form: FormData): FilePart[] {
  return form.getAll('files').filter((f): f is FilePart => typeof f !== 'string');
}
