import type { Meta, StoryObj } from '@storybook/react-vite';
import { definitionListing, itemsDue, itemsOverdue, mediator } from '../../../.storybook/storyData.js';
import { withStudio } from '../../../.storybook/studioStory.js';
import type { ApiAnswer, StudioParameters } from '../../../.storybook/studioStory.js';
import { InboxPage } from './InboxPage.js';

// 我的待办 as a village mediator sees it: GET /api/tasks answered with tasks due, overdue, none,
// not yet, or a server error.

const inbox = (answer: ApiAnswer): StudioParameters['api'] => ({ '/api/tasks': answer, '/api/definitions': { body: { definitions: definitionListing } } });
const studio = (api: StudioParameters['api'], more: StudioParameters = {}) => ({ studio: { user: mediator, api, ...more } satisfies StudioParameters });

const meta = {
  title: 'Studio/Inbox',
  component: InboxPage,
  decorators: [withStudio],
} satisfies Meta<typeof InboxPage>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Due: Story = { parameters: studio(inbox({ body: { items: itemsDue, nextCursor: null } })) };
export const Overdue: Story = { parameters: studio(inbox({ body: { items: itemsOverdue, nextCursor: 'next-page' } })) };
export const Empty: Story = { parameters: studio(inbox({ body: { items: [], nextCursor: null } })) };
export const Loading: Story = { parameters: studio(inbox('pending')) };
export const LoadError: Story = {
  parameters: studio(inbox({ status: 503, body: { code: 'CF_SERVER_DATABASE_UNAVAILABLE', message: { 'zh-CN': '数据库暂时不可用', en: 'the database is unavailable' }, hint: { 'zh-CN': '请稍后重试', en: 'try again in a minute' } } })),
};
export const OverdueInEnglish: Story = { parameters: studio(inbox({ body: { items: itemsOverdue, nextCursor: null } }), { locale: 'en' }) };
export const OverdueInLargeText: Story = { parameters: studio(inbox({ body: { items: itemsOverdue, nextCursor: null } }), { largeText: true }) };
