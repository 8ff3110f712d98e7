import type { Meta, StoryObj } from '@storybook/react-vite';
import type { RJSFSchema } from '@rjsf/utils';
import { TaskForm } from './TaskForm.js';
import { allExampleForms, exampleForm } from './stories/exampleForms.js';
import { storyUpload } from './stories/storyUpload.js';

const intake = exampleForm('dispute-mediation/process', 'BF1');
const tally = exampleForm('village-election/process', 'countForm');
const evacueeReturn = exampleForm('emergency-mobilisation/evacuee', 'return');

/** The task form with the forms of the example processes (A: village election, B: dispute mediation, C: emergency mobilisation). */
const meta: Meta<typeof TaskForm> = {
  title: 'Forms/TaskForm',
  component: TaskForm,
  args: { uploadFile: storyUpload, onSubmit: (data: unknown) => console.info('submitted', data) },
};
export default meta;

type Story = StoryObj<typeof TaskForm>;

/** A-F10 投票、计票记录: lists of posts and tellers, ID numbers, a required confirmation. */
export const ElectionTallyA: Story = { args: { schema: tally.schema, uiSchema: tally.uiSchema } };

/** B-F1 人民调解申请书: the party list (添加当事人), conditional requirements, ID numbers. */
export const DisputeIntakeB: Story = { args: { schema: intake.schema, uiSchema: intake.uiSchema } };

/** B-F1 after submitting a wrong ID number: the error summary at the top, each error linking to its field. */
export const DisputeIntakeWithErrors: Story = {
  args: { schema: intake.schema, formData: { applicants: [{ kind: 'P', ref: 'P-1', id_type: '居民身份证', id_no: '110101198001010011' }] } },
};

/** C-F6 返回/过渡安置登记: a date-time stored with +08:00 (its schema requires it). */
export const EvacueeReturnC: Story = { args: { schema: evacueeReturn.schema, uiSchema: evacueeReturn.uiSchema } };

/** 适老化 large-text mode: bigger text and touch targets. */
export const LargeText: Story = { args: { schema: tally.schema, largeText: true } };

/** English interface and messages. */
export const English: Story = { args: { schema: intake.schema, locale: 'en' } };

/** A submitted task shown read-only. */
export const ReadOnly: Story = {
  args: { schema: evacueeReturn.schema, readOnly: true, formData: { outcome: 'RETURNED', house_safety: '安全', at: '2027-05-28T09:30:00+08:00' } },
};

const conditional: RJSFSchema = {
  type: 'object',
  properties: {
    accepted_elsewhere: { type: 'string', title: '是否已由其他机关受理', oneOf: [{ const: '否', title: '否' }, { const: '法院', title: '已由法院受理' }] },
  },
  required: ['accepted_elsewhere'],
  allOf: [
    {
      if: { type: 'object', properties: { accepted_elsewhere: { const: '法院' } }, required: ['accepted_elsewhere'] },
      then: { type: 'object', properties: { ref_no: { type: 'string', title: '受理文号', minLength: 1 } }, required: ['ref_no'] },
    },
  ],
};

/** A conditional field: 受理文号 appears (and is required) only after choosing 已由法院受理; hidden, its value is not submitted. */
export const ConditionalField: Story = { args: { schema: conditional } };

/** Authored text with markup stays text: nothing here runs or renders as HTML. */
export const MarkupStaysText: Story = {
  args: {
    schema: {
      type: 'object',
      title: '<img src=x onerror="alert(1)">表单',
      description: '<script>alert(2)</script>[点我](javascript:alert(3))',
      properties: { name: { type: 'string', title: '<b>姓名</b>', minLength: 2 }, choice: { type: 'string', title: '选项', oneOf: [{ const: 'a', title: '<i>甲</i>' }] } },
      required: ['name'],
    },
  },
};

const everyForm = allExampleForms();

/** Every form of every example process (A, B, C and their subprocesses): pick one in the controls. */
export const EveryExampleForm: StoryObj<{ form: string; largeText: boolean; locale: 'zh-CN' | 'en' }> = {
  args: { form: Object.keys(everyForm)[0] ?? '', largeText: false, locale: 'zh-CN' },
  argTypes: { form: { control: 'select', options: Object.keys(everyForm) }, locale: { control: 'inline-radio', options: ['zh-CN', 'en'] } },
  render: ({ form, largeText, locale }) => {
    const f = everyForm[form];
    return f ? <TaskForm key={form} schema={f.schema} uiSchema={f.uiSchema} largeText={largeText} locale={locale} uploadFile={storyUpload} onSubmit={(data: unknown) => console.info('submitted', data)} /> : <p>—</p>;
  },
};
