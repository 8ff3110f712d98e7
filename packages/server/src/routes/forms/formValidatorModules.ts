import { PRECOMPILED_FORM_MODULE_FORMAT, compileFormValidatorModule } from '@civicflow/forms/standalone';
import { canonicalJson } from '../../store/canonicalJson.js';
import { sha256Hex } from '../../store/eventHash.js';

/** A compiled validator module and its strong entity tag. */
export interface FormValidatorModule {
  /** `"<hex>"`: SHA-256 of the module format and the canonical JSON of the form schema. */
  etag: string;
  source: string;
}

export interface FormValidatorModulesOptions {
  /** How many compiled modules are kept (least recently used goes first). Default 200. */
  maxEntries?: number;
  /** The compiler; tests count its calls. */
  compile?: (schema: object) => string;
}

export interface FormValidatorModules {
  /** The ETag of the module of `schema`, without compiling (to answer 304 first). */
  etagOf(schema: object): string;
  /** The module of `schema`: compiled on first use, then kept (bounded). Throws FormSchemaError. */
  moduleOf(schema: object): FormValidatorModule;
}

/**
 * Precompiled form validators (`@civicflow/forms/standalone`), memoised by content: a published
 * version never changes, and a form that stays the same from one version to the next is
 * compiled once for both. Compiling takes tens of milliseconds (hundreds for the largest forms)
 * on the event loop, so each schema is compiled once per process, within a bounded LRU.
 */
export function createFormValidatorModules(options: FormValidatorModulesOptions = {}): FormValidatorModules {
  const maxEntries = options.maxEntries ?? 200;
  const compile = options.compile ?? ((schema: object) => compileFormValidatorModule(schema));
  const cache = new Map<string, FormValidatorModule>();

  // The format is hashed in: a generator that writes another module shape never reuses an ETag.
  const etagOf = (schema: object): string => `"${sha256Hex(`${PRECOMPILED_FORM_MODULE_FORMAT}\n${canonicalJson(schema)}`)}"`;

  return {
    etagOf,
    moduleOf(schema) {
      const etag = etagOf(schema);
      const cached = cache.get(etag);
      if (cached) {
        cache.delete(etag);
        cache.set(etag, cached);
        return cached;
      }
      const compiled = { etag, source: compile(schema) };
      cache.set(etag, compiled);
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
      return compiled;
    },
  };
}
