import type { Meta, StoryObj } from '@storybook/react-vite';
import { FormBuilder } from './FormBuilder.js';
import { exampleForm } from '../stories/exampleForms.js';

// The real example forms, loaded by Vite (see stories/exampleForms.ts): never copies.
const EXAMPLE_FORM_A = exampleForm('village-election/process', 'plan');
const EXAMPLE_FORM_B = exampleForm('dispute-mediation/process', 'BF1');
const EXAMPLE_FORM_C = exampleForm('emergency-mobilisation/process', 'household_check');

/**
 * The form builder: palette, canvas, property panel, undo/redo, preview and JSON. Saving logs
 * the exported form in the Actions panel.
 */
const meta: Meta<typeof FormBuilder> = {
  title: 'Forms/FormBuilder',
  component: FormBuilder,
  parameters: { layout: 'fullscreen' },
  argTypes: { onChange: { action: 'change' }, onSave: { action: 'save' } },
};
export default meta;

type Story = StoryObj<typeof FormBuilder>;

/** A new form with no fields yet. */
export const Empty: Story = { args: { value: { schema: { type: 'object', properties: {} }, uiSchema: {} } } };

/** Example A — village election: the election plan (村委换届工作方案). */
export const ExampleA: Story = { args: { value: { schema: EXAMPLE_FORM_A.schema } } };

/** Example B — dispute mediation: the application / intake register (人民调解申请书). */
export const ExampleB: Story = { args: { value: { schema: EXAMPLE_FORM_B.schema } } };

/** Example C — emergency mobilisation: the door-to-door household check (入户排查表). */
export const ExampleC: Story = { args: { value: { schema: EXAMPLE_FORM_C.schema } } };

/** Example B in English. */
export const ExampleBEnglish: Story = { args: { value: { schema: EXAMPLE_FORM_B.schema }, locale: 'en' } };

/**
 * Example B with one field changed to use `anyOf`, which the builder cannot write back
 * faithfully: it opens read-only with the reason, the JSON and the preview.
 */
export const ReadOnlyExample: Story = {
  args: {
    value: {
      schema: {
        ...EXAMPLE_FORM_B.schema,
        properties: {
          ...(EXAMPLE_FORM_B.schema.properties as Record<string, unknown>),
          contact: { type: 'string', title: '联系方式', anyOf: [{ format: 'cn-mobile' }, { format: 'cn-phone' }] },
        },
      },
    },
  },
};
