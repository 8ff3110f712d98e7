import type { Meta, StoryObj } from '@storybook/react-vite';
import type { RJSFSchema } from '@rjsf/utils';
import { TaskForm } from '../TaskForm.js';
import { failingUpload } from '../stories/storyUpload.js';
import { widgetArgs } from './widgetStory.js';

/** `cf-file` shown inside a task form (widgets take their label, errors and upload port from the form). */
const meta: Meta<typeof TaskForm> = { title: 'Forms/Widgets/cf-file', component: TaskForm };
export default meta;

/** 选择文件后立即上传，表单只保存附件编号。 */
export const Empty: StoryObj<typeof TaskForm> = { args: widgetArgs('authority_doc', { type: 'string', title: '授权委托书（文件）', format: 'cf-attachment', 'x-cf-accept': ['application/pdf'] } as RJSFSchema, 'cf-file') };

/** 已有附件：显示编号和“移除”。 */
export const Uploaded: StoryObj<typeof TaskForm> = { args: { ...widgetArgs('authority_doc', { type: 'string', title: '授权委托书（文件）', format: 'cf-attachment', 'x-cf-accept': ['application/pdf'] } as RJSFSchema, 'cf-file'), formData: { authority_doc: 'att_story000001' } } };

/** 上传失败时的提示。 */
export const UploadFails: StoryObj<typeof TaskForm> = { args: { ...widgetArgs('authority_doc', { type: 'string', title: '授权委托书（文件）', format: 'cf-attachment' } as RJSFSchema, 'cf-file'), uploadFile: failingUpload } };
