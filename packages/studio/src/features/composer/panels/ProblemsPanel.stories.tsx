import type { Meta, StoryObj } from '@storybook/react-vite';
import { withStudio } from '../../../../.storybook/studioStory.js';
import type { StudioParameters } from '../../../../.storybook/studioStory.js';
import '../composer.css';
import { draftProblems, newDefinition } from '../model/index.js';
import { draftWithGuard } from '../stories/storyDrafts.js';
import { ProblemsPanel } from './ProblemsPanel.js';

// The problem list: what validateDefinition and the form checks find, each with its fix and a
// button to its step; after a refused publication, the server's problems too.

const guarded = draftWithGuard();
const fresh = newDefinition();
const meta = {
  title: 'Studio/Composer/Problems',
  component: ProblemsPanel,
  decorators: [withStudio],
  args: { draft: guarded, problems: draftProblems(guarded), onSelect: (selection: unknown) => console.info('select', selection) },
} satisfies Meta<typeof ProblemsPanel>;
export default meta;
type Story = StoryObj<typeof meta>;

export const AGuardWithAMistake: Story = {};
export const TheNewProcessTemplate: Story = { args: { draft: fresh, problems: draftProblems(fresh) } };
export const NoProblems: Story = { args: { problems: [] } };
export const RefusedByTheServer: Story = {
  args: {
    problems: [],
    serverProblems: [{
      pointer: '/steps/task1/assignee/role', code: 'CF_DEF_UNKNOWN_ROLE', severity: 'error',
      message: { 'zh-CN': '角色 HANDLER 在本县未设置', en: 'role HANDLER is not set up in this county' }, hint: { 'zh-CN': '改用已设置的角色', en: 'use a role that is set up' },
    }],
  },
};
export const InEnglish: Story = { parameters: { studio: { locale: 'en' } satisfies StudioParameters } };
