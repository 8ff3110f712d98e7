import type { Meta, StoryObj } from '@storybook/react-vite';
import { TaskForm } from '../TaskForm.js';
import { widgetArgs } from './widgetStory.js';

/** `cf-datetime` shown inside a task form (widgets take their label, errors and upload port from the form). */
const meta: Meta<typeof TaskForm> = { title: 'Forms/Widgets/cf-datetime', component: TaskForm };
export default meta;

/** 日期和时间两个输入框；保存值总是带 +08:00。 */
export const Empty: StoryObj<typeof TaskForm> = { args: widgetArgs('held_at', { type: 'string', format: 'date-time', title: '调解时间' }, 'cf-datetime') };

/** 以 UTC 保存的值按北京时间显示（2027-05-28 01:30）。 */
export const FromUtc: StoryObj<typeof TaskForm> = { args: { ...widgetArgs('held_at', { type: 'string', format: 'date-time', title: '调解时间' }, 'cf-datetime'), formData: { held_at: '2027-05-27T17:30:00Z' } } };
