/**
 * The FrankieOne KYC v2 sandbox: the endpoints the adapter uses, FrankieOne's error shape
 * (`{requestId, errorCode, errorMsg, details}`, trailing-comma quirk included) and outcomes
 * decided by markers in the uploaded files (see ../README.md). The IDV process and workflow
 * executions are the billable calls.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sniffFormat } from '../../kit/files.ts';
import { asRecord, textValue } from '../../kit/payload.ts';
import {
  recordsOfKind,
  startSandboxServer,
  type SandboxAnswer,
  type SandboxDialect,
  type SandboxRequest,
  type SandboxTools,
} from '../../kit/sandbox-server.ts';
import type { RunningSandbox, SandboxOptions } from '../../types.ts';
import {
  allResults,
  type AttachmentRecord,
  type DocumentRecord,
  type EntityRecord,
  executionView,
  idvStatus,
  individualView,
  type Marker,
  markersIn,
  ocrResult,
  requestId,
  serviceProfileView,
} from './state.ts';

const DEFAULT_API_KEY = 'frankieone-sandbox-key';
const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const TOKEN_TTL_MS = 60 * 60 * 1000;

const ROUTES = {
  create: /^\/v2\/individuals\/?$/,
  entity: /^\/v2\/individuals\/([^/]+)$/,
  documents: /^\/v2\/individuals\/([^/]+)\/documents$/,
  idv: /^\/v2\/individuals\/([^/]+)\/actions\/idv\/(token|process|checkstatus)$/,
  results: /^\/v2\/individuals\/([^/]+)\/results$/,
  execute: /^\/v2\/individuals\/([^/]+)\/serviceprofiles\/([^/]+)\/workflows\/([^/]+)\/execute$/,
  executions:
    /^\/v2\/individuals\/([^/]+)\/serviceprofiles\/([^/]+)\/workflows\/([^/]+)\/executions(?:\/([^/]+))?$/,
  search: /^\/v2\/search\/serviceprofiles$/,
};

/** FrankieOne's error body. Codes keep the vendor's trailing-comma quirk on purpose. */
function failure(
  status: number,
  errorCode: string,
  errorMsg: string,
  issues: { issue: string; issueLocation: string }[] = [],
): SandboxAnswer {
  return {
    status,
    body: { requestId: requestId(Date.now()), errorCode, errorMsg, details: issues },
  };
}

function ok(status: number, body: Record<string, unknown>, now: number): SandboxAnswer {
  return { status, body: { ...body, requestId: requestId(now) } };
}

const ERROR_CODES: Record<number, string> = {
  400: 'API-0400,',
  402: 'API-0402',
  404: 'API-0404',
  413: 'API-0413',
  429: 'API-0429',
  500: 'SYS-0500',
  502: 'SYS-0502',
  503: 'SYS-0503',
};

class FrankieOneSandbox implements SandboxDialect {
  readonly provider = 'frankieone';
  readonly defaultApiKey = DEFAULT_API_KEY;
  readonly entities = new Map<string, EntityRecord>();

  authorize(req: SandboxRequest, apiKey: string): SandboxAnswer | null {
    const key = req.headers['api_key'];
    const customer = req.headers['x-frankie-customerid'];
    if (typeof key !== 'string' || key === '') {
      return failure(401, 'AUTH-0401', 'Unauthorized', [
        { issue: 'The api_key header is missing.', issueLocation: 'request' },
      ]);
    }
    if (key !== apiKey || typeof customer !== 'string' || customer.trim() === '') {
      return failure(401, 'AUTH-0002,', 'Unauthorized', [
        {
          issue: 'The api_key or X-Frankie-CustomerID header is not accepted.',
          issueLocation: 'request',
        },
      ]);
    }
    return null;
  }

  error(status: number, message: string): SandboxAnswer {
    return failure(status, ERROR_CODES[status] ?? `API-0${status}`, message);
  }

  restore(records: unknown[]): void {
    for (const rec of recordsOfKind<EntityRecord>(records, 'entity')) {
      this.entities.set(rec.entityId, rec);
    }
  }

  private save(rec: EntityRecord, tools: SandboxTools): void {
    tools.persist({ kind: 'entity', value: rec });
  }

  private find(id: string): EntityRecord | null {
    const rec = this.entities.get(id);
    return rec && !rec.deleted ? rec : null;
  }

  handle(req: SandboxRequest, tools: SandboxTools): SandboxAnswer {
    const { method, path } = req;
    let m: RegExpExecArray | null;
    if (ROUTES.create.test(path))
      return method === 'POST' ? this.create(req, tools) : this.error(405, 'Method not allowed.');
    if (ROUTES.search.test(path))
      return method === 'POST' ? this.search(req) : this.error(405, 'Method not allowed.');
    if ((m = ROUTES.entity.exec(path))) return this.entity(m[1]!, req, tools);

    const id = /^\/v2\/individuals\/([^/]+)\//.exec(path)?.[1];
    const rec = id ? this.find(id) : null;
    if (id && !rec)
      return failure(404, 'ENT-1010,', 'Unable to retrieve requested entity', [
        { issue: 'entityId', issueLocation: `Cannot retrieve entityId (${id})` },
      ]);
    if (!rec) return this.error(404, 'Not found.');

    if (ROUTES.documents.test(path))
      return method === 'POST'
        ? this.addDocument(rec, req, tools)
        : this.error(405, 'Method not allowed.');
    if ((m = ROUTES.idv.exec(path))) {
      if (method !== 'POST') return this.error(405, 'Method not allowed.');
      if (m[2] === 'token') return this.token(rec, req, tools);
      if (m[2] === 'process') return this.process(rec, req, tools);
      return this.checkStatus(rec, req);
    }
    if (ROUTES.results.test(path)) {
      if (method !== 'GET') return this.error(405, 'Method not allowed.');
      const classes =
        req.query
          .get('classes')
          ?.split(',')
          .map((c) => c.trim().toUpperCase())
          .filter(Boolean) ?? [];
      const results = allResults(rec, req.now).filter(
        (r) => classes.length === 0 || classes.includes(String(r['class'])),
      );
      return ok(200, { processResults: results }, req.now);
    }
    if ((m = ROUTES.execute.exec(path)))
      return method === 'POST'
        ? this.execute(rec, m[2]!, m[3]!, req, tools)
        : this.error(405, 'Method not allowed.');
    if ((m = ROUTES.executions.exec(path))) {
      if (method !== 'GET') return this.error(405, 'Method not allowed.');
      const list = rec.executions.filter(
        (ex) => ex.serviceProfile === m![2] && ex.workflowName === m![3],
      );
      if (m[4]) {
        const ex = list.find((e) => e.workflowExecutionId === m![4]);
        return ex
          ? ok(200, { workflowResult: executionView(rec, ex, req.now) }, req.now)
          : this.error(404, 'Workflow execution not found.');
      }
      return ok(
        200,
        { workflowExecutions: list.map((ex) => executionView(rec, ex, req.now)).reverse() },
        req.now,
      );
    }
    return this.error(404, 'Not found.');
  }

  private create(req: SandboxRequest, tools: SandboxTools): SandboxAnswer {
    const individual = asRecord(asRecord(req.body)['individual']);
    const name = asRecord(individual['name']);
    if (!textValue(name['familyName'])) {
      return failure(400, 'API-0400,', 'The request is not valid', [
        { issue: 'individual.name.familyName is required', issueLocation: 'body' },
      ]);
    }
    const rec: EntityRecord = {
      entityId: randomUUID(),
      createdAt: req.now,
      updatedAt: req.now,
      individual: { ...individual, documents: undefined },
      documents: [],
      tokens: [],
      idv: null,
      executions: [],
      deleted: false,
    };
    this.entities.set(rec.entityId, rec);
    this.save(rec, tools);
    return ok(201, { individual: individualView(rec) }, req.now);
  }

  private entity(id: string, req: SandboxRequest, tools: SandboxTools): SandboxAnswer {
    const rec = this.find(id);
    if (!rec)
      return failure(404, 'ENT-1010,', 'Unable to retrieve requested entity', [
        { issue: 'entityId', issueLocation: `Cannot retrieve entityId (${id})` },
      ]);
    if (req.method === 'GET')
      return ok(
        200,
        { individual: individualView(rec), serviceProfiles: [serviceProfileView(rec, req.now)] },
        req.now,
      );
    if (req.method === 'DELETE') {
      rec.deleted = true;
      rec.updatedAt = req.now;
      this.save(rec, tools);
      return ok(200, { entityId: rec.entityId }, req.now);
    }
    return this.error(405, 'Method not allowed.');
  }

  private addDocument(rec: EntityRecord, req: SandboxRequest, tools: SandboxTools): SandboxAnswer {
    const doc = asRecord(asRecord(req.body)['document']);
    const attachments = Array.isArray(doc['attachments']) ? doc['attachments'] : [];
    if (attachments.length === 0)
      return failure(400, 'API-0400,', 'The request is not valid', [
        { issue: 'document.attachments must not be empty', issueLocation: 'body' },
      ]);
    const stored: AttachmentRecord[] = [];
    const markers = new Set<Marker>();
    for (const item of attachments) {
      const a = asRecord(item);
      const base64 = textValue(asRecord(a['data'])['base64']);
      const bytes = base64 ? Buffer.from(base64, 'base64') : Buffer.alloc(0);
      if (bytes.length === 0)
        return failure(400, 'API-0400,', 'The request is not valid', [
          { issue: 'attachment data.base64 is empty', issueLocation: 'body' },
        ]);
      if (bytes.length > MAX_ATTACHMENT_BYTES) markers.add('CDX-TOO_LARGE');
      const format = sniffFormat(bytes);
      // Accepted here; the IDV provider refuses it later, as FrankieOne's status values describe.
      if (format !== 'jpeg' && format !== 'png') markers.add('CDX-BAD_FORMAT');
      const filename = textValue(a['filename']);
      for (const marker of markersIn(bytes, filename)) markers.add(marker);
      stored.push({
        attachmentId: randomUUID(),
        side: textValue(a['side']) ?? 'FRONT',
        filename,
        mimeType: textValue(a['mimeType']),
        sha256: createHash('sha256').update(bytes).digest('hex'),
        size: bytes.length,
      });
    }
    const record: DocumentRecord = {
      documentId: randomUUID(),
      class: textValue(doc['class'])?.toUpperCase() ?? 'IDENTITY',
      type: textValue(doc['type'])?.toUpperCase() ?? 'OTHER',
      subtype: textValue(doc['subtype'])?.toUpperCase() ?? null,
      country: textValue(doc['country']),
      primaryIdentifier: textValue(doc['primaryIdentifier']),
      attachments: stored,
      markers: [...markers],
      createdAt: req.now,
    };
    rec.documents.push(record);
    rec.updatedAt = req.now;
    this.save(rec, tools);
    const view = individualView(rec);
    const group = asRecord(view['documents'])[record.class] as
      Record<string, unknown>[] | undefined;
    return ok(
      201,
      {
        entityId: rec.entityId,
        document: group?.find((d) => d['documentId'] === record.documentId) ?? null,
      },
      req.now,
    );
  }

  private token(rec: EntityRecord, req: SandboxRequest, tools: SandboxTools): SandboxAnswer {
    // Like FrankieOne, an unexpired token is handed out again.
    let token = rec.tokens.find((t) => t.expiresAt > req.now);
    if (!token) {
      token = { token: randomBytes(10).toString('hex'), expiresAt: req.now + TOKEN_TTL_MS };
      rec.tokens.push(token);
      this.save(rec, tools);
    }
    return ok(
      200,
      {
        token: token.token,
        tokenExpiry: new Date(token.expiresAt).toISOString(),
        provider: 'checkdesk-sandbox',
        applicantId: rec.entityId,
        smsSent: false,
      },
      req.now,
    );
  }

  private tokenValid(rec: EntityRecord, token: unknown): boolean {
    return typeof token === 'string' && rec.tokens.some((t) => t.token === token);
  }

  private sha256s(rec: EntityRecord): string[] {
    return rec.documents.flatMap((d) => d.attachments.map((a) => a.sha256));
  }

  private noCredit(tools: SandboxTools): SandboxAnswer | null {
    const credits = tools.creditsLeft();
    return credits !== null && credits <= 0
      ? failure(402, 'API-0402', 'Insufficient credit balance for this check.')
      : null;
  }

  private process(rec: EntityRecord, req: SandboxRequest, tools: SandboxTools): SandboxAnswer {
    const body = asRecord(req.body);
    if (body['token'] !== undefined && !this.tokenValid(rec, body['token'])) {
      return failure(400, 'API-0400,', 'The request is not valid', [
        { issue: 'token is not valid for this entity', issueLocation: 'body.token' },
      ]);
    }
    const identity = rec.documents.filter((d) => d.class === 'IDENTITY');
    if (!identity.some((d) => d.attachments.some((a) => a.side.toUpperCase() === 'FRONT'))) {
      return ok(200, { status: 'AWAITING_DOCUMENT_UPLOAD_FRONT' }, req.now);
    }
    const broke = this.noCredit(tools);
    if (broke) return broke;
    const id = requestId(req.now);
    rec.idv = { requestId: id, startedAt: req.now };
    rec.updatedAt = req.now;
    this.save(rec, tools);
    tools.bill({ id, service: 'idv', resultId: rec.entityId, sha256s: this.sha256s(rec) }, req.now);
    return {
      status: 200,
      body: { status: idvStatus(rec, req.now), requestId: id, ocrResult: ocrResult(rec, req.now) },
    };
  }

  private checkStatus(rec: EntityRecord, req: SandboxRequest): SandboxAnswer {
    const body = asRecord(req.body);
    if (!this.tokenValid(rec, body['token'])) {
      return failure(400, 'API-0400,', 'The request is not valid', [
        { issue: 'token is required and must belong to this entity', issueLocation: 'body.token' },
      ]);
    }
    if (!rec.idv)
      return failure(404, 'API-0404', 'No IDV check has been processed for this entity.');
    return ok(
      200,
      { status: idvStatus(rec, req.now), ocrResult: ocrResult(rec, req.now) },
      req.now,
    );
  }

  private execute(
    rec: EntityRecord,
    serviceProfile: string,
    workflowName: string,
    req: SandboxRequest,
    tools: SandboxTools,
  ): SandboxAnswer {
    const broke = this.noCredit(tools);
    if (broke) return broke;
    const ex = {
      workflowExecutionId: requestId(req.now),
      serviceProfile,
      workflowName,
      startedAt: req.now,
    };
    rec.executions.push(ex);
    rec.updatedAt = req.now;
    this.save(rec, tools);
    tools.bill(
      {
        id: ex.workflowExecutionId,
        service: `workflow:${serviceProfile}/${workflowName}`,
        resultId: rec.entityId,
        sha256s: this.sha256s(rec),
      },
      req.now,
    );
    return ok(
      200,
      { workflowResult: executionView(rec, ex, req.now), individual: individualView(rec) },
      req.now,
    );
  }

  private search(req: SandboxRequest): SandboxAnswer {
    const search = asRecord(asRecord(req.body)['search']);
    const exact = String(search['type'] ?? 'EXACT').toUpperCase() !== 'FUZZY';
    const terms = (Array.isArray(search['terms']) ? search['terms'] : []).map(asRecord);
    if (terms.length === 0)
      return failure(400, 'API-0400,', 'The request is not valid', [
        { issue: 'search.terms must not be empty', issueLocation: 'body.search' },
      ]);
    const same = (a: unknown, b: string) =>
      typeof a === 'string' && (exact ? a === b : a.toLowerCase().includes(b.toLowerCase()));
    const hits = [...this.entities.values()]
      .filter((rec) => !rec.deleted)
      .filter((rec) =>
        terms.every((t) => {
          const term = String(t['term'] ?? '');
          const fieldName = String(t['field'] ?? '').toUpperCase();
          if (fieldName === 'EXTERNAL_REFERENCE') {
            const refs = Array.isArray(rec.individual['externalReferences'])
              ? rec.individual['externalReferences']
              : [];
            return refs.some((r) => same(asRecord(r)['value'], term));
          }
          if (fieldName === 'NAME' || fieldName === 'DISPLAY_NAME') {
            const name = asRecord(rec.individual['name']);
            return [name['displayName'], name['givenName'], name['familyName']].some((v) =>
              same(v, term),
            );
          }
          return false;
        }),
      )
      .sort((a, b) => b.createdAt - a.createdAt);
    const limit = Math.min(100, Math.max(1, Number(req.query.get('limit') ?? '20') || 20));
    const page = Math.max(1, Number(req.query.get('page') ?? '1') || 1);
    const slice = hits.slice((page - 1) * limit, page * limit);
    return ok(
      200,
      {
        matches: slice.map((rec) => ({
          serviceProfile: serviceProfileView(rec, req.now),
          confidence: 1,
          fieldsMatched: terms.map((t) => ({ field: t['field'], confidence: 1 })),
        })),
        meta: {
          page,
          limit,
          total: hits.length,
          count: slice.length,
          sort: 'desc',
          sortFields: ['createdAt'],
        },
      },
      req.now,
    );
  }
}

export async function startFrankieOneSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  return startSandboxServer(options, new FrankieOneSandbox());
}
