import type { Meta, StoryObj } from '@storybook/react-vite';
import { TaskForm } from '../TaskForm.js';
import { widgetArgs } from './widgetStory.js';

/** `checkboxes` shown inside a task form (widgets take their label, errors and upload port from the form). */
const meta: Meta<typeof TaskForm> = { title: 'Forms/Widgets/checkboxes', component: TaskForm };
export default meta;

/** 多选。 */
export const Multiselect: StoryObj<typeof TaskForm> = { args: widgetArgs('needs', { type: 'array', title: '转移需求', uniqueItems: true, items: { type: 'string', enum: ['轮椅', '担架', '车辆', '医护', '药品'] } }, 'checkboxes') };
