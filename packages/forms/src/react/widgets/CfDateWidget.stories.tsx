import type { Meta, StoryObj } from '@storybook/react-vite';
import { TaskForm } from '../TaskForm.js';
import { widgetArgs } from './widgetStory.js';

/** `cf-date` shown inside a task form (widgets take their label, errors and upload port from the form). */
const meta: Meta<typeof TaskForm> = { title: 'Forms/Widgets/cf-date', component: TaskForm };
export default meta;

/** 空白：原生日期选择器和“今天”按钮。 */
export const Empty: StoryObj<typeof TaskForm> = { args: widgetArgs('signed_on', { type: 'string', format: 'date', title: '签署日期' }, 'cf-date') };

/** 已填写。 */
export const Filled: StoryObj<typeof TaskForm> = { args: { ...widgetArgs('signed_on', { type: 'string', format: 'date', title: '签署日期' }, 'cf-date'), formData: { signed_on: '2027-05-28' } } };
