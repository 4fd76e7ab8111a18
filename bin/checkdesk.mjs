#!/usr/bin/env node
// The `checkdesk` command. Runs the TypeScript sources through tsx so that `npx checkdesk`
// works right after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../electron/hosts/cli/main.ts');
