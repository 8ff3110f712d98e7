import type { RJSFSchema } from '@rjsf/utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFormValidator, createPrecompiledFormValidator } from '@civicflow/forms';
import type { CivicflowFormValidator, PrecompiledFormModule } from '@civicflow/forms';
import { TaskForm } from '@civicflow/forms/react';
import { compileFormValidatorModule } from '@civicflow/forms/standalone';
import candidateVetting from '../../../examples/village-election/candidate-vetting.json';
import dispute from '../../../examples/dispute-mediation/process.json';
import election from '../../../examples/village-election/process.json';
import emergency from '../../../examples/emergency-mobilisation/process.json';
import evacuee from '../../../examples/emergency-mobilisation/evacuee.json';
import handWritten from '../test/fixtures/rjsfConditionalForms.json';
import { mutations, sampleValue } from '../test/support/formSamples.js';
import { byLabel, mount, waitFor } from './harness.js';

// <TaskForm> with a precompiled validator (the module a server serves, no Ajv in the page) shows
// exactly what it shows with the runtime validator: same fields for the same data, on every form
// with conditions or choices, and never meets a question of rjsf's its module cannot answer.

type Definition = { id: string; forms: Record<string, { schema: unknown }> };
const definitions = [election, candidateVetting, dispute, emergency, evacuee] as unknown as Definition[];
const HAND_WRITTEN = handWritten as unknown as Record<string, RJSFSchema>;
const FORMS: [string, RJSFSchema][] = [
  ...definitions.flatMap((d) => Object.entries(d.forms).map(([id, f]): [string, RJSFSchema] => [`${d.id} › ${id}`, f.schema as RJSFSchema])),
  ...Object.entries(HAND_WRITTEN).map(([name, schema]): [string, RJSFSchema] => [`hand-written ${name}`, schema]),
];
/** Forms whose rendering asks rjsf's `isValid` anything: conditions or choices. */
const ASKING = FORMS.filter(([, schema]) => /"(if|oneOf|anyOf|dependencies)"/.test(JSON.stringify(schema)));

/** Loads generated module source the way a page does: as an ES module of its own. */
async function loadModule(schema: object): Promise<PrecompiledFormModule> {
  const url = URL.createObjectURL(new Blob([compileFormValidatorModule(schema)], { type: 'text/javascript' }));
  try {
    return (await import(/* @vite-ignore */ url)) as PrecompiledFormModule;
  } finally {
    URL.revokeObjectURL(url);
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Data that shows each branch and option: a sample, each choice switched, conditional fields filled in, fields missing. */
function dataCases(schema: RJSFSchema): unknown[] {
  const sample = sampleValue(schema);
  const cases: unknown[] = [undefined, {}, sample];
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const [name, property] of Object.entries(properties)) {
    if (!isObject(property) || !isObject(sample)) continue;
    const options = [...(Array.isArray(property['oneOf']) ? property['oneOf'] : []), ...(Array.isArray(property['anyOf']) ? property['anyOf'] : [])].filter(isObject);
    for (const option of options) {
      if ('const' in option) cases.push({ ...sample, [name]: option['const'] });
      // An object option: the sample's value of it, so that the option is the one that matches.
      else cases.push({ ...sample, [name]: sampleValue(option, schema) });
    }
  }
  const interesting = mutations(schema, sample).filter((c) => /^(conditional fields|without|\w+ = )/.test(c.label) || c.label.startsWith('wrong type of'));
  return [...cases, ...interesting.map((c) => c.data)];
}

function render(schema: RJSFSchema, formData: unknown, validator: CivicflowFormValidator): string {
  const host = mount(<TaskForm schema={schema} formData={formData} validator={validator} injectStyles={false} />);
  return host.innerHTML;
}

const ownWarnings = (spy: { mock: { calls: unknown[][] } }): string[] =>
  spy.mock.calls.map((args) => String(args[0])).filter((text) => text.includes('precompiled validator has no matcher'));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('<TaskForm> with a precompiled validator', () => {
  it('finds the forms with conditions or choices', () => {
    expect(ASKING.length).toBe(11);
  });

  it.each(ASKING)('%s shows the same fields as with the runtime validator, for every branch and option', async (_name, schema) => {
    const warn = vi.spyOn(console, 'warn');
    const precompiled = createPrecompiledFormValidator(await loadModule(schema));
    const runtime = createFormValidator();
    const cases = dataCases(schema);
    expect(cases.length).toBeGreaterThan(4);
    for (const data of cases) {
      expect(render(schema, data, precompiled), JSON.stringify(data)).toBe(render(schema, data, runtime));
    }
    expect(ownWarnings(warn)).toEqual([]);
  });

  it('switches branches and options as the person fills in the form', async () => {
    const schema = HAND_WRITTEN['contact']!;
    const warn = vi.spyOn(console, 'warn');
    const host = mount(<TaskForm schema={schema} validator={createPrecompiledFormValidator(await loadModule(schema))} injectStyles={false} />);
    // No kind yet: the else branch (a person) asks for the ID number.
    expect(() => byLabel(host, '身份证号')).not.toThrow();
    expect(() => byLabel(host, '单位名称')).toThrow();
    const unit = [...host.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find((r) => r.labels?.[0]?.textContent?.includes('单位'));
    unit!.click();
    await waitFor(() => expect(() => byLabel(host, '单位名称')).not.toThrow());
    expect(() => byLabel(host, '身份证号')).toThrow();
    expect(ownWarnings(warn)).toEqual([]);
  });
});

describe('a precompiled validator module the page cannot use for a form', () => {
  it('reports a fragment its module has no matcher for once, and treats it as not matching', async () => {
    const schema = HAND_WRITTEN['contact']!;
    const other: RJSFSchema = { ...schema, allOf: [{ if: { properties: { name: { const: '张三' } } }, then: { properties: { alias: { type: 'string', title: '别名' } } } }] };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // The module of `schema`, asked by rjsf about the condition of `other`, which it does not have.
    const precompiled = createPrecompiledFormValidator(await loadModule(schema));
    const host = mount(<TaskForm schema={other} formData={{ name: '张三' }} validator={precompiled} injectStyles={false} />);
    expect(() => byLabel(host, '别名')).toThrow();
    expect(ownWarnings(warn)).toHaveLength(1);
  });
});
