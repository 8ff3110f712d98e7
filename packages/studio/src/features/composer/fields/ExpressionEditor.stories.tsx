import type { Meta, StoryObj } from '@storybook/react-vite';
import { withStudio } from '../../../../.storybook/studioStory.js';
import type { StudioParameters } from '../../../../.storybook/studioStory.js';
import '../composer.css';
import { ExpressionEditor } from './ExpressionEditor.js';

// The guard editor: checked as one types by the engine's own parser, the problem and its
// character shown in Chinese and English.

const ROOTS = ['data', 'config', 'case', 'now', 'today', 'actor', 'form'];
const meta = {
  title: 'Studio/Composer/Expression editor',
  component: ExpressionEditor,
  decorators: [withStudio],
  args: { label: '条件 1', roots: ROOTS, onCommit: (value: string) => console.info('commit', value) },
} satisfies Meta<typeof ExpressionEditor>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Valid: Story = { args: { value: "form.result == '达成协议'" } };
export const SyntaxError: Story = { args: { value: 'form.votes * 2 >' } };
export const UnknownName: Story = { args: { value: 'from.result == 1', label: '条件 2' } };
export const UnknownFunction: Story = { args: { value: 'lenn(data.items) > 0' } };
export const Empty: Story = { args: { value: '' } };
export const OptionalAndEmpty: Story = { args: { value: '', optional: true, label: '提前上交的条件（可不填）' } };
export const InEnglish: Story = { args: { value: 'form.votes * 2 >', label: 'Condition 1' }, parameters: { studio: { locale: 'en' } satisfies StudioParameters } };
