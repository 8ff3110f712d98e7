import type { Meta, StoryObj } from '@storybook/react-vite';
import { withStudio } from '../../../.storybook/studioStory.js';
import type { StudioParameters } from '../../../.storybook/studioStory.js';
import './composer.css';
import { newDefinition } from './model/index.js';
import { StepPalette } from './StepPalette.js';
import { mediation } from './stories/storyDrafts.js';

// The palette: one button per step kind, and where a new step goes (the selected region, after the selected step).

const meta = {
  title: 'Studio/Composer/Step palette',
  component: StepPalette,
  decorators: [withStudio],
  args: { draft: newDefinition(), region: null, onAdd: (kind: string) => console.info('add', kind) },
} satisfies Meta<typeof StepPalette>;
export default meta;
type Story = StoryObj<typeof meta>;

export const TopLevel: Story = {};
export const AfterTheSelectedStep: Story = { args: { after: 'task1' } };
export const IntoALadderRung: Story = { args: { draft: mediation, region: { owner: 'ladder', region: 'TOWN' } } };
export const InEnglish: Story = { args: { after: 'task1' }, parameters: { studio: { locale: 'en' } satisfies StudioParameters } };
export const InLargeText: Story = { parameters: { studio: { largeText: true } satisfies StudioParameters } };
