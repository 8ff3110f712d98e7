import type { Meta, StoryObj } from '@storybook/react-vite';
import { withStudio } from '../../../../.storybook/studioStory.js';
import type { StudioParameters } from '../../../../.storybook/studioStory.js';
import { newDefinition } from '../model/index.js';
import { PanelStory } from '../stories/ComposerStoryFrame.js';
import { draftWithGuard, election, mediation, vetting } from '../stories/storyDrafts.js';

// The property panel for each kind of step, over a live composer: the fields can be changed and
// the panel follows (undo is on the page's toolbar, not here).

const meta = {
  title: 'Studio/Composer/Property panel',
  component: PanelStory,
  decorators: [withStudio],
} satisfies Meta<typeof PanelStory>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Task: Story = { args: { draft: newDefinition(), selection: { kind: 'step', id: 'task1' } } };
export const TaskInEnglish: Story = { ...Task, parameters: { studio: { locale: 'en' } satisfies StudioParameters } };
export const TaskInLargeText: Story = { ...Task, parameters: { studio: { largeText: true } satisfies StudioParameters } };
export const DecisionWithAGuard: Story = { args: { draft: draftWithGuard(), selection: { kind: 'step', id: 'urgent' } } };
export const JointReview: Story = { args: { draft: vetting, selection: { kind: 'step', id: 'countyVetting' } } };
export const Vote: Story = { args: { draft: election, selection: { kind: 'step', id: 'vcVote' } } };
export const Notice: Story = { args: { draft: election, selection: { kind: 'step', id: 'voterList' } } };
export const ParallelStep: Story = { args: { draft: mediation, selection: { kind: 'step', id: 'handling' } } };
export const EscalationLadder: Story = { args: { draft: mediation, selection: { kind: 'step', id: 'ladder' } } };
export const LadderRung: Story = { args: { draft: mediation, selection: { kind: 'region', owner: 'ladder', region: 'VILLAGE' } } };
export const NothingSelected: Story = { args: { draft: newDefinition(), selection: { kind: 'step', id: 'gone' } } };
