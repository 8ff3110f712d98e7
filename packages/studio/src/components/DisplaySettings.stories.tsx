import type { Meta, StoryObj } from '@storybook/react-vite';
import { withStudio } from '../../.storybook/studioStory.js';
import type { StudioParameters } from '../../.storybook/studioStory.js';
import { DisplaySettings } from './DisplaySettings.js';

// The language switch and the large-text switch; pressing them changes the whole story.

const meta = {
  title: 'Studio/Display settings',
  component: DisplaySettings,
  decorators: [withStudio],
} satisfies Meta<typeof DisplaySettings>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Chinese: Story = {};
export const English: Story = { parameters: { studio: { locale: 'en' } satisfies StudioParameters } };
export const LargeTextOn: Story = { parameters: { studio: { largeText: true } satisfies StudioParameters } };
export const LargeTextOnInEnglish: Story = { parameters: { studio: { locale: 'en', largeText: true } satisfies StudioParameters } };
