import type { Meta, StoryObj } from '@storybook/react-vite';
import { TaskForm } from '../TaskForm.js';
import { widgetArgs } from './widgetStory.js';

/** `cf-money` shown inside a task form (widgets take their label, errors and upload port from the form). */
const meta: Meta<typeof TaskForm> = { title: 'Forms/Widgets/cf-money', component: TaskForm };
export default meta;

/** 数字键盘、¥ 与“元”、离开时显示两位小数。 */
export const Empty: StoryObj<typeof TaskForm> = { args: widgetArgs('amount', { type: 'number', title: '涉及金额（元）', minimum: 0, multipleOf: 0.01 }, 'cf-money') };

/** 已填写 8000.00。 */
export const Filled: StoryObj<typeof TaskForm> = { args: { ...widgetArgs('amount', { type: 'number', title: '涉及金额（元）', minimum: 0, multipleOf: 0.01 }, 'cf-money'), formData: { amount: 8000 } } };
