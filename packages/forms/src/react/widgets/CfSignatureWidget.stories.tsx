import type { Meta, StoryObj } from '@storybook/react-vite';
import type { RJSFSchema } from '@rjsf/utils';
import { TaskForm } from '../TaskForm.js';
import { widgetArgs } from './widgetStory.js';

/** `cf-signature` shown inside a task form (widgets take their label, errors and upload port from the form). */
const meta: Meta<typeof TaskForm> = { title: 'Forms/Widgets/cf-signature', component: TaskForm };
export default meta;

/** 手写板；不便手写时可输入姓名代替。 */
export const Empty: StoryObj<typeof TaskForm> = { args: widgetArgs('signature', { type: 'string', title: '当事人签名', format: 'cf-attachment', 'x-cf-signature': true } as RJSFSchema, 'cf-signature') };

/** 已签名。 */
export const Signed: StoryObj<typeof TaskForm> = { args: { ...widgetArgs('signature', { type: 'string', title: '当事人签名', format: 'cf-attachment', 'x-cf-signature': true } as RJSFSchema, 'cf-signature'), formData: { signature: 'att_story000001' } } };
