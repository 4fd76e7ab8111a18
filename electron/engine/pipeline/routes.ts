/**
 * Which provider and service each document kind goes to, and in which wire field. The default
 * profile sends everything to AnyCheck, whose services match the documents our users handle;
 * an inbox profile can route kinds elsewhere (`routes` in the profile file or the UI).
 */
import { createHash } from 'node:crypto';
import type { InboxProfile } from '../../../shared/contract.ts';
import type { DocumentKind, ExpectedData, ProviderName } from '../../../shared/model.ts';

export interface PlannedDocument {
  id: number;
  kind: DocumentKind;
  sha256: string;
  preflight: string;
}

export interface PlannedVerification {
  provider: ProviderName;
  service: string;
  config: Record<string, unknown>;
  documents: { documentId: number; field: string; sha256: string }[];
  /** What makes this request unique besides its documents (a NIK for NIK-only checks). */
  subject?: string;
}

export interface RouteRule {
  provider: ProviderName;
  service: string;
  options?: Record<string, unknown>;
}

/** AnyCheck wire fields per kind (configuration.files.<field>). */
const ANYCHECK_FIELD: Partial<
  Record<
    DocumentKind,
    { service: string; field: string; combine: boolean; config?: Record<string, unknown> }
  >
> = {
  BPKB: { service: 'BPKB_VERIFICATION', field: 'bpkb_file', combine: false },
  LAND_CERTIFICATE: {
    service: 'LAND_CERTIFICATE_VERIFICATION',
    field: 'land_certificate_file',
    combine: false,
  },
  BANK_STATEMENT: {
    service: 'BANK_STATEMENT_ANALYSIS',
    field: 'bsa_file',
    combine: true,
    config: { fraud_detection: true },
  },
  FINANCIAL_STATEMENT: {
    service: 'FINANCIAL_STATEMENT_ANALYSIS',
    field: 'financial_statement_file',
    combine: false,
    config: { fraud_detection: true },
  },
};

/** Fields of the providers that take one verification per case with typed documents. */
const CASE_FIELDS: Partial<Record<ProviderName, Partial<Record<DocumentKind, string>>>> = {
  colleckt: {
    KTP: 'photo_id',
    PASSPORT: 'photo_id',
    PROOF_OF_ADDRESS: 'proof_of_address',
    SELFIE: 'selfie',
  },
  frankieone: { KTP: 'id_front', PASSPORT: 'id_front', SELFIE: 'selfie' },
};

/** The document without which such a verification cannot start (a selfie alone proves nothing). */
const REQUIRED_FIELD: Partial<Record<ProviderName, string>> = {
  colleckt: 'photo_id',
  frankieone: 'id_front',
};

const DEFAULT_ROUTES: Partial<Record<DocumentKind, RouteRule[]>> = {
  KTP: [{ provider: 'anycheck', service: 'KTP_VERIFICATION' }],
  SELFIE: [{ provider: 'anycheck', service: 'KTP_VERIFICATION' }],
  BPKB: [{ provider: 'anycheck', service: 'BPKB_VERIFICATION' }],
  LAND_CERTIFICATE: [{ provider: 'anycheck', service: 'LAND_CERTIFICATE_VERIFICATION' }],
  BANK_STATEMENT: [{ provider: 'anycheck', service: 'BANK_STATEMENT_ANALYSIS' }],
  FINANCIAL_STATEMENT: [{ provider: 'anycheck', service: 'FINANCIAL_STATEMENT_ANALYSIS' }],
};

export function routesFor(kind: DocumentKind, profile: InboxProfile | undefined): RouteRule[] {
  return (profile?.routes?.[kind] as RouteRule[] | undefined) ?? DEFAULT_ROUTES[kind] ?? [];
}

export interface PlanResult {
  verifications: PlannedVerification[];
  /** Documents that no route sends anywhere, with the reason a clerk reads. */
  notSent: { documentId: number; reason: string }[];
}

/** Turns a case's documents (and expected data) into the verifications to send. */
export function planCase(
  docs: readonly PlannedDocument[],
  expected: ExpectedData | null,
  profile: InboxProfile | undefined,
): PlanResult {
  const out: PlannedVerification[] = [];
  const notSent: PlanResult['notSent'] = [];
  const routed = new Set<number>();
  const byKind = (k: DocumentKind) => docs.filter((d) => d.kind === k);

  // Group the case's documents by (provider, service) of their routes.
  const groups = new Map<string, { rule: RouteRule; docs: PlannedDocument[] }>();
  for (const d of docs) {
    for (const rule of routesFor(d.kind, profile)) {
      const key = `${rule.provider}\u0000${rule.service}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { rule, docs: [] }));
      g.docs.push(d);
    }
  }

  for (const { rule, docs: groupDocs } of groups.values()) {
    const options = rule.options ?? {};
    if (rule.provider === 'anycheck' && rule.service === 'KTP_VERIFICATION') {
      const ktps = groupDocs.filter((d) => d.kind === 'KTP');
      const selfies = groupDocs.filter((d) => d.kind === 'SELFIE');
      if (ktps.length === 0) {
        for (const s of selfies)
          notSent.push({
            documentId: s.id,
            reason: "a selfie alone cannot be verified: add the applicant's KTP to the case",
          });
        continue;
      }
      ktps.forEach((ktp, i) => {
        const selfie = selfies[i] ?? selfies[0];
        const documents = [{ documentId: ktp.id, field: 'ktp_file', sha256: ktp.sha256 }];
        if (selfie)
          documents.push({ documentId: selfie.id, field: 'selfie_file', sha256: selfie.sha256 });
        out.push({
          provider: 'anycheck',
          service: rule.service,
          config: { verification_type: selfie ? 'KTP_SELFIE' : 'KTP_PEP', ...options },
          documents,
        });
        routed.add(ktp.id);
        if (selfie) routed.add(selfie.id);
      });
      for (const s of selfies)
        if (!routed.has(s.id))
          notSent.push({
            documentId: s.id,
            reason: 'extra selfie: only one selfie per KTP is sent',
          });
      continue;
    }
    if (rule.provider === 'anycheck') {
      const spec = Object.entries(ANYCHECK_FIELD).find(([, v]) => v.service === rule.service)?.[1];
      const field = (options.field as string | undefined) ?? spec?.field ?? 'file';
      const config = { ...(spec?.config ?? {}), ...options };
      delete (config as Record<string, unknown>).field;
      if (spec?.combine) {
        out.push({
          provider: 'anycheck',
          service: rule.service,
          config,
          documents: groupDocs.map((d) => ({ documentId: d.id, field, sha256: d.sha256 })),
        });
      } else {
        for (const d of groupDocs)
          out.push({
            provider: 'anycheck',
            service: rule.service,
            config,
            documents: [{ documentId: d.id, field, sha256: d.sha256 }],
          });
      }
      groupDocs.forEach((d) => routed.add(d.id));
      continue;
    }
    // Providers with one verification per case and typed document slots.
    const fields = CASE_FIELDS[rule.provider] ?? {};
    const documents: PlannedVerification['documents'] = [];
    const used = new Set<string>();
    for (const d of groupDocs) {
      const field = fields[d.kind];
      if (!field || used.has(field)) {
        notSent.push({
          documentId: d.id,
          reason: field
            ? `${rule.provider} takes one ${field.replace(/_/g, ' ')} per verification; this one is extra`
            : `${rule.provider} has no place for a ${d.kind} document`,
        });
        continue;
      }
      used.add(field);
      documents.push({ documentId: d.id, field, sha256: d.sha256 });
      routed.add(d.id);
    }
    const required = REQUIRED_FIELD[rule.provider];
    if (required && documents.length && !documents.some((d) => d.field === required)) {
      for (const d of documents) {
        routed.delete(d.documentId);
        notSent.push({
          documentId: d.documentId,
          reason: `${rule.provider} needs the applicant's ID document (${required.replace(/_/g, ' ')}) in the same case; add it to send this`,
        });
      }
      continue;
    }
    if (documents.length)
      out.push({
        provider: rule.provider,
        service: rule.service,
        config: { ...options },
        documents,
      });
  }

  // A case with a declared NIK but no KTP scan: a NIK check against the population register.
  const nikRoutes = routesFor('KTP', profile);
  if (
    expected?.nik &&
    byKind('KTP').length === 0 &&
    nikRoutes.some((r) => r.provider === 'anycheck' && r.service === 'KTP_VERIFICATION')
  ) {
    out.push({
      provider: 'anycheck',
      service: 'KTP_VERIFICATION',
      config: { verification_type: 'NIK', nik: expected.nik },
      documents: [],
      subject: `nik:${expected.nik}`,
    });
  }

  for (const d of docs) {
    if (routed.has(d.id) || notSent.some((n) => n.documentId === d.id)) continue;
    notSent.push({
      documentId: d.id,
      reason: `no service is set up for ${d.kind} documents in this inbox's profile`,
    });
  }
  return { verifications: out, notSent };
}

/** The idempotency key: documents + provider + service (+ variant) + attempt generation. */
export function idempotencyKey(v: PlannedVerification, generation: number): string {
  const variant = typeof v.config.verification_type === 'string' ? v.config.verification_type : '';
  const material = JSON.stringify([
    v.provider,
    v.service,
    variant,
    v.documents.map((d) => d.sha256).sort(),
    v.subject ?? null,
    generation,
  ]);
  return createHash('sha256').update(material).digest('hex').slice(0, 40);
}
