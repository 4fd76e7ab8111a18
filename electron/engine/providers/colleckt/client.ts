/**
 * The Colleckt adapter: create → upload each side → submit → poll the detail.
 *
 * Billing: the public docs describe Colleckt's pricing per flow product, and the paid work
 * (extraction, validation, decision) starts only at Submit; a created verification is just a
 * record plus a widget link that expires if nothing is submitted. CheckDesk therefore treats
 * **submit** as the billable call (op 'create'); create and uploads are preparation (op
 * 'upload', never billed, safe to repeat). The sandbox bills exactly at submit.
 *
 * Reconciliation: `vendor_reference` = the case key and `vendor_state` = the idempotency key,
 * so `lookup` can recognise its own verification among everything in the workspace. A match
 * that was never submitted (no `submitted_at`, no Submitted in its history) was never billed:
 * lookup reports it absent and a new submission is safe.
 *
 * externalId = the verification id (`ver_…`); externalGroup = the flow slug, because every
 * Colleckt URL of a verification contains its flow and a poll has nothing else to go on.
 */
import type { CanonicalVerification } from '../../../../shared/model.ts';
import { redact, scrubText } from '../../../../shared/redact.ts';
import { ProviderError, type ProviderOp } from '../errors.ts';
import { httpError, type HttpResponse } from '../http.ts';
import {
  answerSnippet,
  bestEffort,
  createSender,
  missingCredentials,
  optionNumber,
  optionString,
  protocolError,
} from '../kit/client.ts';
import { asArray, asObj, field, num, type Obj, str, unwrapData } from '../kit/payload.ts';
import type {
  LookupOutcome,
  PollTarget,
  ProviderAction,
  ProviderAdapter,
  ProviderConfig,
  ProviderContext,
  ProviderSnapshot,
  SubmissionRequest,
} from '../types.ts';
import { prepareUploads, type UploadPart, uploadBody } from './documents.ts';
import { buildExpectedData } from './expected.ts';
import {
  normalizeColleckt,
  normalizeVerification,
  parseHistory,
  snapshotHistory,
  wasSubmitted,
} from './normalize.ts';
import { apiRoot, type EndpointName, fillPath, flowBase, resolvePaths } from './paths.ts';
import {
  ALLOWED_FROM,
  COLLECKT_ACTIONS,
  documentStatus,
  documentType,
  isCollecktAction,
  VERIFICATION_LABELS,
  verificationStatus,
} from './status.ts';
import { tokenExpiryWarning } from './token.ts';

const PROVIDER = 'colleckt';
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_LOOKUP_MAX_PAGES = 200;
const CLEANUP_TIMEOUT_MS = 5_000;

export type CollecktAdapter = ProviderAdapter & { tokenExpiryWarning(now: number): string | null };

interface Call {
  op: ProviderOp;
  method: 'GET' | 'POST';
  endpoint: EndpointName;
  flow: string;
  id?: string;
  query?: Record<string, string>;
  body?: unknown;
  timeoutMs?: number;
}

export function createCollecktAdapter(config: ProviderConfig): CollecktAdapter {
  const paths = resolvePaths(config.options);
  const token = config.credentials['token'] ?? config.credentials['apiKey'] ?? '';
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const defaultFlow = optionString(config, 'flow') ?? 'usps1583';
  const country = optionString(config, 'country') ?? 'IDN';
  const photoIdType = optionString(config, 'photoIdType') ?? 'national_id';
  const lookupMaxPages = optionNumber(config, 'lookupMaxPages') ?? DEFAULT_LOOKUP_MAX_PAGES;

  function url(call: Call): string {
    const base = flowBase(apiRoot(config, call.op), call.flow, call.op);
    const path = fillPath(paths[call.endpoint], call.id === undefined ? {} : { id: call.id });
    const query = call.query ? `?${new URLSearchParams(call.query).toString()}` : '';
    return `${base}${path}${query}`;
  }

  function failure(op: ProviderOp, res: HttpResponse, ctx: ProviderContext): ProviderError {
    const body = asObj(res.json);
    const vendorMessage = str(field(body, 'message', 'error')) ?? answerSnippet(res);
    const vendorCode = str(field(body, 'code', 'error_code'));
    const firstFieldError = Object.values(asObj(field(body, 'errors')) ?? {})
      .flatMap((v) => asArray(v))
      .map((v) => str(v))
      .find((v) => v !== null);
    const detail =
      firstFieldError && firstFieldError !== vendorMessage ? ` (${firstFieldError})` : '';
    const message = scrubText(`Colleckt answered ${res.status}: ${vendorMessage}${detail}`, [
      token,
    ]);
    return httpError({ provider: PROVIDER, op }, res, message, vendorCode, ctx.now());
  }

  const send = createSender<Call>({
    provider: PROVIDER,
    timeoutMs,
    credentialsMissing: (op) =>
      token
        ? null
        : missingCredentials(PROVIDER, op, 'MISSING_TOKEN', 'No Colleckt API token is configured.'),
    url,
    headers: () => ({ authorization: `Bearer ${token}` }),
    failure,
  });

  /** The verification object of an answer (`{data: {...}}` or bare); a protocol error otherwise. */
  function statusOf(v: Obj): ReturnType<typeof verificationStatus> {
    return verificationStatus(field(v, 'status')) ?? verificationStatus(field(v, 'status_label'));
  }

  function verificationOf(op: ProviderOp, res: HttpResponse): Obj {
    const v = asObj(unwrapData(res.json));
    if (!v || str(field(v, 'id')) === null) {
      throw protocolError(
        PROVIDER,
        op,
        `Colleckt answered ${res.status} without a verification object.`,
        {
          status: res.status,
        },
      );
    }
    return v;
  }

  function snapshot(v: Obj, flow: string, raw: unknown): ProviderSnapshot {
    const result: CanonicalVerification = {
      ...normalizeVerification(v),
      service: flow,
      groupId: flow,
    };
    return {
      externalId: str(field(v, 'id'))!,
      externalGroup: flow,
      result,
      raw: redact(raw),
      credits: null,
      history: snapshotHistory(parseHistory(field(v, 'history'))),
    };
  }

  async function detail(
    op: ProviderOp,
    id: string,
    flow: string,
    ctx: ProviderContext,
  ): Promise<{ v: Obj; raw: unknown }> {
    const res = await send({ op, method: 'GET', endpoint: 'detail', flow, id }, ctx);
    return { v: verificationOf(op, res), raw: res.json };
  }

  async function upload(
    op: ProviderOp,
    id: string,
    flow: string,
    part: UploadPart,
    ctx: ProviderContext,
  ): Promise<void> {
    await send(
      {
        op,
        method: 'POST',
        endpoint: 'upload',
        flow,
        id,
        body: uploadBody(part),
        timeoutMs: timeoutMs * 4,
      },
      ctx,
    );
    ctx.log.info('colleckt: uploaded document', {
      verification: id,
      type: part.type,
      side: part.side,
      sha256: part.file.doc.sha256,
    });
  }

  /** Document types that hold a live (not canceled) document. */
  function activeTypes(v: Obj): Set<string> {
    const out = new Set<string>();
    for (const item of asArray(field(v, 'documents'))) {
      const doc = asObj(item);
      const type = documentType(field(doc, 'type', 'document_type', 'type_label'));
      const status =
        documentStatus(field(doc, 'status')) ?? documentStatus(field(doc, 'status_label'));
      if (type && status !== 6 && status !== 4) out.add(type);
    }
    return out;
  }

  /** Best effort: a verification that will never be submitted should not linger at the vendor. */
  async function cancelDraft(id: string, flow: string, ctx: ProviderContext): Promise<void> {
    const body = { comment: 'CheckDesk: upload failed; a new verification will be created.' };
    await bestEffort(
      ctx,
      () =>
        send(
          {
            op: 'upload',
            method: 'POST',
            endpoint: 'cancel',
            flow,
            id,
            body,
            timeoutMs: CLEANUP_TIMEOUT_MS,
          },
          ctx,
        ),
      {
        done: 'colleckt: canceled unsubmitted verification',
        failed: 'colleckt: could not cancel unsubmitted verification',
        fields: { verification: id },
      },
    );
  }

  async function submitExisting(
    id: string,
    flow: string,
    v: Obj,
    parts: readonly UploadPart[],
    op: ProviderOp,
    ctx: ProviderContext,
  ): Promise<ProviderSnapshot> {
    const present = activeTypes(v);
    for (const part of parts) {
      if (!present.has(part.type))
        await upload(op === 'create' ? 'upload' : op, id, flow, part, ctx);
    }
    const res = await send({ op, method: 'POST', endpoint: 'submit', flow, id }, ctx);
    ctx.log.info('colleckt: submitted verification', { verification: id });
    return snapshot(verificationOf(op, res), flow, res.json);
  }

  async function submit(req: SubmissionRequest, ctx: ProviderContext): Promise<ProviderSnapshot> {
    const flow = req.service || defaultFlow;
    const parts = await prepareUploads(flow, req.documents);

    if (req.externalId && !req.knownExternalIds.includes(req.externalId)) {
      // A verification already exists for this row: never create a second one. Only an
      // unsubmitted draft is continued; anything further along is reported as it stands.
      const { v, raw } = await detail('upload', req.externalId, flow, ctx);
      if (statusOf(v) === 1) return submitExisting(req.externalId, flow, v, parts, 'create', ctx);
      return snapshot(v, flow, raw);
    }

    const proofKind = req.documents.find((d) => d.field === 'proof_of_address')?.kind ?? null;
    const createBody = {
      vendor_reference: req.caseKey,
      vendor_state: req.idempotencyKey,
      expected_data: buildExpectedData(req.expected, proofKind, { country, photoIdType }),
    };
    const created = verificationOf(
      'upload',
      await send({ op: 'upload', method: 'POST', endpoint: 'create', flow, body: createBody }, ctx),
    );
    const id = str(field(created, 'id'))!;
    ctx.log.info('colleckt: created verification', {
      verification: id,
      caseKey: req.caseKey,
      flow,
    });

    try {
      for (const part of parts) await upload('upload', id, flow, part, ctx);
    } catch (err) {
      await cancelDraft(id, flow, ctx);
      throw err;
    }
    const res = await send({ op: 'create', method: 'POST', endpoint: 'submit', flow, id }, ctx);
    ctx.log.info('colleckt: submitted verification', { verification: id });
    return snapshot(verificationOf('create', res), flow, res.json);
  }

  async function lookup(req: SubmissionRequest, ctx: ProviderContext): Promise<LookupOutcome> {
    const flow = req.service || defaultFlow;
    // A set: verifications created while paging shift older ones onto the next page.
    const candidates = new Set<string>();
    let page = 1;
    let complete = false;
    while (page <= lookupMaxPages) {
      const res = await send(
        { op: 'lookup', method: 'GET', endpoint: 'list', flow, query: { page: String(page) } },
        ctx,
      );
      const body = asObj(res.json);
      const items = field(body, 'data');
      if (!Array.isArray(items)) {
        return {
          kind: 'unknown',
          explanation: `Colleckt's verification list (page ${page}) could not be read, so it is not certain whether this case was sent.`,
        };
      }
      for (const item of items) {
        const v = asObj(item);
        const id = str(field(v, 'id'));
        if (!v || !id || req.knownExternalIds.includes(id)) continue;
        if (str(field(v, 'vendor_reference')) !== req.caseKey) continue;
        const state = field(v, 'vendor_state');
        // A list without vendor_state cannot rule a match out: the detail decides.
        if (state === undefined || str(state) === req.idempotencyKey) candidates.add(id);
      }
      const meta = asObj(field(body, 'meta'));
      const lastPage = num(field(meta, 'last_page'));
      const next = field(asObj(field(body, 'links')), 'next');
      const more =
        lastPage !== null
          ? page < lastPage
          : items.length > 0 && next !== null && next !== undefined;
      if (!more) {
        complete = true;
        break;
      }
      page += 1;
    }

    const found: { v: Obj; raw: unknown }[] = [];
    for (const id of candidates) {
      const d = await detail('lookup', id, flow, ctx);
      if (str(field(d.v, 'vendor_state')) !== req.idempotencyKey) continue;
      if (wasSubmitted(d.v)) found.push(d);
    }
    if (found.length > 0) {
      found.sort((a, b) =>
        String(field(b.v, 'created_at') ?? '').localeCompare(
          String(field(a.v, 'created_at') ?? ''),
        ),
      );
      if (found.length > 1) {
        ctx.log.warn(
          'colleckt: several submitted verifications carry one idempotency key; adopting the newest',
          {
            caseKey: req.caseKey,
            ids: found.map((f) => str(field(f.v, 'id'))),
          },
        );
      }
      const best = found[0]!;
      return { kind: 'found', ...snapshot(best.v, flow, best.raw) };
    }
    if (!complete) {
      return {
        kind: 'unknown',
        explanation: `Colleckt lists more than ${lookupMaxPages} pages of verifications; CheckDesk stopped reading before it could rule this case out.`,
      };
    }
    return { kind: 'absent' };
  }

  async function poll(
    targets: readonly PollTarget[],
    ctx: ProviderContext,
  ): Promise<Map<string, ProviderSnapshot>> {
    const out = new Map<string, ProviderSnapshot>();
    for (const target of targets) {
      const flow = target.externalGroup || defaultFlow;
      try {
        const { v, raw } = await detail('poll', target.externalId, flow, ctx);
        out.set(target.externalId, snapshot(v, flow, raw));
      } catch (err) {
        if (
          err instanceof ProviderError &&
          err.kind === 'http' &&
          (err.status === 404 || err.status === 410)
        )
          continue;
        throw err;
      }
    }
    return out;
  }

  function refuseAction(message: string): ProviderError {
    return protocolError(PROVIDER, 'action', message);
  }

  async function act(
    action: ProviderAction,
    target: PollTarget,
    input: { reason?: string; actor: string; request?: SubmissionRequest },
    ctx: ProviderContext,
  ): Promise<ProviderSnapshot> {
    if (!isCollecktAction(action)) throw refuseAction(`Colleckt has no "${action}" action.`);
    const comment = input.reason?.trim() || null;
    if (action === 'reject' && !comment)
      throw refuseAction('Colleckt needs a reason to reject a verification.');
    const flow = target.externalGroup || defaultFlow;

    const current = await detail('action', target.externalId, flow, ctx);
    const status = statusOf(current.v);
    const allowed = ALLOWED_FROM[action];
    if (status === null || !allowed.includes(status)) {
      const now =
        status === null
          ? `in an unknown status (${str(field(current.v, 'status_label')) ?? str(field(current.v, 'status')) ?? 'none'})`
          : VERIFICATION_LABELS[status];
      throw refuseAction(
        `Colleckt allows "${action}" only from ${allowed.map((s) => VERIFICATION_LABELS[s]).join(', ')}; this verification is ${now}.`,
      );
    }

    const body = { comment, reason: comment, user_reference: input.actor };
    const res = await send(
      { op: 'action', method: 'POST', endpoint: action, flow, id: target.externalId, body },
      ctx,
    );
    const v = verificationOf('action', res);
    ctx.log.info('colleckt: action done', {
      verification: target.externalId,
      action,
      actor: input.actor,
    });

    if (action === 'resubmit' && input.request && input.request.documents.length > 0) {
      // Resubmit reopens the verification for new documents; with the case's documents at hand
      // CheckDesk replaces the rejected ones and submits again (a person asked for the re-run).
      const parts = await prepareUploads(flow, input.request.documents);
      return submitExisting(target.externalId, flow, v, parts, 'action', ctx);
    }
    return snapshot(v, flow, res.json);
  }

  async function probe(ctx: ProviderContext): Promise<void> {
    await send(
      { op: 'probe', method: 'GET', endpoint: 'list', flow: defaultFlow, query: { page: '1' } },
      ctx,
    );
    const warning = warn(ctx.now());
    if (warning) ctx.log.warn(warning);
  }

  function warn(now: number): string | null {
    const lifetime = optionNumber(config, 'tokenLifetimeDays');
    return tokenExpiryWarning(
      { createdAt: optionString(config, 'tokenCreatedAt'), lifetimeDays: lifetime ?? undefined },
      now,
    );
  }

  return {
    name: 'colleckt',
    capabilities: { create: true, lookup: true, batchPoll: false, actions: COLLECKT_ACTIONS },
    // Extraction and validation usually take tens of seconds; Double Check waits for people.
    polling: { firstAfterMs: 20_000, maxIntervalMs: 10 * 60_000 },
    probe,
    submit,
    lookup,
    poll,
    act,
    normalize: normalizeColleckt,
    tokenExpiryWarning: warn,
  };
}
