import type Ajv2020 from 'ajv/dist/2020.js';
import type { AnyValidateFunction } from 'ajv/dist/core.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { ROOT_SCHEMA_PREFIX } from '@rjsf/utils/lib/constants.js';
import withIdRefPrefix from '@rjsf/utils/lib/withIdRefPrefix.js';
import { canonicalJson } from '../builder/canonicalJson.js';
import { createFormValidator } from '../createFormValidator.js';
import type { CivicflowFormValidator } from '../createFormValidator.js';
import { PRECOMPILED_FORM_MODULE_FORMAT, formConditions } from '../precompiled/precompiledFormModule.js';
import type { SchemaLimits } from '../safety/schemaLimits.js';
import { FormSchemaError } from '../schemaError.js';
import { isSchemaNode, walkSchema } from '../schemaWalk.js';
import { CIVICFLOW_CHECKS_SOURCE } from './civicflowChecksSource.js';
import { rjsfProbeFragments } from './rjsfProbeFragments.js';
import { createStandaloneAjv } from './standaloneAjv.js';
import { VENDORED_AJV_RUNTIME } from './vendoredAjvRuntime.js';

/** Options of {@link compileFormValidatorModule}. */
export interface CompileFormValidatorModuleOptions {
  /** Limits of the safety check the schema passes first, as for `createFormValidator`. */
  schemaLimits?: Partial<SchemaLimits>;
}

/** Names Ajv accepts for keywords (as in createFormValidator). */
const ANNOTATION_KEYWORD_NAME = /^[a-z_$][a-z0-9_$:-]*$/i;
/** How Ajv's generated code loads a runtime helper; each one it names must be inlined. */
const REQUIRE_CALL = /\brequire\("([^"]+)"\)/g;
const GENERATOR = 'compileFormValidatorModule';

let sharedChecker: CivicflowFormValidator | undefined;

/**
 * The runtime validator that vets each schema first. Shared across calls when the default limits
 * apply (as a server shares one for submissions): a fresh one compiles Ajv's meta-schema again,
 * which costs more than most forms.
 */
function schemaChecker(schemaLimits: Partial<SchemaLimits> | undefined): CivicflowFormValidator {
  if (schemaLimits) return createFormValidator({ schemaLimits });
  sharedChecker ??= createFormValidator();
  return sharedChecker;
}

/** `x-…` annotation keywords of the schema, declared to the strict Ajv as createFormValidator does. */
function registerAnnotationKeywords(ajv: Ajv2020, schema: object): void {
  // getKeyword() does not see name-only keywords, and adding one twice throws "already defined"
  // (a schema using the same annotation in two places): remember what was added.
  const added = new Set<string>();
  walkSchema(schema, (node) => {
    for (const key of Object.keys(node)) {
      if (!key.startsWith('x-') || added.has(key) || !ANNOTATION_KEYWORD_NAME.test(key) || ajv.getKeyword(key)) continue;
      ajv.addVocabulary([key]);
      added.add(key);
    }
  });
}

/** Ajv's standalone code of one validator, as an expression evaluating to that validator. */
function standaloneExpression(ajv: Ajv2020, validate: AnyValidateFunction): string {
  // `module.exports = validateN; …`: run in its own function scope, since the chunks of the
  // strict and the lenient Ajv reuse the same generated names (validate10, schema11 …).
  const chunk = standaloneCode(ajv, validate);
  return `(function (require) {\nconst module = { exports: {} };\n${chunk}\nreturn module.exports;\n})(cfRequire)`;
}

/** The standalone code of a matcher that never matches: rjsf's adapter answers so for a fragment Ajv refuses. */
const NEVER_MATCHES = '(function () { return false; })';

/** The lenient matchers of a module: one chunk of standalone code per distinct fragment, by index. */
interface LenientMatchers {
  /** Standalone expressions, in index order. */
  readonly chunks: readonly string[];
  /** An `if` condition compiled on its own, as `prepare` compiles it (throws where that throws). */
  alone(condition: object): number;
  /**
   * A fragment rjsf asks about, compiled as `createRjsfValidator`'s matcher compiles it: alone,
   * or — with a `$ref` — against the form added under rjsf's root prefix; never-matching where
   * Ajv refuses it (that matcher answers `false` then).
   */
  asRjsfAsks(fragment: object): number;
}

function lenientMatchers(schema: object): LenientMatchers {
  const ajv = createStandaloneAjv(true);
  const chunks: string[] = [];
  const indexes = new Map<string, number>();
  let rootAdded = false;
  const matcher = (key: string, compile: () => string): number => {
    let index = indexes.get(key);
    if (index === undefined) {
      index = chunks.push(compile()) - 1;
      indexes.set(key, index);
    }
    return index;
  };
  const orNever = (compile: () => AnyValidateFunction) => (): string => {
    try {
      return standaloneExpression(ajv, compile());
    } catch {
      return NEVER_MATCHES;
    }
  };
  return {
    chunks,
    alone: (condition) => matcher(`alone ${canonicalJson(condition)}`, () => standaloneExpression(ajv, ajv.compile(condition))),
    asRjsfAsks(fragment) {
      const text = canonicalJson(fragment);
      if (!text.includes('"$ref"')) {
        const compiled = indexes.get(`alone ${text}`);
        return compiled ?? matcher(`fragment ${text}`, orNever(() => ajv.compile(JSON.parse(text) as object)));
      }
      return matcher(`fragment ${text}`, orNever(() => {
        if (!rootAdded) {
          ajv.addSchema(schema, ROOT_SCHEMA_PREFIX);
          rootAdded = true;
        }
        return ajv.compile(withIdRefPrefix(JSON.parse(text) as object));
      }));
    },
  };
}

/** The inlined CommonJS modules `chunks` need (transitively), ajv-formats' formats always. */
function inlinedModules(chunks: readonly string[]): string {
  const needed = new Set<string>(['ajv-formats/dist/formats']);
  for (const chunk of chunks) for (const m of chunk.matchAll(REQUIRE_CALL)) needed.add(m[1] ?? '');
  const ordered: string[] = [];
  const visit = (id: string, from: string): void => {
    if (ordered.includes(id)) return;
    const vendored = Object.hasOwn(VENDORED_AJV_RUNTIME, id) ? VENDORED_AJV_RUNTIME[id] : undefined;
    if (!vendored) {
      throw new Error(`${GENERATOR}: ${from} requires "${id}", which is not inlined (src/standalone/vendoredAjvRuntime.ts)`);
    }
    ordered.push(id);
    for (const dep of vendored.requires) visit(dep, id);
  };
  for (const id of needed) visit(id, 'the generated code');
  return ordered
    .map((id) => `  ${JSON.stringify(id)}: function (module, exports, require) {\n${VENDORED_AJV_RUNTIME[id]?.source ?? ''}\n},\n`)
    .join('');
}

/**
 * Compiles one form schema into the source of a self-contained ES module — no imports, no `eval`,
 * no `new Function` — for pages whose Content-Security-Policy has no `'unsafe-eval'`. Load it
 * with `import * as m from '…/validator.js'` and wrap it with `createPrecompiledFormValidator(m)`.
 *
 * The module holds Ajv's standalone code for the strict validator (the options, formats and
 * keywords of `createFormValidator`), for a lenient matcher of every `if` condition (what
 * `prepare` evaluates to hide conditional fields) and for a lenient matcher of every fragment
 * rjsf asks its validator about while rendering the form (`rjsfProbeFragments`: conditions and
 * `oneOf`/`anyOf` options as rjsf probes them, so that `<TaskForm>` needs no Ajv either), plus
 * what that code needs: Ajv's runtime helpers, ajv-formats' formats and civicflow's formats and
 * `x-cn-min-age` test, inlined. Each distinct fragment is compiled once. It exports `format`,
 * `schema`, `validate(data, { today })`, `matchesCondition(pointer, value)` and
 * `matchesFragment(key, value)` ({@link PrecompiledFormModule}).
 *
 * The schema is first checked and compiled by `createFormValidator` itself, so a schema it
 * refuses (unsafe, not JSON Schema 2020-12, an unknown keyword or format) throws the same
 * {@link FormSchemaError} here. Runs wherever Ajv compiles (Node, or a page allowing eval);
 * compiling takes milliseconds to a few tens of them, so servers cache the result.
 */
export function compileFormValidatorModule(schema: object, options: CompileFormValidatorModuleOptions = {}): string {
  if (!isSchemaNode(schema)) throw new FormSchemaError(['the schema must be a JSON object']);
  schemaChecker(options.schemaLimits).validate(schema, null);

  const strictAjv = createStandaloneAjv(false);
  registerAnnotationKeywords(strictAjv, schema);
  const strict = standaloneExpression(strictAjv, strictAjv.compile(schema));

  const lenient = lenientMatchers(schema);
  const conditions = formConditions(schema).map(({ pointer, schema: condition }) => {
    try {
      return `  [${JSON.stringify(pointer)}, ${lenient.alone(condition)}],\n`;
    } catch (err) {
      // prepare compiles each condition alone, as here: one that needs the rest of the form fails there too.
      throw new FormSchemaError([`at ${pointer}: the condition cannot be compiled on its own (${err instanceof Error ? err.message : String(err)})`], { cause: err });
    }
  });
  const fragments = [...rjsfProbeFragments(schema)].map(([key, fragment]) => `  [${JSON.stringify(key)}, ${lenient.asRjsfAsks(fragment)}],\n`);

  return `// civicflow precompiled form validator (${PRECOMPILED_FORM_MODULE_FORMAT}), generated by @civicflow/forms ${GENERATOR}; do not edit.
// Ajv standalone code with its runtime helpers, ajv-formats and civicflow's checks inlined: no imports, no eval.
const cfInlined = {
${inlinedModules([strict, ...lenient.chunks])}};
const cfLoaded = new Map();
function cfRequire(id) {
  let loaded = cfLoaded.get(id);
  if (loaded === undefined) {
    if (!Object.prototype.hasOwnProperty.call(cfInlined, id)) throw new Error("civicflow form validator: " + id + " is not inlined");
    loaded = { exports: {} };
    cfLoaded.set(id, loaded);
    cfInlined[id].call(loaded.exports, loaded, loaded.exports, cfRequire);
  }
  return loaded.exports;
}
const cfRuntime = (function (baseFormats) {
${CIVICFLOW_CHECKS_SOURCE}
})(cfRequire("ajv-formats/dist/formats").fullFormats);
const cfStrict = ${strict};
const cfMatchers = [
${lenient.chunks.map((chunk) => `  ${chunk},\n`).join('')}];
const cfConditions = new Map([
${conditions.join('')}]);
const cfFragments = new Map([
${fragments.join('')}]);

export const format = ${JSON.stringify(PRECOMPILED_FORM_MODULE_FORMAT)};
export const schema = JSON.parse(${JSON.stringify(JSON.stringify(schema))});

export function validate(data, options) {
  cfRuntime.state.today = options === undefined ? undefined : options.today;
  try {
    return cfStrict(data) ? null : cfStrict.errors;
  } finally {
    cfRuntime.state.today = undefined;
  }
}

export function matchesCondition(pointer, value) {
  const matcher = cfConditions.get(pointer);
  if (matcher === undefined) throw new RangeError("civicflow form validator: no condition at " + pointer);
  return cfMatchers[matcher](value) === true;
}

export function matchesFragment(key, value) {
  const matcher = cfFragments.get(key);
  return matcher === undefined ? undefined : cfMatchers[matcher](value) === true;
}
`;
}
