/**
 * The FrankieOne KYC v2 adapter.
 *
 * Submit: create the individual (expected data + the idempotency key as an external reference)
 * → upload the ID document (front/back attachments) and the selfie → get an IDV token → run the
 * IDV process, or, for service `workflow:<serviceProfile>/<workflowName>`, execute that workflow.
 *
 * Billing: storing an entity and its documents is not a check; the IDV process (the provider
 * analyses the images) and a workflow execution are. Those are the billable calls (op 'create');
 * everything before them is preparation (op 'upload'), safe to repeat. The sandbox bills exactly
 * there.
 *
 * Ids: externalId = externalGroup = entityId. An entity holds one case's person and every check
 * run on it, so the entity is both the verification handle and its group; the service (IDV or
 * which workflow) is kept in the provider cache under `service:<entityId>` for polling.
 *
 * Polling: IDV → checkstatus (with the IDV token, cached; re-requested when missing, which the
 * token endpoint answers with the still-valid token) + GET …/results; workflow → its latest
 * execution + GET …/results.
 */
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
import {
  DEFAULT_MAX_FILE_BYTES,
  identityDocumentBody,
  individualBody,
  prepareDocuments,
  selfieDocumentBody,
  SUBMISSION_REFERENCE,
} from './entity.ts';
import { combineParts, type FrankieParts, normalizeFrankieOne } from './normalize.ts';
import {
  apiRoot,
  type EndpointName,
  fillPath,
  type FrankieService,
  parseService,
  resolvePaths,
} from './paths.ts';
import { cleanErrorCode } from './status.ts';

const PROVIDER = 'frankieone';
const DEFAULT_TIMEOUT_MS = 30_000;
const SEARCH_PAGE_SIZE = 50;
const DEFAULT_LOOKUP_MAX_PAGES = 40;
const CLEANUP_TIMEOUT_MS = 5_000;

interface Call {
  op: ProviderOp;
  method: 'GET' | 'POST' | 'DELETE';
  endpoint: EndpointName;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  timeoutMs?: number;
}

function serviceLabel(service: FrankieService): string {
  return service.kind === 'idv'
    ? 'idv'
    : `workflow:${service.serviceProfile}/${service.workflowName}`;
}

export function createFrankieOneAdapter(config: ProviderConfig): ProviderAdapter {
  const paths = resolvePaths(config.options);
  const apiKey = config.credentials['apiKey'] ?? '';
  // CheckDesk's own sandbox accepts any customer id; a real account must configure its own.
  const customerId =
    config.credentials['customerId'] ?? (config.sandbox ? 'checkdesk-sandbox' : '');
  const childId = config.credentials['customerChildId'] ?? null;
  const channel = optionString(config, 'channel') ?? 'api';
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const country = optionString(config, 'country') ?? 'IDN';
  const idDocumentType = optionString(config, 'idDocumentType') ?? 'NATIONAL_ID';
  const maxFileBytes = optionNumber(config, 'maxFileBytes') ?? DEFAULT_MAX_FILE_BYTES;
  const lookupMaxPages = optionNumber(config, 'lookupMaxPages') ?? DEFAULT_LOOKUP_MAX_PAGES;
  const secrets = [apiKey, customerId, childId];

  function headers(): Record<string, string> {
    const out: Record<string, string> = {
      api_key: apiKey,
      'X-Frankie-CustomerID': customerId,
      'X-Frankie-Channel': channel.slice(0, 64),
    };
    if (childId) out['X-Frankie-CustomerChildID'] = childId;
    return out;
  }

  function failure(op: ProviderOp, res: HttpResponse, ctx: ProviderContext): ProviderError {
    const body = asObj(res.json);
    const vendorCode = cleanErrorCode(field(body, 'errorCode'));
    const issue = str(field(asObj(asArray(field(body, 'details'))[0]), 'issue'));
    const vendorMessage = str(field(body, 'errorMsg', 'message')) ?? answerSnippet(res);
    const message = scrubText(
      `FrankieOne answered ${res.status}${vendorCode ? ` ${vendorCode}` : ''}: ${vendorMessage}${issue ? ` (${issue})` : ''}`,
      secrets,
    );
    return httpError({ provider: PROVIDER, op }, res, message, vendorCode, ctx.now());
  }

  const send = createSender<Call>({
    provider: PROVIDER,
    timeoutMs,
    credentialsMissing: (op) =>
      apiKey && customerId
        ? null
        : missingCredentials(
            PROVIDER,
            op,
            'MISSING_CREDENTIALS',
            'FrankieOne needs an API key and a customer id.',
          ),
    url: (call) => {
      const query = call.query ? `?${new URLSearchParams(call.query).toString()}` : '';
      return `${apiRoot(config)}${fillPath(paths[call.endpoint], call.params ?? {})}${query}`;
    },
    headers,
    failure,
  });

  function json(op: ProviderOp, res: HttpResponse): Obj {
    const body = asObj(unwrapData(res.json));
    if (!body) {
      throw protocolError(
        PROVIDER,
        op,
        `FrankieOne answered ${res.status} without a JSON object.`,
        {
          status: res.status,
        },
      );
    }
    return body;
  }

  function serviceOf(req: SubmissionRequest, op: ProviderOp): FrankieService {
    const service = parseService(req.service);
    if (!service) {
      throw protocolError(
        PROVIDER,
        op,
        `"${req.service}" is not a FrankieOne service (use "idv" or "workflow:<serviceProfile>/<workflowName>").`,
      );
    }
    return service;
  }

  function remember(
    ctx: ProviderContext,
    entityId: string,
    service: FrankieService,
    extra: { token?: string; executionId?: string } = {},
  ): void {
    const previous =
      ctx.cache.get<{ service: string; token?: string; executionId?: string }>(
        `service:${entityId}`,
      ) ?? null;
    ctx.cache.set(`service:${entityId}`, { ...previous, service: serviceLabel(service), ...extra });
  }

  function recalled(
    ctx: ProviderContext,
    entityId: string,
  ): { service: FrankieService; token: string | null; executionId: string | null } {
    const stored = ctx.cache.get<{ service?: string; token?: string; executionId?: string }>(
      `service:${entityId}`,
    );
    const service = (stored?.service && parseService(stored.service)) ||
      parseService(optionString(config, 'defaultService') ?? 'idv') || { kind: 'idv' as const };
    return { service, token: stored?.token ?? null, executionId: stored?.executionId ?? null };
  }

  function snapshot(
    entityId: string,
    parts: FrankieParts,
    service: FrankieService,
  ): ProviderSnapshot {
    const result = {
      ...combineParts(parts),
      externalId: entityId,
      groupId: entityId,
      service: serviceLabel(service),
    };
    return {
      externalId: entityId,
      externalGroup: entityId,
      result,
      raw: redact(parts),
      credits: null,
    };
  }

  async function idvToken(op: ProviderOp, entityId: string, ctx: ProviderContext): Promise<string> {
    const res = await send(
      {
        op,
        method: 'POST',
        endpoint: 'idvToken',
        params: { entityId },
        body: { country, documentType: idDocumentType, comment: 'CheckDesk' },
      },
      ctx,
    );
    const token = str(field(json(op, res), 'token'));
    if (!token)
      throw protocolError(
        PROVIDER,
        op,
        'FrankieOne answered the IDV token request without a token.',
      );
    return token;
  }

  async function results(op: ProviderOp, entityId: string, ctx: ProviderContext): Promise<Obj[]> {
    const res = await send({ op, method: 'GET', endpoint: 'results', params: { entityId } }, ctx);
    const body = asObj(res.json);
    const list = Array.isArray(res.json)
      ? res.json
      : asArray(field(body, 'processResults', 'results'));
    return list.map(asObj).filter((o): o is Obj => o !== null);
  }

  async function entity(op: ProviderOp, entityId: string, ctx: ProviderContext): Promise<Obj> {
    return json(
      op,
      await send({ op, method: 'GET', endpoint: 'individual', params: { entityId } }, ctx),
    );
  }

  async function latestExecution(
    op: ProviderOp,
    entityId: string,
    service: Extract<FrankieService, { kind: 'workflow' }>,
    executionId: string | null,
    ctx: ProviderContext,
  ): Promise<Obj | null> {
    const params = {
      entityId,
      serviceProfile: service.serviceProfile,
      workflowName: service.workflowName,
    };
    if (executionId) {
      const body = json(
        op,
        await send(
          { op, method: 'GET', endpoint: 'workflowExecution', params: { ...params, executionId } },
          ctx,
        ),
      );
      return asObj(field(body, 'workflowResult', 'workflowExecution')) ?? body;
    }
    const res = await send({ op, method: 'GET', endpoint: 'workflowExecutions', params }, ctx);
    const body = asObj(res.json);
    const list = asArray(
      Array.isArray(res.json)
        ? res.json
        : field(body, 'workflowExecutions', 'executions', 'workflowResults', 'data'),
    )
      .map(asObj)
      .filter((o): o is Obj => o !== null);
    list.sort((a, b) =>
      String(field(b, 'startedAt') ?? '').localeCompare(String(field(a, 'startedAt') ?? '')),
    );
    return list[0] ?? null;
  }

  /** Fresh parts for one entity; `idv` comes from checkstatus. */
  async function current(
    op: ProviderOp,
    entityId: string,
    ctx: ProviderContext,
  ): Promise<{ parts: FrankieParts; service: FrankieService } | null> {
    const memory = recalled(ctx, entityId);
    let entityBody: Obj;
    try {
      entityBody = await entity(op, entityId, ctx);
    } catch (err) {
      if (err instanceof ProviderError && err.kind === 'http' && err.status === 404) return null;
      throw err;
    }
    const parts: FrankieParts = {
      entity: entityBody,
      idv: null,
      results: await results(op, entityId, ctx),
      workflow: null,
    };
    if (memory.service.kind === 'workflow') {
      parts.workflow = await latestExecution(op, entityId, memory.service, memory.executionId, ctx);
    } else {
      const token = memory.token ?? (await idvToken(op, entityId, ctx));
      if (!memory.token) remember(ctx, entityId, memory.service, { token });
      try {
        parts.idv = json(
          op,
          await send(
            {
              op,
              method: 'POST',
              endpoint: 'idvCheckStatus',
              params: { entityId },
              body: { token },
            },
            ctx,
          ),
        );
      } catch (err) {
        // No IDV run on this entity yet: the entity alone says "waiting for input".
        if (!(err instanceof ProviderError && err.kind === 'http' && err.status === 404)) throw err;
      }
    }
    return { parts, service: memory.service };
  }

  /** Best effort: an entity whose check will never run should not linger in the FrankieOne portal. */
  async function deleteEntity(entityId: string, ctx: ProviderContext): Promise<void> {
    await bestEffort(
      ctx,
      () =>
        send(
          {
            op: 'upload',
            method: 'DELETE',
            endpoint: 'individual',
            params: { entityId },
            timeoutMs: CLEANUP_TIMEOUT_MS,
          },
          ctx,
        ),
      {
        done: 'frankieone: deleted unprocessed entity',
        failed: 'frankieone: could not delete unprocessed entity',
        fields: { entityId },
      },
    );
  }

  async function submit(req: SubmissionRequest, ctx: ProviderContext): Promise<ProviderSnapshot> {
    const service = serviceOf(req, 'upload');
    const docs = await prepareDocuments(req.documents, maxFileBytes);
    const options = { country, idDocumentType };

    const created = json(
      'upload',
      await send(
        {
          op: 'upload',
          method: 'POST',
          endpoint: 'createIndividual',
          body: individualBody(req.expected, req.caseKey, req.idempotencyKey, options),
        },
        ctx,
      ),
    );
    const entityId =
      str(field(asObj(field(created, 'individual')), 'entityId')) ??
      str(field(created, 'entityId'));
    if (!entityId)
      throw protocolError(
        PROVIDER,
        'upload',
        'FrankieOne created the individual but returned no entityId.',
      );
    remember(ctx, entityId, service);
    ctx.log.info('frankieone: created individual', { entityId, caseKey: req.caseKey });

    let token: string | null = null;
    try {
      const nik = req.expected?.nik?.trim() || null;
      await send(
        {
          op: 'upload',
          method: 'POST',
          endpoint: 'documents',
          params: { entityId },
          body: identityDocumentBody(docs, nik, options),
          timeoutMs: timeoutMs * 4,
        },
        ctx,
      );
      if (docs.selfie) {
        await send(
          {
            op: 'upload',
            method: 'POST',
            endpoint: 'documents',
            params: { entityId },
            body: selfieDocumentBody(docs.selfie),
            timeoutMs: timeoutMs * 4,
          },
          ctx,
        );
      }
      if (service.kind === 'idv') {
        token = await idvToken('upload', entityId, ctx);
        remember(ctx, entityId, service, { token });
      }
    } catch (err) {
      await deleteEntity(entityId, ctx);
      throw err;
    }

    if (service.kind === 'idv') {
      const res = await send(
        {
          op: 'create',
          method: 'POST',
          endpoint: 'idvProcess',
          params: { entityId },
          body: { token, comment: `CheckDesk ${req.caseKey}` },
        },
        ctx,
      );
      ctx.log.info('frankieone: IDV process started', { entityId });
      return snapshot(
        entityId,
        { entity: created, idv: json('create', res), results: [], workflow: null },
        service,
      );
    }
    const res = await send(
      {
        op: 'create',
        method: 'POST',
        endpoint: 'workflowExecute',
        params: {
          entityId,
          serviceProfile: service.serviceProfile,
          workflowName: service.workflowName,
        },
        body: { comment: { text: `CheckDesk ${req.caseKey}` } },
      },
      ctx,
    );
    const body = json('create', res);
    const workflow = asObj(field(body, 'workflowResult', 'workflowExecution')) ?? null;
    const executionId = str(field(workflow, 'workflowExecutionId'));
    if (executionId) remember(ctx, entityId, service, { executionId });
    ctx.log.info('frankieone: workflow executed', { entityId, workflow: service.workflowName });
    return snapshot(entityId, { entity: created, idv: null, results: [], workflow }, service);
  }

  /** Whether the billable call ran on this entity (IDV results exist, or a workflow execution does). */
  async function wasBilled(
    entityId: string,
    service: FrankieService,
    ctx: ProviderContext,
  ): Promise<boolean> {
    if (service.kind === 'workflow')
      return (await latestExecution('lookup', entityId, service, null, ctx)) !== null;
    const list = await results('lookup', entityId, ctx);
    return list.some((r) => str(field(r, 'class'))?.toUpperCase() === 'IDV');
  }

  async function lookup(req: SubmissionRequest, ctx: ProviderContext): Promise<LookupOutcome> {
    const service = serviceOf(req, 'lookup');
    const entityIds: string[] = [];
    let complete = false;
    for (let page = 1; page <= lookupMaxPages; page++) {
      const res = await send(
        {
          op: 'lookup',
          method: 'POST',
          endpoint: 'search',
          query: { page: String(page), limit: String(SEARCH_PAGE_SIZE) },
          body: {
            search: {
              type: 'EXACT',
              terms: [{ term: req.idempotencyKey, field: 'EXTERNAL_REFERENCE' }],
            },
            filters: { entityTypes: ['INDIVIDUAL'] },
          },
        },
        ctx,
      );
      const body = asObj(res.json);
      const matches = field(body, 'matches');
      if (!Array.isArray(matches)) {
        return {
          kind: 'unknown',
          explanation:
            'FrankieOne answered the search without a list of matches, so it is not certain whether this case was sent.',
        };
      }
      for (const m of matches) {
        const id =
          str(field(asObj(field(asObj(m), 'serviceProfile')), 'entityId')) ??
          str(field(asObj(m), 'entityId'));
        if (id && !req.knownExternalIds.includes(id) && !entityIds.includes(id)) entityIds.push(id);
      }
      const meta = asObj(field(body, 'meta'));
      const total = num(field(meta, 'total'));
      const seen = (page - 1) * SEARCH_PAGE_SIZE + matches.length;
      if (matches.length < SEARCH_PAGE_SIZE || (total !== null && seen >= total)) {
        complete = true;
        break;
      }
    }

    for (const entityId of entityIds) {
      // The search matches any external reference; confirm it is this submission's.
      const e = await entity('lookup', entityId, ctx);
      const refs = asArray(field(asObj(field(e, 'individual')) ?? e, 'externalReferences'));
      const ours = refs.some(
        (r) =>
          str(field(asObj(r), 'name')) === SUBMISSION_REFERENCE &&
          str(field(asObj(r), 'value')) === req.idempotencyKey,
      );
      if (!ours || !(await wasBilled(entityId, service, ctx))) continue;
      remember(ctx, entityId, service);
      const fresh = await current('lookup', entityId, ctx);
      if (fresh) return { kind: 'found', ...snapshot(entityId, fresh.parts, fresh.service) };
    }
    if (!complete) {
      return {
        kind: 'unknown',
        explanation: `FrankieOne returned more than ${lookupMaxPages} pages of matches; CheckDesk stopped before it could rule this case out.`,
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
      const fresh = await current('poll', target.externalId, ctx);
      if (fresh)
        out.set(target.externalId, snapshot(target.externalId, fresh.parts, fresh.service));
    }
    return out;
  }

  async function act(action: ProviderAction): Promise<ProviderSnapshot> {
    throw protocolError(
      PROVIDER,
      'action',
      `CheckDesk does not carry out "${action}" at FrankieOne; review FrankieOne results in the FrankieOne portal.`,
    );
  }

  async function probe(ctx: ProviderContext): Promise<void> {
    await send(
      {
        op: 'probe',
        method: 'POST',
        endpoint: 'search',
        query: { page: '1', limit: '1' },
        body: {
          search: {
            type: 'EXACT',
            terms: [{ term: 'checkdesk-probe', field: 'EXTERNAL_REFERENCE' }],
          },
        },
      },
      ctx,
    );
  }

  return {
    name: 'frankieone',
    capabilities: { create: true, lookup: true, batchPoll: false, actions: [] },
    // Document + face checks usually finish within a minute; workflows with AML can take longer.
    polling: { firstAfterMs: 15_000, maxIntervalMs: 5 * 60_000 },
    probe,
    submit,
    lookup,
    poll,
    act,
    normalize: normalizeFrankieOne,
  };
}
