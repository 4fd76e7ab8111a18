import type { Database } from 'better-sqlite3';
import * as m0001 from './0001-init.ts';
import * as m0002 from './0002-near-duplicates.ts';
import * as m0003 from './0003-review.ts';
import * as m0004 from './0004-pdf-passwords.ts';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

/** Forward-only, numbered; each runs in its own transaction that also bumps user_version. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'init', up: m0001.up },
  { version: 2, name: 'near-duplicates', up: m0002.up },
  { version: 3, name: 'review', up: m0003.up },
  { version: 4, name: 'pdf-passwords', up: m0004.up },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
