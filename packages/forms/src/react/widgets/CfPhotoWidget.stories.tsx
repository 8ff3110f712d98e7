import type { Meta, StoryObj } from '@storybook/react-vite';
import type { RJSFSchema } from '@rjsf/utils';
import { TaskForm } from '../TaskForm.js';
import { widgetArgs } from './widgetStory.js';

/** `cf-photo` shown inside a task form (widgets take their label, errors and upload port from the form). */
const meta: Meta<typeof TaskForm> = { title: 'Forms/Widgets/cf-photo', component: TaskForm };
export default meta;

/** 拍照或选择照片，上传后显示本地预览。 */
export const Empty: StoryObj<typeof TaskForm> = { args: widgetArgs('seal_photo', { type: 'string', title: '封存照片', format: 'cf-attachment', 'x-cf-accept': ['image/*'] } as RJSFSchema, 'cf-photo') };
