/**
 * The Colleckt sandbox: a loopback server speaking the wire format the adapter uses (see
 * ../README.md), with outcomes decided by markers in the uploaded files. Submit is the billable
 * call, exactly as in the adapter.
 */
import { createHash, randomBytes } from 'node:crypto';
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
  ALLOWED_FROM,
  type CollecktAction,
  documentType,
  DOCUMENT_TYPE_CODES,
  isCollecktAction,
  VERIFICATION_LABELS,
} from '../status.ts';
import {
  decideOutcome,
  DOCUMENT_TYPE_LABELS,
  markersIn,
  processingTime,
  settle,
  transition,
  type VerificationRecord,
  verificationView,
} from './state.ts';

const DEFAULT_TOKEN = 'colleckt-sandbox-token';
const PER_PAGE = 15;
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const REQUIRED: Record<string, readonly (1 | 2 | 3)[]> = { usps1583: [1, 2], identity: [1] };
const ROUTE =
  /^\/api\/v1(?:\/([A-Za-z0-9][A-Za-z0-9_-]*))?\/verifications(?:\/([^/]+)(?:\/([a-z]+))?)?\/?$/;

function message(status: number, text: string, extra: Record<string, unknown> = {}): SandboxAnswer {
  return { status, body: { message: text, ...extra } };
}

function invalid(fieldName: string, text: string): SandboxAnswer {
  return message(422, text, { errors: { [fieldName]: [text] } });
}

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

class CollecktSandbox implements SandboxDialect {
  readonly provider = 'colleckt';
  readonly defaultApiKey = DEFAULT_TOKEN;
  readonly records = new Map<string, VerificationRecord>();
  baseUrl = 'http://127.0.0.1';

  authorize(req: SandboxRequest, apiKey: string): SandboxAnswer | null {
    const header = req.headers['authorization'];
    const presented =
      typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header.trim())?.[1] : undefined;
    return presented === apiKey ? null : message(401, 'Unauthenticated.');
  }

  error(status: number, text: string): SandboxAnswer {
    return message(status, text);
  }

  listening(origin: string): void {
    this.baseUrl = origin;
  }

  restore(records: unknown[]): void {
    for (const rec of recordsOfKind<VerificationRecord>(records, 'verification')) {
      this.records.set(rec.id, rec);
    }
  }

  private save(rec: VerificationRecord, tools: SandboxTools): void {
    tools.persist({ kind: 'verification', value: rec });
  }

  private read(rec: VerificationRecord, now: number, tools: SandboxTools): VerificationRecord {
    if (settle(rec, now)) this.save(rec, tools);
    return rec;
  }

  private view(rec: VerificationRecord, now: number, detail = true): Record<string, unknown> {
    return verificationView(rec, this.baseUrl, now, detail);
  }

  handle(req: SandboxRequest, tools: SandboxTools): SandboxAnswer {
    const match = ROUTE.exec(req.path);
    if (!match) return message(404, 'Not Found.');
    const [, flow, id, verb] = match;
    if (id === undefined) {
      if (req.method === 'GET') return this.list(flow ?? null, req, tools);
      if (req.method === 'POST' && flow) return this.create(flow, req, tools);
      return message(405, 'Method not allowed.');
    }
    const rec = this.records.get(id);
    if (!rec || !flow || rec.flow !== flow) return message(404, 'Verification not found.');
    this.read(rec, req.now, tools);
    if (verb === undefined) {
      return req.method === 'GET'
        ? { status: 200, body: { data: this.view(rec, req.now) } }
        : message(405, 'Method not allowed.');
    }
    if (req.method !== 'POST') return message(405, 'Method not allowed.');
    if (verb === 'documents') return this.upload(rec, req, tools);
    if (verb === 'submit') return this.submit(rec, req, tools);
    if (isCollecktAction(verb)) return this.act(rec, verb, req, tools);
    return message(404, 'Not Found.');
  }

  private list(flow: string | null, req: SandboxRequest, tools: SandboxTools): SandboxAnswer {
    const all = [...this.records.values()]
      .filter((r) => flow === null || r.flow === flow)
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
    for (const rec of all) this.read(rec, req.now, tools);
    const lastPage = Math.max(1, Math.ceil(all.length / PER_PAGE));
    const requested = Number(req.query.get('page') ?? '1');
    const page = Number.isInteger(requested) && requested >= 1 ? requested : 1;
    const items = all.slice((page - 1) * PER_PAGE, page * PER_PAGE);
    const path = `${this.baseUrl}${req.path}`;
    const link = (p: number): string => `${path}?page=${p}`;
    return {
      status: 200,
      body: {
        data: items.map((r) => this.view(r, req.now, false)),
        links: {
          first: link(1),
          last: link(lastPage),
          prev: page > 1 ? link(page - 1) : null,
          next: page < lastPage ? link(page + 1) : null,
        },
        meta: {
          current_page: page,
          from: items.length ? (page - 1) * PER_PAGE + 1 : null,
          last_page: lastPage,
          path,
          per_page: PER_PAGE,
          to: items.length ? (page - 1) * PER_PAGE + items.length : null,
          total: all.length,
        },
      },
    };
  }

  private create(flow: string, req: SandboxRequest, tools: SandboxTools): SandboxAnswer {
    const body = asRecord(req.body);
    const expected = body['expected_data'];
    if (
      expected !== undefined &&
      expected !== null &&
      (typeof expected !== 'object' || Array.isArray(expected))
    ) {
      return invalid('expected_data', 'The expected data field must be an object.');
    }
    const rec: VerificationRecord = {
      id: newId('ver'),
      flow,
      vendorReference: textValue(body['vendor_reference']),
      vendorState: textValue(body['vendor_state']),
      expectedData: expected ?? null,
      status: 1,
      holdFrom: null,
      createdAt: req.now,
      updatedAt: req.now,
      submittedAt: null,
      processUntil: null,
      outcome: null,
      documents: [],
      history: [{ from: null, to: 1, user: 'api', comment: null, at: req.now }],
    };
    this.records.set(rec.id, rec);
    this.save(rec, tools);
    return { status: 201, body: { data: this.view(rec, req.now) } };
  }

  private upload(rec: VerificationRecord, req: SandboxRequest, tools: SandboxTools): SandboxAnswer {
    if (rec.status !== 1)
      return invalid(
        'status',
        `Documents can only be uploaded while the verification is Started; it is ${VERIFICATION_LABELS[rec.status]}.`,
      );
    const body = asRecord(req.body);
    const typeName = documentType(body['type']);
    if (!typeName) return invalid('type', 'The type must be photo_id, proof_of_address or selfie.');
    const side =
      body['side'] === 'back'
        ? 'back'
        : body['side'] === 'front' || body['side'] === undefined
          ? 'front'
          : null;
    if (!side) return invalid('side', 'The side must be front or back.');
    const content = typeof body['content'] === 'string' ? body['content'] : '';
    const bytes = Buffer.from(content, 'base64');
    if (bytes.length === 0)
      return invalid('content', 'The content must be a non-empty base64 file.');
    if (bytes.length > MAX_FILE_BYTES)
      return invalid('content', 'The file may not be greater than 10 MB.');
    const format = sniffFormat(bytes);
    if (!format) return invalid('content', 'The file must be a JPEG, PNG or PDF.');
    const fileName = textValue(body['file_name']) ?? `${typeName}-${side}.${format}`;
    const markers = markersIn(bytes, fileName);
    if (markers.includes('CDX-FAIL')) return invalid('content', 'The document could not be read.');

    const type = DOCUMENT_TYPE_CODES[typeName] as 1 | 2 | 3;
    let doc = rec.documents.find((d) => d.type === type && d.status !== 6);
    if (doc?.sides.some((s) => s.side === side)) {
      return invalid(
        'type',
        `A ${DOCUMENT_TYPE_LABELS[type]} document (${side}) has already been uploaded for this verification.`,
      );
    }
    const sideRecord = {
      side,
      fileName,
      mime: `${format === 'pdf' ? 'application' : 'image'}/${format}`,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
    } as const;
    if (doc) {
      doc.sides.push({ ...sideRecord });
      doc.markers = [...new Set([...doc.markers, ...markers])];
    } else {
      doc = {
        id: newId('doc'),
        type,
        status: 1,
        sides: [{ ...sideRecord }],
        markers,
        createdAt: req.now,
      };
      rec.documents.push(doc);
    }
    rec.updatedAt = req.now;
    this.save(rec, tools);
    const view = this.view(rec, req.now);
    const docs = view['documents'] as Record<string, unknown>[];
    return { status: 201, body: { data: docs.find((d) => d['id'] === doc.id) } };
  }

  private submit(rec: VerificationRecord, req: SandboxRequest, tools: SandboxTools): SandboxAnswer {
    if (rec.status !== 1)
      return invalid(
        'status',
        `Only a Started verification can be submitted; it is ${VERIFICATION_LABELS[rec.status]}.`,
      );
    const live = rec.documents.filter((d) => d.status !== 6);
    const missing = (REQUIRED[rec.flow] ?? [1]).filter((t) => !live.some((d) => d.type === t));
    if (missing.length > 0) {
      return invalid(
        'documents',
        `Missing required documents: ${missing.map((t) => DOCUMENT_TYPE_LABELS[t]).join(', ')}.`,
      );
    }
    const credits = tools.creditsLeft();
    if (credits !== null && credits <= 0) {
      return message(402, 'Insufficient balance to submit this verification.', {
        code: 'INSUFFICIENT_BALANCE',
      });
    }
    for (const doc of live) doc.status = 2;
    rec.submittedAt ??= req.now;
    rec.outcome = decideOutcome(rec);
    rec.processUntil = req.now + processingTime(rec);
    transition(rec, 2, req.now, 'api', null);
    this.save(rec, tools);
    tools.bill(
      {
        id: rec.id,
        service: rec.flow,
        resultId: rec.vendorReference,
        sha256s: live.flatMap((d) => d.sides.map((s) => s.sha256)),
      },
      req.now,
    );
    return { status: 200, body: { data: this.view(rec, req.now) } };
  }

  private act(
    rec: VerificationRecord,
    action: CollecktAction,
    req: SandboxRequest,
    tools: SandboxTools,
  ): SandboxAnswer {
    const allowed = ALLOWED_FROM[action];
    if (!allowed.includes(rec.status)) {
      return invalid(
        'status',
        `Cannot ${action} a verification that is ${VERIFICATION_LABELS[rec.status]}.`,
      );
    }
    const body = asRecord(req.body);
    const comment = textValue(body['comment']) ?? textValue(body['reason']);
    if (action === 'reject' && !comment)
      return invalid('comment', 'A reason is required to reject a verification.');
    const user = textValue(body['user_reference']) ?? 'api';
    const from = rec.status;
    switch (action) {
      case 'approve':
        transition(rec, 3, req.now, user, comment);
        break;
      case 'reject':
        transition(rec, 4, req.now, user, comment);
        break;
      case 'hold':
        rec.holdFrom = from;
        transition(rec, 8, req.now, user, comment);
        break;
      case 'resume': {
        const back = rec.holdFrom ?? 1;
        rec.holdFrom = null;
        transition(rec, back, req.now, user, comment);
        // The pipeline restarts where it was paused.
        if (back === 2) rec.processUntil = req.now + processingTime(rec);
        break;
      }
      case 'cancel':
        for (const doc of rec.documents) if (![3, 4, 5].includes(doc.status)) doc.status = 6;
        rec.processUntil = null;
        rec.outcome = null;
        transition(rec, 7, req.now, user, comment);
        break;
      case 'resubmit':
        // The end user must bring new documents: the rejected ones are withdrawn.
        for (const doc of rec.documents) if (doc.status === 4) doc.status = 6;
        transition(rec, 1, req.now, user, comment);
        break;
    }
    if (action === 'hold' && from === 2) {
      // Processing pauses on hold; remember the remaining time by restarting it on resume.
      rec.processUntil = null;
    }
    this.save(rec, tools);
    return { status: 200, body: { data: this.view(rec, req.now) } };
  }
}

export function startCollecktSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  return startSandboxServer(options, new CollecktSandbox());
}
