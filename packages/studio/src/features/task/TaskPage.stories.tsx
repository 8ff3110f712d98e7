import type { Meta, StoryObj } from '@storybook/react-vite';
import { intakeTask, mediator, publishedDispute } from '../../../.storybook/storyData.js';
import { withStudio } from '../../../.storybook/studioStory.js';
import type { StudioParameters } from '../../../.storybook/studioStory.js';
import { TaskPage } from './TaskPage.js';

// The intake registration of the dispute-mediation example (form BF1), with the answers the page
// gets from the server: the task with its case, and the published process.

const api: StudioParameters['api'] = {
  '/api/tasks/c-2027-0007/intake%3A1': { body: intakeTask },
  '/api/definitions/dispute-mediation/versions/1': { body: publishedDispute },
};
const studio = (more: StudioParameters = {}) => ({ studio: { user: mediator, api, ...more } satisfies StudioParameters });

const meta = {
  title: 'Studio/Task page',
  component: TaskPage,
  decorators: [withStudio],
  args: { instanceId: intakeTask.instanceId, taskId: intakeTask.task.id },
} satisfies Meta<typeof TaskPage>;
export default meta;
type Story = StoryObj<typeof meta>;

export const IntakeRegistration: Story = { parameters: studio() };
export const IntakeRegistrationInEnglish: Story = { parameters: studio({ locale: 'en' }) };
export const IntakeRegistrationInLargeText: Story = { parameters: studio({ largeText: true }) };
