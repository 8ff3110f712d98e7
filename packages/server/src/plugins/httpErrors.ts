import { ENGINE_ERRORS } from '@civicflow/engine';
import type { LocalizedText } from '@civicflow/engine';

/** The body of every error response: a stable code, the message in both locales, the fix, and details. */
export interface ErrorBody {
  code: string;
  message: LocalizedText;
  hint?: LocalizedText;
  details?: unknown;
}

/** HTTP status per engine error code; codes not listed are 400 (user errors) or 500 (internal). */
const STATUS: Record<string, number> = {
  CF_ENGINE_TASK_NOT_FOUND: 404,
  CF_ENGINE_STORE_NOT_FOUND: 404,
  CF_ENGINE_SUBPROCESS_NOT_FOUND: 404,
  CF_ENGINE_FORBIDDEN_ROLE: 403,
  CF_ENGINE_FORBIDDEN_ORG_UNIT: 403,
  CF_ENGINE_FORBIDDEN_PERSON: 403,
  CF_ENGINE_CONFLICT_OF_INTEREST: 403,
  CF_ENGINE_STORE_CONFLICT: 409,
  CF_ENGINE_STORE_EXISTS: 409,
  CF_ENGINE_INSTANCE_ENDED: 409,
  CF_ENGINE_TASK_CLAIMED: 409,
  CF_ENGINE_TASK_NOT_CLAIMABLE: 422,
  CF_ENGINE_REASSIGN_TARGET_INELIGIBLE: 422,
  CF_ENGINE_FORM_INVALID: 422,
  CF_ENGINE_CHECK_FAILED: 422,
  CF_ENGINE_DEFINITION_INVALID: 422,
  CF_ENGINE_CONFIG_LAW_FIXED: 422,
  CF_ENGINE_MIGRATION_REFUSED: 422,
};

/** The status for an engine error code. */
export function statusOf(code: string): number {
  if (STATUS[code]) return STATUS[code]!;
  const entry = (ENGINE_ERRORS as Record<string, { kind: string } | undefined>)[code];
  return entry?.kind === 'internal' ? 500 : 400;
}
