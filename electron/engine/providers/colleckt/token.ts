/**
 * Colleckt API tokens are created in the dashboard and expire after 180 days by default. Nothing
 * in the API says when a token dies, so CheckDesk asks for the creation date (option
 * `tokenCreatedAt`, ISO) and warns a clerk in time to create the next one.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_TOKEN_LIFETIME_DAYS = 180;
export const WARN_DAYS_BEFORE_EXPIRY = 14;

export interface TokenSchedule {
  createdAt: string | null;
  /** Override for workspaces configured with another lifetime. */
  lifetimeDays?: number;
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A sentence for the clerk, or null when there is nothing to say (or no creation date to go on). */
export function tokenExpiryWarning(schedule: TokenSchedule, now: number): string | null {
  if (!schedule.createdAt) return null;
  const created = Date.parse(schedule.createdAt);
  if (Number.isNaN(created)) return null;
  const lifetime =
    schedule.lifetimeDays && schedule.lifetimeDays > 0
      ? schedule.lifetimeDays
      : DEFAULT_TOKEN_LIFETIME_DAYS;
  const expiresAt = created + lifetime * DAY_MS;
  const left = expiresAt - now;
  if (left <= 0) {
    return `The Colleckt API token expired on ${day(expiresAt)}. Create a new token in the Colleckt dashboard (Settings → API Tokens) and enter it in CheckDesk.`;
  }
  if (left <= WARN_DAYS_BEFORE_EXPIRY * DAY_MS) {
    const days = Math.ceil(left / DAY_MS);
    return `The Colleckt API token expires in ${days} day${days === 1 ? '' : 's'} (on ${day(expiresAt)}). Create a new token in the Colleckt dashboard and enter it in CheckDesk before then.`;
  }
  return null;
}
