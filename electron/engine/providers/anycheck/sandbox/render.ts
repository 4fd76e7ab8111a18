/**
 * How the sandbox writes its objects: the field names, value shapes and quirks of AnyCheck's
 * answers (WIB timestamps, the echoed api_key, group states in overall_status).
 */
import { createHash } from 'node:crypto';
import { isSecretKey } from '../../../../../shared/redact.ts';
import { SERVICE_PROFILES, type ServiceProfile } from '../services.ts';
import type { SbFolder, SbVerification } from './store.ts';

export interface RenderEnv {
  baseUrl: string;
  apiKey: string;
  userId: string;
  groupId: string;
}

/** A stable UUID-shaped id derived from a name, so catalogue ids survive restarts. */
export function stableId(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** AnyCheck stamps times in WIB (+07:00), mixed with UTC elsewhere. */
export function wib(ms: number | null): string | null {
  if (ms === null) return null;
  return new Date(ms + 7 * 3_600_000).toISOString().replace('Z', '+07:00');
}

/** A verification's status at a moment, computed from its timestamps (no timers). */
export function phase(v: SbVerification, at: number): { status: string; terminal: boolean } {
  if (at < v.queuedUntil) return { status: 'IN_QUEUE', terminal: false };
  if (at < v.doneAt) return { status: 'IN_PROGRESS', terminal: false };
  return { status: v.outcome.status, terminal: true };
}

/** The group state of a result group (PARTIALLY_* while part of it runs or failed). */
export function overallStatus(statuses: string[]): string | null {
  if (statuses.length === 0) return null;
  const done = (s: string) => s === 'COMPLETED' || s === 'NEED_REVIEW';
  const pending = (s: string) => s === 'IN_QUEUE' || s === 'IN_PROGRESS' || s === 'FRAUD_DETECTED';
  if (statuses.every((s) => s === 'IN_QUEUE')) return 'IN_QUEUE';
  if (statuses.every(pending))
    return statuses.every((s) => s === 'FRAUD_DETECTED') ? 'FRAUD_DETECTED' : 'IN_PROGRESS';
  if (statuses.every(done)) return 'COMPLETED';
  if (statuses.every((s) => s === 'FAILED')) return 'FAILED';
  if (statuses.every((s) => s === 'CANCELLED')) return 'CANCELLED';
  if (statuses.some(pending)) return 'PARTIALLY_COMPLETED';
  if (statuses.some(done)) return 'PARTIALLY_FAILED';
  return 'FAILED';
}

export function serviceJson(
  profile: ServiceProfile,
  id: string,
  env: RenderEnv,
): Record<string, unknown> {
  const created = wib(Date.UTC(2024, 0, 15, 3));
  return {
    id,
    category: {
      id: stableId(`category:${profile.category}`),
      name: profile.category,
      type: profile.categoryType,
    },
    code: profile.code,
    name: profile.name,
    description: `${profile.name} (CheckDesk sandbox)`,
    icon_file_url: null,
    action_param: {},
    action_type: 'SCREEN',
    credit_cost_default: profile.creditCost,
    is_enabled: true,
    created_at: created,
    created_by: env.userId,
    updated_at: created,
    updated_by: env.userId,
  };
}

export function folderJson(
  f: SbFolder,
  inside: readonly SbVerification[],
  env: RenderEnv,
): Record<string, unknown> {
  return {
    id: f.id,
    group: { id: env.groupId, name: 'CheckDesk Sandbox' },
    name: f.name,
    is_starred: false,
    total_service: new Set(inside.map((v) => v.serviceCode)).size,
    total_result: new Set(inside.map((v) => v.resultId)).size,
    created_at: wib(f.createdAt),
    created_by: env.userId,
    updated_at: wib(f.createdAt),
    updated_by: env.userId,
  };
}

export function verificationJson(
  v: SbVerification,
  at: number,
  env: RenderEnv,
): Record<string, unknown> {
  const { status, terminal } = phase(v, at);
  const profile = SERVICE_PROFILES[v.serviceCode];
  const urls: Record<string, string[]> = {};
  for (const f of v.files) (urls[f.field] ??= []).push(`${env.baseUrl}/${f.path}`);
  const transitions = [
    v.updatedAt,
    ...(at >= v.queuedUntil ? [v.queuedUntil] : []),
    ...(terminal ? [v.doneAt] : []),
  ];
  return {
    id: v.id,
    service: { id: v.serviceId, name: profile.name },
    user_id: env.userId,
    // The real service echoes the caller's key in every verification object; so does the sandbox.
    api_key: v.viaApiKey ? env.apiKey : null,
    folder_id: v.folderId,
    result_id: v.resultId,
    execution_time: terminal ? (v.doneAt - v.queuedUntil) / 1000 : 0,
    status,
    start_date: at >= v.queuedUntil ? wib(v.queuedUntil) : null,
    end_date: terminal ? wib(v.doneAt) : null,
    input_config: v.inputConfig,
    input_file_url: v.files.length > 0 ? urls : null,
    output: terminal ? v.outcome.output : null,
    output_file_url: terminal && v.outcome.output ? `${env.baseUrl}/outputs/${v.id}.json` : null,
    output_status: terminal ? v.outcome.outputStatus : null,
    external_job_id: null,
    webhook_url: v.webhookUrl,
    webhook_metadata: v.webhookMetadata,
    export_file_url: null,
    credit_used: v.creditUsed,
    total_files: v.files.length,
    total_pages: v.files.reduce((n, f) => n + f.analysis.pageCount, 0),
    created_at: wib(v.createdAt),
    updated_at: wib(Math.max(...transitions)),
  };
}

/**
 * A webhook body in the current documented shape: `event` is always
 * "verification.status_changed", `timestamp` UTC ISO-8601, then the verification's id, group,
 * status and verdict (the rest of the object is fetched by polling). The metadata registered at
 * create is echoed without its secret.
 */
export function webhookPayloadJson(
  v: SbVerification,
  status: string,
  sentAt: number,
): Record<string, unknown> {
  const terminal = status !== 'IN_QUEUE' && status !== 'IN_PROGRESS';
  const meta =
    v.webhookMetadata && typeof v.webhookMetadata === 'object' && !Array.isArray(v.webhookMetadata)
      ? (v.webhookMetadata as Record<string, unknown>)
      : null;
  return {
    event: 'verification.status_changed',
    timestamp: new Date(sentAt).toISOString(),
    verification_id: v.id,
    result_id: v.resultId,
    folder_id: v.folderId,
    service: { id: v.serviceId, name: SERVICE_PROFILES[v.serviceCode].name },
    status,
    output_status: terminal ? v.outcome.outputStatus : null,
    credit_used: v.creditUsed,
    metadata: meta
      ? Object.fromEntries(Object.entries(meta).filter(([k]) => !isSecretKey(k)))
      : null,
  };
}
