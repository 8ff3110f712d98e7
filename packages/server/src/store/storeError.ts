import { CivicflowError, isCivicflowError } from '@civicflow/engine';

/**
 * What a store call throws: the CivicflowError it raised itself (EXISTS, NOT_FOUND, CONFLICT),
 * or any database failure as CF_ENGINE_INTERNAL with the driver's error in `details` and
 * `cause`, so hosts branch on one error type and logs keep the original.
 */
export function toStoreError(error: unknown, instanceId?: string): CivicflowError {
  if (isCivicflowError(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  const wrapped = new CivicflowError('CF_ENGINE_INTERNAL', { detail: `store: ${detail}`, ...(instanceId ? { instanceId } : {}) }, error);
  (wrapped as Error & { cause?: unknown }).cause = error;
  return wrapped;
}
