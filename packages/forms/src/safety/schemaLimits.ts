/** Size limits of a form schema authored by a user, checked by `checkAuthoredSchema`. */
export interface SchemaLimits {
  /** Most bytes of the schema as JSON text (UTF-8). Default 256 KiB. */
  readonly maxBytes: number;
  /**
   * Most nested schema levels below the root (`properties/a`, `items`, `allOf/0` … each add one);
   * a value inside a schema (`enum`, `const`, `default`, annotations) may also nest at most this deep.
   * Default 32.
   */
  readonly maxDepth: number;
  /** Most names in one object (`properties`, `$defs` … or any object of the schema). Default 500. */
  readonly maxProperties: number;
  /** Most items in one list (`enum` values, `oneOf` options … or any array of the schema). Default 2000. */
  readonly maxEnum: number;
  /** Most characters of one `pattern` or `patternProperties` name. Default 500. */
  readonly maxPatternLength: number;
}

/** The default {@link SchemaLimits}. */
export const DEFAULT_SCHEMA_LIMITS: SchemaLimits = Object.freeze({
  maxBytes: 256 * 1024,
  maxDepth: 32,
  maxProperties: 500,
  maxEnum: 2000,
  maxPatternLength: 500,
});

/** `limits` over the defaults; throws a RangeError for a limit that is not a non-negative integer. */
export function resolveSchemaLimits(limits: Partial<SchemaLimits> = {}): SchemaLimits {
  const resolved = { ...DEFAULT_SCHEMA_LIMITS };
  for (const key of Object.keys(DEFAULT_SCHEMA_LIMITS) as (keyof SchemaLimits)[]) {
    const value = limits[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`schema limit ${key} must be a non-negative integer, got ${String(value)}`);
    }
    resolved[key] = value;
  }
  return Object.freeze(resolved);
}
