/**
 * The Content-Security-Policy of every app:// response. Scripts only from the app itself (an
 * injected string can never run); inline styles are allowed because React sets style attributes;
 * images may come from data:/blob: (thumbnails) and app: (app://documents/<id> previews).
 */

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: app:",
  "connect-src 'self'",
  // PDF previews: the case viewer frames app://documents/<id>.
  "frame-src 'self' app:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * A stored document shown in the case viewer: it runs nothing and may be framed only by the
 * app's own pages (a PDF is displayed in a frame).
 */
export const DOCUMENT_SECURITY_POLICY = [
  "default-src 'none'",
  "img-src 'self'",
  "style-src 'unsafe-inline'",
  'frame-ancestors app:',
].join('; ');

/** Headers every app:// response carries, whatever it serves. */
export function securityHeaders(kind: 'page' | 'document' = 'page'): Record<string, string> {
  return {
    'Content-Security-Policy':
      kind === 'document' ? DOCUMENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
