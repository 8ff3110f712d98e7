import type { Meta, StoryObj } from '@storybook/react-vite';
import type { RJSFSchema } from '@rjsf/utils';
import { TaskForm } from '../TaskForm.js';
import { widgetArgs } from './widgetStory.js';

/** `cf-computed` shown inside a task form (widgets take their label, errors and upload port from the form). */
const meta: Meta<typeof TaskForm> = { title: 'Forms/Widgets/cf-computed', component: TaskForm };
export default meta;

/** 收回选票数 = 有效票 + 无效票，自动计算。 */
export const Total: StoryObj<typeof TaskForm> = { args: { schema: { type: 'object', properties: { valid: { type: 'integer', title: '有效票', minimum: 0 }, invalid: { type: 'integer', title: '无效票', minimum: 0 }, returned: { type: 'integer', title: '收回选票数', readOnly: true, 'x-cf-compute': 'form.valid + form.invalid' } as RJSFSchema } }, formData: { valid: 120, invalid: 3 } } };
