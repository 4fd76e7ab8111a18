/**
 * The parts of AnyCheck's answers the client relies on. Loose on purpose: unknown fields pass
 * through (they are kept in `raw`), only what a decision depends on is required.
 */
import { z } from 'zod';

const Named = z.looseObject({
  id: z.string().nullish(),
  name: z.string().nullish(),
  code: z.string().nullish(),
});

export const WireVerification = z.looseObject({
  id: z.string().min(1),
  service: Named.nullish(),
  folder_id: z.string().nullish(),
  result_id: z.string().nullish(),
  status: z.string().nullish(),
  output_status: z.string().nullish(),
  input_config: z.record(z.string(), z.unknown()).nullish(),
  credit_used: z.number().nullish(),
});
export type WireVerification = z.infer<typeof WireVerification>;

export const WireVerificationList = z.looseObject({
  total: z.number().nullish(),
  overall_status: z.string().nullish(),
  items: z.array(WireVerification),
});
export type WireVerificationList = z.infer<typeof WireVerificationList>;

export const WireService = z.looseObject({
  id: z.string().min(1),
  code: z.string().min(1),
  name: z.string().nullish(),
  category: z
    .looseObject({
      id: z.string().nullish(),
      name: z.string().nullish(),
      type: z.string().nullish(),
    })
    .nullish(),
  is_enabled: z.boolean().nullish(),
  credit_cost_default: z.number().nullish(),
});
export const WireServiceList = z.looseObject({
  total: z.number().nullish(),
  items: z.array(WireService),
});

export const WireFolder = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  group: Named.nullish(),
});
export type WireFolder = z.infer<typeof WireFolder>;
export const WireFolderList = z.looseObject({
  total: z.number().nullish(),
  items: z.array(WireFolder),
});

export const WireMe = z.looseObject({ group: Named.nullish(), group_id: z.string().nullish() });

export const WireUpload = z.looseObject({
  object_id: z.string().nullish(),
  files: z
    .array(
      z.looseObject({
        path: z.string().min(1),
        url: z.string().nullish(),
        page_count: z.number().nullish(),
      }),
    )
    .min(1),
});

export const WireDuplicate = z.looseObject({
  is_duplicate: z.boolean(),
  detected_documents: z.array(z.string()).nullish(),
  previous_verifications: z
    .array(
      z.looseObject({
        id: z.string().min(1),
        service: Named.nullish(),
        folder: Named.nullish(),
        result_id: z.string().nullish(),
        detected_documents: z.array(z.string()).nullish(),
      }),
    )
    .nullish(),
});
export type WireDuplicate = z.infer<typeof WireDuplicate>;

export const WireTokens = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().nullish(),
});

/**
 * A bulk export wrapped in JSON, the workbook inline as base64 (older hosts, and the sandbox when
 * the client does not ask for the file itself); the adapter also takes the xlsx bytes directly.
 */
export const WireExport = z.looseObject({
  file_name: z.string().nullish(),
  file_base64: z.string().nullish(),
  file_url: z.string().nullish(),
});

/** Current `{error_code, message, errors[]}` and legacy `{success: false, error: {code, message}}`. */
export function vendorErrorOf(body: unknown): { code: string | null; message: string | null } {
  if (!body || typeof body !== 'object') return { code: null, message: null };
  const b = body as Record<string, unknown>;
  const legacy =
    b.error && typeof b.error === 'object' ? (b.error as Record<string, unknown>) : null;
  const code =
    typeof b.error_code === 'string'
      ? b.error_code
      : typeof legacy?.code === 'string'
        ? legacy.code
        : null;
  let message =
    typeof b.message === 'string'
      ? b.message
      : typeof legacy?.message === 'string'
        ? legacy.message
        : null;
  if (Array.isArray(b.errors) && b.errors.length > 0) {
    const details = b.errors
      .map((e) =>
        e && typeof e === 'object'
          ? `${String((e as Record<string, unknown>).field ?? '')}: ${String((e as Record<string, unknown>).message ?? '')}`
          : '',
      )
      .filter((s) => s.length > 2)
      .slice(0, 3);
    if (details.length > 0) message = `${message ?? 'invalid request'} (${details.join('; ')})`;
  }
  return { code, message };
}

/** Older hosts wrap successful answers as `{success: true, data: …}`. */
export function unwrapEnvelope(body: unknown): unknown {
  if (
    body &&
    typeof body === 'object' &&
    (body as Record<string, unknown>).success === true &&
    'data' in (body as Record<string, unknown>)
  ) {
    return (body as Record<string, unknown>).data;
  }
  return body;
}
