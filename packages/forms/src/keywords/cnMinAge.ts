import type { FuncKeywordDefinition } from 'ajv/dist/2020.js';
import { ageOnDate } from '../ageOnDate.js';
import { parseIsoDate } from '../dates.js';
import { isCnIdCard } from '../formats/cnIdCard.js';

/** Name of the minimum-age keyword. */
export const CN_MIN_AGE_KEYWORD = 'x-cn-min-age';

/** Value of `x-cn-min-age`: the person must be at least `age` years old on the date `on`. */
export interface CnMinAge {
  age: number;
  /** `YYYY-MM-DD`, fixed in the schema (the engine injects e.g. the election day). */
  on: string;
}

/**
 * Ajv definition of `x-cn-min-age: { age, on }`. It must sit on a schema whose `format` is
 * `cn-id-card` (otherwise the schema is rejected). It fails when the age computed by
 * {@link ageOnDate} is below `age`, or when the person is born after `on`. A malformed ID number
 * passes this keyword, because the `format` check already reports it.
 */
export const cnMinAgeKeyword: FuncKeywordDefinition = {
  keyword: CN_MIN_AGE_KEYWORD,
  type: 'string',
  schemaType: 'object',
  errors: false,
  metaSchema: {
    type: 'object',
    properties: {
      age: { type: 'integer', minimum: 0, maximum: 150 },
      on: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    },
    required: ['age', 'on'],
    additionalProperties: false,
  },
  compile(schema: CnMinAge, parentSchema, it) {
    const where = `at "${it.errSchemaPath}"`;
    if (!parseIsoDate(schema.on)) {
      throw new Error(`${CN_MIN_AGE_KEYWORD}.on ${where} must be a real date YYYY-MM-DD, got ${JSON.stringify(schema.on)}`);
    }
    if (parentSchema.format !== 'cn-id-card') {
      throw new Error(`${CN_MIN_AGE_KEYWORD} ${where} requires "format": "cn-id-card" in the same schema`);
    }
    const { age, on } = schema;
    return (data: string) => {
      if (!isCnIdCard(data)) return true;
      const actual = ageOnDate(data, on);
      return actual !== undefined && actual >= age;
    };
  },
};
