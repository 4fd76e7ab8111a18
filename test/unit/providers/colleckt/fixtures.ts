/** Reads a payload fixture the way `checkdesk normalize` does: lenient JSON first. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseLenientJson } from '../../../../shared/lenient-json.ts';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../fixtures/providers',
);

export function fixture(provider: string, name: string): unknown {
  return parseLenientJson(fs.readFileSync(path.join(root, provider, name), 'utf8')).value;
}
