import type { RJSFSchema } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { createFormValidator } from '@civicflow/forms';
import { TaskForm } from '@civicflow/forms/react';
import candidateVetting from '../../../examples/village-election/candidate-vetting.json';
import dispute from '../../../examples/dispute-mediation/process.json';
import election from '../../../examples/village-election/process.json';
import emergency from '../../../examples/emergency-mobilisation/process.json';
import evacuee from '../../../examples/emergency-mobilisation/evacuee.json';
import { accessibleName, mount } from './harness.js';

type Definition = { id: string; forms: Record<string, { schema: unknown }> };
const definitions = [election, candidateVetting, dispute, emergency, evacuee] as unknown as Definition[];
const forms = definitions.flatMap((d) => Object.entries(d.forms).map(([id, f]) => [`${d.id} › ${id}`, f.schema as RJSFSchema] as const));

describe('<TaskForm> renders every form of every example process', () => {
  it('covers all the example forms', () => {
    expect(forms.length).toBe(70); // C's start form (the village roster) included
  });
  it.each(forms)('%s renders with every control named', (_name, schema) => {
    const host = mount(<TaskForm schema={schema} />);
    expect(host.querySelector('form')).not.toBeNull();
    // The schema passes the safety checks and strict compilation in the browser too.
    expect(() => createFormValidator().validate(schema, {})).not.toThrow();
    const controls = [...host.querySelectorAll<HTMLElement>('input, select, textarea, button')];
    expect(controls.length).toBeGreaterThan(0);
    expect(controls.filter((el) => accessibleName(el) === '').map((el) => el.id || el.outerHTML.slice(0, 80))).toEqual([]);
  });
});
