/**
 * The path-traversal guard of the app:// protocol. A request path is judged on its raw,
 * still-encoded form (so `%2e%2e` and `%5c` cannot sneak past a decoder that runs later), then
 * resolved against the real root, then the real file is checked again so a symlink inside the
 * root cannot lead outside it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

export type PathCheck = { ok: true; segments: string[] } | { ok: false; reason: string };

const DRIVE = /^[a-zA-Z]:/;

/** Splits `app://host/raw/path?query` without URL normalisation, which would hide `..`. */
export function splitRawUrl(url: string): { scheme: string; host: string; rawPath: string } | null {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/.exec(url);
  if (!match) return null;
  return {
    scheme: (match[1] ?? '').toLowerCase(),
    host: (match[2] ?? '').toLowerCase(),
    rawPath: match[3] ?? '',
  };
}

export function checkRequestPath(rawPath: string): PathCheck {
  if (rawPath.includes('\\') || /%5c/i.test(rawPath))
    return { ok: false, reason: 'backslash in path' };
  if (/%2f/i.test(rawPath)) return { ok: false, reason: 'encoded slash in path' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, reason: 'malformed percent-encoding' };
  }
  if (decoded.includes('\0')) return { ok: false, reason: 'NUL in path' };
  const relative = decoded.startsWith('/') ? decoded.slice(1) : decoded;
  if (relative.startsWith('/') || DRIVE.test(relative))
    return { ok: false, reason: 'absolute path' };
  if (relative === '') return { ok: true, segments: [] };
  const segments = relative.split('/');
  for (const segment of segments) {
    if (segment === '..' || segment === '.') return { ok: false, reason: 'dot segment in path' };
    if (segment === '') return { ok: false, reason: 'empty segment in path' };
    // ':' would name a drive or an NTFS alternate data stream on Windows.
    if (segment.includes(':')) return { ok: false, reason: 'colon in path' };
  }
  return { ok: true, segments };
}

export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/** The real path of a regular file under `root`, or null (missing, a folder, or escaping). */
export async function resolveInsideRoot(
  root: string,
  segments: readonly string[],
): Promise<string | null> {
  try {
    const realRoot = await fs.realpath(root);
    const candidate = path.resolve(realRoot, ...segments);
    if (!isInside(realRoot, candidate)) return null;
    const real = await fs.realpath(candidate);
    if (!isInside(realRoot, real)) return null;
    const stat = await fs.stat(real);
    return stat.isFile() ? real : null;
  } catch {
    return null;
  }
}

/** For paths main did not build itself (the engine's document store): a real file inside root. */
export async function realFileInside(root: string, file: string): Promise<string | null> {
  try {
    const realRoot = await fs.realpath(root);
    const real = await fs.realpath(file);
    if (!isInside(realRoot, real)) return null;
    const stat = await fs.stat(real);
    return stat.isFile() ? real : null;
  } catch {
    return null;
  }
}
