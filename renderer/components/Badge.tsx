/** A small status label; the colour follows the value's tone, the text always says it. */
export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'neutral';

const TONES: Record<string, Tone> = {
  DONE: 'ok',
  APPROVED: 'ok',
  PASS: 'ok',
  online: 'ok',
  watching: 'ok',
  polling: 'ok',
  RESOLVED_APPROVED: 'ok',
  COMPLETED: 'ok',
  REVIEW: 'warn',
  IN_DOUBT: 'warn',
  INCONCLUSIVE: 'warn',
  REQUIRED: 'warn',
  IN_REVIEW: 'warn',
  FLAGGED: 'warn',
  WARNING: 'warn',
  rate_limited: 'warn',
  paused: 'warn',
  ON_HOLD: 'warn',
  BLOCKED: 'bad',
  DECLINED: 'bad',
  FAIL: 'bad',
  ERROR: 'bad',
  FAILED: 'bad',
  offline: 'bad',
  auth_failed: 'bad',
  no_credit: 'bad',
  unreachable: 'bad',
  RESOLVED_DECLINED: 'bad',
  QUEUED: 'info',
  SUBMITTED: 'info',
  CHECKING: 'info',
  INTAKE: 'info',
  WAITING_CASE: 'info',
  PROCESSING: 'info',
  PENDING: 'info',
  INFO: 'info',
};

export function toneOf(value: string | null | undefined): Tone {
  return (value && TONES[value]) || 'neutral';
}

export function Badge(props: {
  value: string | null | undefined;
  text: string;
  tone?: Tone;
  title?: string;
}) {
  if (!props.text) return null;
  return (
    <span
      className={`badge tone-${props.tone ?? toneOf(props.value)}`}
      data-value={props.value ?? undefined}
      title={props.title}
    >
      {props.text}
    </span>
  );
}
