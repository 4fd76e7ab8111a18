/**
 * What a path in an inbox means: ignored (temporary/system/hidden), case data (applicant or
 * manifest sheets), or a document of some case. Case = the first folder under the inbox root;
 * a file directly in the root is a case of its own.
 */

/** Folders deeper than this below the inbox root are not scanned (reported, not silently skipped). */
export const MAX_DEPTH = 4;

/** Our own folder for processed originals; never scanned. */
export const PROCESSED_FOLDER = '_processed';

const TEMP_SUFFIXES = [
  '.part',
  '.crdownload',
  '.tmp',
  '.temp',
  '.download',
  '.partial',
  '.filepart',
  '.swp',
  '.lock',
];
const SYSTEM_NAMES = new Set(['thumbs.db', 'desktop.ini', '.ds_store', 'ehthumbs.db', 'icon\r']);

/** Returns a clerk-readable reason when the name must be ignored, else null. */
export function ignoredReason(name: string): string | null {
  const lower = name.toLowerCase();
  if (SYSTEM_NAMES.has(lower)) return 'system file';
  if (lower.startsWith('~$')) return 'temporary Office lock file';
  if (lower.startsWith('.~lock.')) return 'temporary LibreOffice lock file';
  if (name.startsWith('.')) return 'hidden file';
  const suffix = TEMP_SUFFIXES.find((s) => lower.endsWith(s));
  if (suffix)
    return `temporary file (${suffix}): it will be picked up once it is renamed to its final name`;
  return null;
}

export type CaseDataKind = 'applicant.json' | 'applicant.csv' | 'manifest.csv' | 'manifest.xlsx';

/** Case data files: applicant.* inside a case folder, manifest.* in the inbox root. */
export function caseDataKind(relPath: string): CaseDataKind | null {
  const parts = relPath.split('/');
  const name = parts[parts.length - 1]!.toLowerCase();
  if (parts.length === 1 && (name === 'manifest.csv' || name === 'manifest.xlsx')) return name;
  if (parts.length >= 2 && (name === 'applicant.json' || name === 'applicant.csv')) return name;
  return null;
}

export interface CaseLocation {
  key: string;
  folder: string;
}

/** The case a relative path belongs to. */
export function caseOf(relPath: string): CaseLocation {
  const parts = relPath.split('/');
  if (parts.length === 1) return { key: parts[0]!, folder: '' };
  return { key: parts[0]!, folder: parts[0]! };
}

/** Whether a folder (relative path) is scanned at all. */
export function folderIgnoredReason(relDir: string): string | null {
  const parts = relDir.split('/').filter(Boolean);
  if (parts[0] === PROCESSED_FOLDER) return 'processed originals';
  const hidden = parts.find((p) => p.startsWith('.'));
  if (hidden) return 'hidden folder';
  if (parts.length >= MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} folder levels`;
  return null;
}

/** POSIX-style relative path, whatever the platform separator. */
export function toRelPath(parts: readonly string[]): string {
  return parts.join('/');
}
