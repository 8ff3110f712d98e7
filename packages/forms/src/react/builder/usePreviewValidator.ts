import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { canonicalJson } from '../../builder/index.js';
import type { FormSchemas } from '../../builder/index.js';
import type { CivicflowFormValidator } from '../../createFormValidator.js';
import type { PreviewValidatorSource } from './previewValidator.js';

/** A validator and the form it was asked for. */
export interface PreviewReady {
  form: FormSchemas;
  validator: CivicflowFormValidator;
}

/** Where the preview's validator stands. */
export type PreviewValidatorState =
  /** No source: `<TaskForm>`'s default (runtime) validator. */
  | { status: 'default' }
  /** Asked for; `previous` is the last form shown with its validator, if any (still consistent with each other). */
  | { status: 'loading'; previous: PreviewReady | undefined }
  | { status: 'ready'; ready: PreviewReady }
  | { status: 'failed'; error: unknown; retry(): void };

type Outcome = { key: string; attempt: number } & ({ validator: CivicflowFormValidator } | { error: unknown });

/**
 * Asks `source` for the validator of `form.schema` whenever the schema changes (by content),
 * aborting the request before (its signal) when a newer one replaces it or the preview goes away.
 * The source is read at each request, so a host passing a new function on every render does not
 * make it ask again.
 */
export function usePreviewValidator(form: FormSchemas, source: PreviewValidatorSource | undefined): PreviewValidatorState {
  const key = useMemo(() => canonicalJson(form.schema), [form.schema]);
  const [attempt, setAttempt] = useState(0);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const [shown, setShown] = useState<PreviewReady | undefined>(undefined);
  const sourceRef = useRef(source);
  sourceRef.current = source;
  const schemaRef = useRef(form.schema);
  schemaRef.current = form.schema;
  const hasSource = source !== undefined;

  useEffect(() => {
    const ask = sourceRef.current;
    if (!ask) return undefined;
    const controller = new AbortController();
    const settle = (result: { validator: CivicflowFormValidator } | { error: unknown }): void => {
      if (!controller.signal.aborted) setOutcome({ key, attempt, ...result });
    };
    try {
      Promise.resolve(ask(schemaRef.current as object, { signal: controller.signal })).then(
        (validator) => settle({ validator }),
        (error: unknown) => settle({ error }),
      );
    } catch (error) {
      settle({ error });
    }
    return () => controller.abort();
  }, [key, attempt, hasSource]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const current = outcome && outcome.key === key && outcome.attempt === attempt ? outcome : undefined;
  const ready = current && 'validator' in current ? { form, validator: current.validator } : undefined;
  // Remembered for the next change of the form: it stays in view, marked busy, until the next validator is there.
  if (ready && (shown?.validator !== ready.validator || shown.form !== form)) setShown(ready);

  if (!hasSource) return { status: 'default' };
  if (!current) return { status: 'loading', previous: shown };
  if ('error' in current) return { status: 'failed', error: current.error, retry };
  return { status: 'ready', ready: ready! };
}
