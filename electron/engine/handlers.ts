/**
 * The contract's handlers, implemented over the engine's parts. Arguments arrive already parsed
 * by the contract's zod schemas (electron/engine/index.ts); handlers only apply the rules.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { HandlerName, HandlerParsedArgs, HandlerResult } from '../../shared/contract.ts';
import { CheckDeskError } from '../../shared/errors.ts';
import { caseHandlers } from './handlers-cases.ts';
import { providerHandlers } from './handlers-providers.ts';
import { importResults } from './pipeline/results-import.ts';
import type { EngineContext } from './index.ts';

export type HandlerTable = Partial<{
  [N in HandlerName]: (args: HandlerParsedArgs<N>) => Promise<HandlerResult<N>> | HandlerResult<N>;
}>;

const SAFE_NAME = /^[^/\\:*?"<>|\0]+$/;

export function buildHandlers(ctx: EngineContext): HandlerTable {
  const { ledger, intake } = ctx;
  return {
    ...caseHandlers(ctx),
    ...providerHandlers(ctx),
    'engine.status': () => ctx.status(),

    'files.list': (a) => ledger.files.list(a),

    'inboxes.list': () => ledger.inboxes.list(),
    'inboxes.add': async (a) => {
      const row = await intake.addInbox({
        path: a.path,
        label: a.label,
        polling: a.polling,
        profile: a.profile,
      });
      ctx.statusChanged();
      return row;
    },
    'inboxes.update': async (a) => {
      const { id, ...patch } = a;
      const row = await intake.updateInbox(id, patch);
      ctx.statusChanged();
      return row;
    },
    'inboxes.remove': async (a) => ({ removed: await intake.removeInbox(a.id) }),
    'inboxes.rescan': async (a) => ({ scanned: await intake.rescan(a.id) }),

    'activity.list': (a) => ledger.history.list(a),

    'reports.export': (a) => {
      const { jobId, out } = ctx.reports.start({
        scope: a.scope,
        lang: a.lang,
        out: a.out,
        json: a.json,
        actor: ledger.settings.get<string>('reviewer', ctx.actor),
      });
      return { jobId, out };
    },
    'reports.cancel': (a) => ({ cancelled: ctx.reports.cancel(a.jobId) }),
    'reports.list': () => ctx.reports.list(),

    'settings.get': () => ({
      language: ledger.settings.get<'en' | 'id'>('language', 'en'),
      reviewer: ledger.settings.get<string>('reviewer', ctx.actor),
    }),
    'settings.set': (a) => {
      if (a.language) ledger.settings.set('language', a.language);
      if (a.reviewer) ledger.settings.set('reviewer', a.reviewer.trim());
      return {
        language: ledger.settings.get<'en' | 'id'>('language', 'en'),
        reviewer: ledger.settings.get<string>('reviewer', ctx.actor),
      };
    },

    /** Provider session ids chosen in the UI: results to collect (ADVANCE.AI, AiPrise). */
    'intake.importResults': (a) => {
      if (!ledger.inboxes.list().some((i) => i.id === a.inboxId))
        throw new CheckDeskError('NOT_FOUND', `inbox ${a.inboxId} does not exist`);
      const rows = a.ids.map((id, i) => ({ id, caseKey: a.caseKeys?.[i] ?? null }));
      const r = ledger.tx(() =>
        importResults(ledger, {
          inboxId: a.inboxId,
          provider: a.provider,
          rows,
          source: 'the CheckDesk window',
          actor: ledger.settings.get<string>('reviewer', ctx.actor),
        }),
      );
      for (const id of r.caseIds) ctx.hub.caseChanged(id);
      ctx.statusChanged();
      ctx.runner?.wake();
      return { created: r.created, existing: r.existing };
    },

    /** Files dropped on the window: written into the inbox (or a case folder in it), never elsewhere. */
    'intake.import': async (a) => {
      const inbox = ledger.inboxes.get(a.inboxId);
      if (!inbox || !ledger.inboxes.list().some((i) => i.id === a.inboxId)) {
        throw new CheckDeskError('NOT_FOUND', `inbox ${a.inboxId} does not exist`);
      }
      const written: string[] = [];
      for (const f of a.files) {
        if (!SAFE_NAME.test(f.name) || f.name === '.' || f.name === '..') {
          throw new CheckDeskError('BAD_FILE_NAME', `"${f.name}" is not a usable file name`);
        }
        if (
          f.folder !== undefined &&
          (!SAFE_NAME.test(f.folder) || f.folder === '.' || f.folder === '..')
        ) {
          throw new CheckDeskError('BAD_FILE_NAME', `"${f.folder}" is not a usable folder name`);
        }
        const dir = f.folder ? path.join(inbox.path, f.folder) : inbox.path;
        await fs.mkdir(dir, { recursive: true });
        // Write under a temporary name so intake never sees a half-written file, then rename.
        const final = await freeName(dir, f.name);
        const tmp = path.join(dir, `.${path.basename(final)}.part`);
        await fs.writeFile(tmp, Buffer.from(f.base64, 'base64'));
        await fs.rename(tmp, final);
        written.push(final);
      }
      void intake.rescan(a.inboxId);
      return { written };
    },
  };
}

/** "ktp.jpg" → "ktp (2).jpg" when taken: a drop never overwrites a file already in the inbox. */
async function freeName(dir: string, name: string): Promise<string> {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let i = 1; i < 10_000; i++) {
    const candidate = path.join(dir, i === 1 ? name : `${stem} (${i})${ext}`);
    try {
      await fs.access(candidate);
    } catch {
      return candidate;
    }
  }
  throw new CheckDeskError('BAD_FILE_NAME', `too many files named ${name}`);
}
