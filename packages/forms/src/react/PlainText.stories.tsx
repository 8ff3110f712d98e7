import type { Meta, StoryObj } from '@storybook/react-vite';
import { PlainText } from './PlainText.js';

/** Authored text is always shown as text: a title with markup renders literally. */
const meta: Meta<typeof PlainText> = { title: 'Forms/PlainText', component: PlainText };
export default meta;

export const ChineseTitle: StoryObj<typeof PlainText> = { args: { text: '人民调解申请书' } };
export const MarkupStaysText: StoryObj<typeof PlainText> = { args: { text: '<b>不加粗</b> <img src=x onerror="alert(1)">' } };
