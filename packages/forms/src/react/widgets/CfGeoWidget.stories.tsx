import type { Meta, StoryObj } from '@storybook/react-vite';
import type { RJSFSchema } from '@rjsf/utils';
import { TaskForm } from '../TaskForm.js';
import { widgetArgs } from './widgetStory.js';

const GEO = {
  type: 'object',
  title: '事发位置',
  'x-cf-geo': true,
  required: ['lat', 'lng', 'crs'],
  properties: { lat: { type: 'number', minimum: -90, maximum: 90 }, lng: { type: 'number', minimum: -180, maximum: 180 }, crs: { type: 'string', enum: ['GCJ-02', 'CGCS2000', 'WGS-84'] } },
  additionalProperties: false,
} as RJSFSchema;

/** `cf-geo` shown inside a task form (widgets take their label, errors and upload port from the form). */
const meta: Meta<typeof TaskForm> = { title: 'Forms/Widgets/cf-geo', component: TaskForm };
export default meta;

/** 纬度、经度、坐标系和“使用我的位置”。 */
export const Empty: StoryObj<typeof TaskForm> = { args: widgetArgs('place', GEO, 'cf-geo') };

/** 已填写（GCJ-02）。 */
export const Filled: StoryObj<typeof TaskForm> = { args: { ...widgetArgs('place', GEO, 'cf-geo'), formData: { place: { lat: 28.2, lng: 112.9, crs: 'GCJ-02' } } } };
