import type { Actor } from '@civicflow/engine';
import { isServerError } from '../plugins/serverError.js';
import type { CanSeeCase } from './attachmentService.js';

/**
 * The instance service's visibility rule as a yes/no question: `get` answers 404 for a case the
 * actor may not see (need to know, within their unit), so attachments follow the same rule
 * without repeating it.
 */
export function caseVisibility(cases: { get(actor: Actor, instanceId: string): Promise<unknown> }): CanSeeCase {
  return async (actor, instanceId) => {
    try {
      await cases.get(actor, instanceId);
      return true;
    } catch (error) {
      if (isServerError(error, 'CF_SERVER_NOT_FOUND')) return false;
      throw error;
    }
  };
}
