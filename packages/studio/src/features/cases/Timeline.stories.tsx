import type { Meta, StoryObj } from '@storybook/react-vite';
import { dispute, mediator, timelineEvents } from '../../../.storybook/storyData.js';
import { withStudio } from '../../../.storybook/studioStory.js';
import type { StudioParameters } from '../../../.storybook/studioStory.js';
import { Timeline } from './Timeline.js';

// 办理经过 of a dispute-mediation case from its start to the rights notice, in both languages.

const meta = {
  title: 'Studio/Case timeline',
  component: Timeline,
  decorators: [withStudio],
  args: { events: timelineEvents, definition: dispute },
  parameters: { studio: { user: mediator } satisfies StudioParameters },
} satisfies Meta<typeof Timeline>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Chinese: Story = {};
export const English: Story = { parameters: { studio: { user: mediator, locale: 'en' } satisfies StudioParameters } };
export const WithoutEvents: Story = { args: { events: [] } };
