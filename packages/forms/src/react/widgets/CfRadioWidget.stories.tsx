import type { Meta, StoryObj } from '@storybook/react-vite';
import { TaskForm } from '../TaskForm.js';
import { widgetArgs } from './widgetStory.js';

/** `radio` shown inside a task form (widgets take their label, errors and upload port from the form). */
const meta: Meta<typeof TaskForm> = { title: 'Forms/Widgets/radio', component: TaskForm };
export default meta;

/** 选项显示 oneOf 的中文标题，提交 const。 */
export const OneOfTitles: StoryObj<typeof TaskForm> = { args: widgetArgs('decision', { type: 'string', title: '处理决定', oneOf: [{ const: '成立-更正名单', title: '成立，更正名单' }, { const: '不成立', title: '不成立' }] }, 'radio') };
