/**
 * The canonical enum values the UI offers as choices (filters, profile editor), taken from the
 * shared label dictionaries: those are complete by construction (`satisfies Record<Enum, Label>`)
 * and, unlike shared/contract.ts, carry no zod schemas into the renderer bundle.
 */
import type { FileState, Stage } from '../../shared/contract.ts';
import {
  DECISION_LABELS,
  DOCUMENT_KIND_LABELS,
  FILE_STATE_LABELS,
  STAGE_LABELS,
} from '../../shared/i18n/enums.ts';
import type { Decision, DocumentKind, ProviderName } from '../../shared/model.ts';
import { PROVIDER_LABELS } from '../features/providers/names.ts';

export const STAGES = Object.keys(STAGE_LABELS) as Stage[];
export const DECISIONS = Object.keys(DECISION_LABELS) as Decision[];
export const DOCUMENT_KINDS = Object.keys(DOCUMENT_KIND_LABELS) as DocumentKind[];
export const FILE_STATES = Object.keys(FILE_STATE_LABELS) as FileState[];
export const PROVIDER_NAMES = Object.keys(PROVIDER_LABELS) as ProviderName[];
