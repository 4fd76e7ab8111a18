/**
 * The sessions of a result-import sandbox (ADVANCE.AI, AiPrise). At these vendors the applicant's
 * session is created on the vendor's side (H5 / hosted flow) and that is what is charged; in the
 * sandbox a session exists only because it was created through it — `createSession(outcome)`, the
 * `sessions` option, or `POST /__sandbox/sessions {"outcome": …, "<idName>"?: …}` — and each
 * creation is one billing-journal entry. Reading results never bills. Sessions are kept in the
 * state file as `{t: 'session', <idName>, outcome, createdAt}` records.
 */
import type { RunningSandbox } from '../types.ts';
import {
  startSandboxServer,
  type SandboxAnswer,
  type SandboxDialect,
  type SandboxRequest,
  type SandboxServerOptions,
  type SandboxTools,
} from './sandbox-server.ts';

export interface ImportSession<Outcome> {
  id: string;
  outcome: Outcome;
  /** Sandbox clock (ms) at creation: answers are computed from the session's age. */
  createdAt: number;
}

export interface SessionBookSpec<Outcome> {
  /** The id's name on the wire, in messages and in state records: `signatureId`, `sessionId`. */
  idName: string;
  /** Ids are 1..idMaxLength letters, digits, `_` or `-`. */
  idMaxLength: number;
  newId(): string;
  /** An outcome marker (undefined/null: the default outcome) → the outcome; null when unknown. */
  parseOutcome(text: unknown): Outcome | null;
  /** The outcome as written in state records and control answers. */
  formatOutcome(outcome: Outcome): string;
  /** The billing journal's `service` for a session. */
  service: string;
  clock(): number;
  /** Extra fields of the 201 answer to `POST /__sandbox/sessions`. */
  createdFields?(id: string): Record<string, unknown>;
}

type Created<Outcome> =
  { ok: true; session: ImportSession<Outcome> } | { ok: false; status: number; message: string };

export class SessionBook<Outcome> {
  readonly sessions = new Map<string, ImportSession<Outcome>>();
  private readonly idPattern: RegExp;
  private tools: SandboxTools | null = null;

  constructor(private readonly spec: SessionBookSpec<Outcome>) {
    this.idPattern = new RegExp(`^[A-Za-z0-9_-]{1,${spec.idMaxLength}}$`);
  }

  /** Valid as a session id (the vendors' ids: short letters, digits, `_`, `-`). */
  validId(id: string): boolean {
    return this.idPattern.test(id);
  }

  /** SandboxDialect.restore: the sessions of the state file, and the tools for later creations. */
  restore(records: readonly unknown[], tools: SandboxTools): void {
    this.tools = tools;
    for (const r of records) {
      const rec = (r ?? {}) as Record<string, unknown>;
      const id = rec[this.spec.idName];
      const outcome = this.spec.parseOutcome(rec['outcome']);
      if (
        rec['t'] === 'session' &&
        typeof id === 'string' &&
        outcome &&
        typeof rec['createdAt'] === 'number'
      ) {
        this.sessions.set(id, { id, outcome, createdAt: rec['createdAt'] });
      }
    }
  }

  create(outcomeText: unknown, wantedId?: string): Created<Outcome> {
    const { idName, idMaxLength } = this.spec;
    const outcome = this.spec.parseOutcome(outcomeText);
    if (!outcome)
      return { ok: false, status: 400, message: `unknown outcome ${JSON.stringify(outcomeText)}` };
    if (wantedId !== undefined && !this.validId(wantedId)) {
      return {
        ok: false,
        status: 400,
        message: `${idName} must be 1–${idMaxLength} letters, digits, _ or -`,
      };
    }
    if (wantedId !== undefined && this.sessions.has(wantedId))
      return { ok: false, status: 409, message: `${idName} already exists` };
    const tools = this.tools;
    if (!tools) throw new Error('the sandbox has not started');
    const left = tools.creditsLeft();
    if (left !== null && left <= 0)
      return { ok: false, status: 402, message: 'INSUFFICIENT_BALANCE' };
    const session: ImportSession<Outcome> = {
      id: wantedId ?? this.spec.newId(),
      outcome,
      createdAt: this.spec.clock(),
    };
    this.sessions.set(session.id, session);
    tools.persist({
      t: 'session',
      [idName]: session.id,
      outcome: this.spec.formatOutcome(outcome),
      createdAt: session.createdAt,
    });
    tools.bill(
      {
        id: `bill_${tools.billed() + 1}`,
        service: this.spec.service,
        resultId: session.id,
        sha256s: [],
      },
      session.createdAt,
    );
    return { ok: true, session };
  }

  /** `createSession(outcome)` of the running sandbox: the new id, or an Error. */
  createSession(outcome?: string): string {
    const made = this.create(outcome);
    if (!made.ok) throw new Error(`cannot create sandbox session: ${made.message}`);
    return made.session.id;
  }

  /** The `sessions` option: created unless the state file already has them. */
  seed(sessions: readonly { id: string; outcome: string }[]): void {
    for (const s of sessions) {
      if (this.sessions.has(s.id)) continue;
      const made = this.create(s.outcome, s.id);
      if (!made.ok) throw new Error(`sandbox session ${s.id}: ${made.message}`);
    }
  }

  /** `GET` / `POST /__sandbox/sessions`; null for any other control path. */
  control(req: SandboxRequest): SandboxAnswer | null {
    if (req.path !== '/__sandbox/sessions') return null;
    const { idName } = this.spec;
    if (req.method === 'GET') {
      const sessions = [...this.sessions.values()].map((s) => ({
        [idName]: s.id,
        outcome: this.spec.formatOutcome(s.outcome),
        createdAt: new Date(s.createdAt).toISOString(),
      }));
      return { status: 200, body: { sessions } };
    }
    if (req.method !== 'POST') return null;
    const b = req.body ?? {};
    if (!b || typeof b !== 'object' || Array.isArray(b))
      return { status: 400, body: { message: 'body must be a JSON object {outcome}' } };
    const fields = b as Record<string, unknown>;
    const wantedId = fields[idName];
    if (wantedId !== undefined && typeof wantedId !== 'string')
      return { status: 400, body: { message: `${idName} must be a string` } };
    const made = this.create(fields['outcome'], wantedId);
    if (!made.ok) return { status: made.status, body: { message: made.message } };
    const { id, outcome } = made.session;
    return {
      status: 201,
      body: {
        [idName]: id,
        ...this.spec.createdFields?.(id),
        outcome: this.spec.formatOutcome(outcome),
      },
    };
  }
}

/**
 * Starts an import sandbox: the dialect's own routes and control endpoints, plus the session
 * book's state, `/__sandbox/sessions`, the `sessions` option (`seed`) and `createSession`.
 */
export async function startImportSandbox<Outcome>(
  options: SandboxServerOptions,
  book: SessionBook<Outcome>,
  seed: readonly { id: string; outcome: string }[],
  dialect: Omit<SandboxDialect, 'restore'>,
): Promise<RunningSandbox & { createSession(outcome?: string): string }> {
  const running = await startSandboxServer(options, {
    ...dialect,
    restore: (records, tools) => book.restore(records, tools),
    control: (req, tools) => dialect.control?.(req, tools) ?? book.control(req),
  });
  try {
    book.seed(seed);
  } catch (err) {
    await running.close();
    throw err;
  }
  return { ...running, createSession: (outcome) => book.createSession(outcome) };
}
