import type { Meta, StoryObj } from '@storybook/react-vite';
import { mediator, publishedDispute } from '../../../.storybook/storyData.js';
import { withStudio } from '../../../.storybook/studioStory.js';
import type { StudioParameters } from '../../../.storybook/studioStory.js';
import { SimulatorPage } from './SimulatorPage.js';

// The simulator on the dispute-mediation example (the published version the server would serve):
// it opens on the start form; "开始模拟 / Start simulation" runs the case in the page, where the
// forms validate with the example's validators (compiled in the page by Storybook's stand-in).

const api: StudioParameters['api'] = {
  '/api/definitions/dispute-mediation/versions/1': { body: publishedDispute },
};
const studio = (more: StudioParameters = {}) => ({ studio: { user: mediator, api, ...more } satisfies StudioParameters });

const meta = {
  title: 'Studio/Simulator',
  component: SimulatorPage,
  decorators: [withStudio],
  args: { definitionId: publishedDispute.id, version: publishedDispute.version },
} satisfies Meta<typeof SimulatorPage>;
export default meta;
type Story = StoryObj<typeof meta>;

export const DisputeMediation: Story = { parameters: studio() };
export const DisputeMediationInEnglish: Story = { parameters: studio({ locale: 'en' }) };
export const DisputeMediationInLargeText: Story = { parameters: studio({ largeText: true }) };
/** The published version could not be loaded: what the page says, and a way to try again. */
export const VersionNotFound: Story = {
  args: { definitionId: 'no-such-process', version: 1 },
  parameters: studio(),
};
