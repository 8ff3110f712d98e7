import type { PreviewValidatorSource } from '@civicflow/forms/react';
import { ApiError, STUDIO_FORM_UNAVAILABLE } from '../../api/ApiError.js';
import { draftFormValidator, hasDraftFormValidator } from '../../validation/taskValidator.js';
import { COMPOSER_MESSAGES } from './composerMessages.js';

/**
 * How long the form builder's preview waits after a change before asking the server for the new
 * form's validator: a burst of edits (fields added one after another, undo pressed a few times)
 * posts once, for the form it ends with.
 */
export const PREVIEW_DEBOUNCE_MS = 400;

/** Resolves after `ms`, or rejects with the signal's reason as soon as it is aborted. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    function stop(): void {
      clearTimeout(timer);
      reject(signal.reason as Error);
    }
    signal.addEventListener('abort', stop, { once: true });
  });
}

/**
 * The composer's source of validators for `<FormBuilder>`'s preview (`previewValidator`): the
 * studio runs under `script-src 'self'`, so the draft form is validated as published forms are,
 * with a module the server precompiles for it (`draftFormValidator`, src/validation). The builder
 * asks on every change of the schema and aborts what it no longer needs; this waits
 * {@link PREVIEW_DEBOUNCE_MS} first (not for a form whose validator the page already has), so that
 * a burst of edits posts once. The server's refusal comes back as its ApiError (shown by the
 * builder in the person's language, with the problem and its fix); a module that could not be
 * imported as the studio's own error.
 */
export function createDraftPreviewValidator(options: { delayMs?: number } = {}): PreviewValidatorSource {
  const delayMs = options.delayMs ?? PREVIEW_DEBOUNCE_MS;
  return async (schema, { signal }) => {
    if (!hasDraftFormValidator(schema)) await pause(delayMs, signal);
    try {
      return await draftFormValidator(schema);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError(0, { code: STUDIO_FORM_UNAVAILABLE, message: COMPOSER_MESSAGES['composer.builder.previewUnavailable'], hint: COMPOSER_MESSAGES['composer.builder.previewUnavailableHint'] });
    }
  };
}
