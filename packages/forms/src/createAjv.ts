import Ajv2020 from 'ajv/dist/2020.js';
import type { Options } from 'ajv/dist/2020.js';
import type AjvCore from 'ajv/dist/core.js';
import addFormats from 'ajv-formats';
import { cnFormatChecks } from './formats/index.js';
import { cnMinAgeKeyword } from './keywords/cnMinAge.js';

/**
 * The Ajv options of `createFormValidator`: `allErrors`, `strict` mode (unknown keywords and
 * formats are schema errors; `type` must accompany type-specific keywords), `strictRequired` off
 * (for the usual `if`/`then: { required }` pattern), union types allowed, no type coercion, no
 * defaults written into data, no removal of properties. Frozen: copy it to change anything.
 */
export const FORM_AJV_OPTIONS: Readonly<Options> = Object.freeze({
  allErrors: true,
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
  verbose: true,
  coerceTypes: false,
  useDefaults: false,
  removeAdditional: false,
  multipleOfPrecision: 9,
  // A field named like an Object.prototype member (toString, constructor) must be an own property.
  ownProperties: true,
  logger: false,
});

/** Options of {@link createConfiguredAjv}. */
export interface CreateConfiguredAjvOptions<A extends AjvCore = Ajv2020> {
  /**
   * Reference date `YYYY-MM-DD` for the "birth date not in the future" check of `cn-id-card`,
   * read at every check; `undefined` (the default) means no future check.
   */
  today?: () => string | undefined;
  /**
   * The Ajv class to construct. Default `Ajv2020` (JSON Schema 2020-12), which is what
   * `createFormValidator` uses; another class (e.g. Ajv's default draft-07 `Ajv`) gets the
   * same options, formats and keywords.
   */
  AjvClass?: new (options: Options) => A;
  /**
   * For matching schema fragments only (`if` conditions, `oneOf` options), which strict mode would
   * refuse on their own for lacking `type`: strict mode off, first error only. Formats and
   * keywords stay the same, so a condition matches alike in the browser and on the server.
   */
  lenient?: boolean;
}

/**
 * Creates an Ajv instance configured exactly as `createFormValidator` configures its own:
 * {@link FORM_AJV_OPTIONS}, the ajv-formats formats (full mode, with `formatMinimum` /
 * `formatMaximum`), the civicflow formats (`cn-id-card`, `cn-uscc` …) and the `x-cn-min-age`
 * keyword. It does not register other `x-` annotation keywords: `createFormValidator` does that
 * per schema.
 */
export function createConfiguredAjv(options?: CreateConfiguredAjvOptions<Ajv2020>): Ajv2020;
export function createConfiguredAjv<A extends AjvCore>(
  options: CreateConfiguredAjvOptions<A> & { AjvClass: new (options: Options) => A },
): A;
export function createConfiguredAjv(options: CreateConfiguredAjvOptions<AjvCore> = {}): AjvCore {
  const AjvClass = options.AjvClass ?? Ajv2020;
  const today = options.today ?? ((): undefined => undefined);
  const ajv = new AjvClass({ ...FORM_AJV_OPTIONS, ...(options.lenient ? { strict: false, allErrors: false, verbose: false } : {}) });
  addFormats(ajv);
  for (const [name, check] of Object.entries(cnFormatChecks(today))) {
    ajv.addFormat(name, { type: 'string', validate: check });
  }
  ajv.addKeyword(cnMinAgeKeyword);
  return ajv;
}
