import type { Meta, StoryObj } from '@storybook/react-vite';
import { definitionListing, publishedDispute } from '../../../.storybook/storyData.js';
import { withStudio } from '../../../.storybook/studioStory.js';
import type { StudioParameters } from '../../../.storybook/studioStory.js';
import type { User } from '../../api/types.js';
import { ComposerPage } from './ComposerPage.js';

// 流程编排 as a county administrator sees it: a new process from the template, or the next
// version of the published dispute mediation (its parallel tracks and four-rung ladder). Publish
// answers with the server's refusal (422 with a problem on a step) so that its display can be seen.

const admin: User = { id: 'u-admin', username: 'admin', displayName: '县管理员', orgUnit: 'county:huaxi', orgUnitName: '花溪县', roles: ['ADMIN'] };
const refused = {
  status: 422,
  body: {
    code: 'CF_SERVER_DEFINITION_INVALID',
    message: { 'zh-CN': '流程定义有 1 处错误，未发布', en: 'the definition has 1 error and was not published' },
    details: [{ pointer: '/steps/task1/assignee/role', code: 'CF_DEF_UNKNOWN_ROLE', severity: 'error', message: { 'zh-CN': '角色 HANDLER 在本县未设置', en: 'role HANDLER is not set up in this county' }, hint: { 'zh-CN': '改用已设置的角色', en: 'use a role that is set up' } }],
  },
};
const api: StudioParameters['api'] = {
  '/api/definitions': { body: { definitions: definitionListing } },
  [`/api/definitions/${publishedDispute.id}/versions/1`]: { body: publishedDispute },
};
const studio = (more: StudioParameters = {}) => ({ studio: { user: admin, api, ...more } satisfies StudioParameters });

const meta = {
  title: 'Studio/Composer/Page',
  component: ComposerPage,
  decorators: [withStudio],
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof ComposerPage>;
export default meta;
type Story = StoryObj<typeof meta>;

export const NewProcess: Story = { args: {}, parameters: studio() };
export const NewProcessInEnglish: Story = { args: {}, parameters: studio({ locale: 'en' }) };
export const NewProcessInLargeText: Story = { args: {}, parameters: studio({ largeText: true }) };
/** Publishing is refused by the (scripted) server: the problem shows on the step. */
export const PublishRefused: Story = { args: {}, parameters: studio({ api: { ...api, '/api/definitions': refused } }) };
export const NextVersionOfDisputeMediation: Story = { args: { definitionId: publishedDispute.id, version: 1 }, parameters: studio() };
export const LoadingThePublishedVersion: Story = { args: { definitionId: publishedDispute.id, version: 1 }, parameters: studio({ api: { ...api, [`/api/definitions/${publishedDispute.id}/versions/1`]: 'pending' } }) };
