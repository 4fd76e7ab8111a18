/**
 * The AnyCheck sandbox's request bodies: JSON objects and multipart forms, refused in AnyCheck's
 * error format. (Reading with a size cap is ../../kit/sandbox-http.ts.)
 */
import { SandboxError } from './errors.ts';

export type FilePart = Exclude<ReturnType<FormData['get']>, string | null>;

export function jsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) throw new SandboxError(400, 'INVALID_REQUEST', 'A JSON body is required.');
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new SandboxError(400, 'INVALID_REQUEST', 'The body is not valid JSON.');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new SandboxError(400, 'INVALID_REQUEST', 'The body must be a JSON object.');
  return value as Record<string, unknown>;
}

export async function formBody(body: Buffer, contentType: string | undefined): Promise<FormData> {
  const type = contentType ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data'))
    throw new SandboxError(400, 'INVALID_REQUEST', 'Expected multipart/form-data.');
  try {
    return await new Response(new Uint8Array(body), {
      headers: { 'content-type': type },
    }).formData();
  } catch {
    throw new SandboxError(400, 'INVALID_REQUEST', 'The multipart body cannot be read.');
  }
}

export function filesOf(form: FormData): FilePart[] {
  return form.getAll('files').filter((f): f is FilePart => typeof f !== 'string');
}
