import { _ } from 'ajv/dist/2020.js';
import type { CodeKeywordDefinition, KeywordCxt } from 'ajv/dist/2020.js';
import { ageOnDate } from '../ageOnDate.js';
import { parseIsoDate } from '../dates.js';
import { isCnIdCard } from '../formats/cnIdCard.js';
import { CN_MIN_AGE_KEYWORD, cnMinAgeKeyword } from '../keywords/cnMinAge.js';
import type { CnMinAge } from '../keywords/cnMinAge.js';

/** What the module's `x-cn-min-age` test does, for the in-process compile that precedes code generation. */
function minAgeHolds(idNo: string, age: number, on: string): boolean {
  if (!isCnIdCard(idNo)) return true;
  const actual = ageOnDate(idNo, on);
  return actual !== undefined && actual >= age;
}

/**
 * `x-cn-min-age` for standalone code. The runtime keyword (src/keywords/cnMinAge.ts) compiles to
 * a closure, which Ajv cannot write into a module; this one emits a call of the module's own
 * `cfRuntime.minAgeHolds(idNo, age, on)` (civicflowChecksSource.ts) with the rule's values as
 * literals. Same type, schema checks and failure (Ajv's default keyword error, as the runtime
 * keyword has `errors: false`), so both produce the same error objects.
 */
export const cnMinAgeCodeKeyword: CodeKeywordDefinition = {
  keyword: CN_MIN_AGE_KEYWORD,
  type: 'string',
  schemaType: 'object',
  ...(cnMinAgeKeyword.metaSchema ? { metaSchema: cnMinAgeKeyword.metaSchema } : {}),
  code(cxt: KeywordCxt) {
    const { gen, data, parentSchema, it } = cxt;
    const { age, on } = cxt.schema as CnMinAge;
    const where = `at "${it.errSchemaPath}"`;
    if (!parseIsoDate(on)) {
      throw new Error(`${CN_MIN_AGE_KEYWORD}.on ${where} must be a real date YYYY-MM-DD, got ${JSON.stringify(on)}`);
    }
    if (parentSchema.format !== 'cn-id-card') {
      throw new Error(`${CN_MIN_AGE_KEYWORD} ${where} requires "format": "cn-id-card" in the same schema`);
    }
    const holds = gen.scopeValue('func', { ref: minAgeHolds, code: _`cfRuntime.minAgeHolds` });
    cxt.pass(_`${holds}(${data}, ${age}, ${on})`);
  },
};
