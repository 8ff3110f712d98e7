import type { Meta, StoryObj } from '@storybook/react-vite';
import type { EscalationStep, ParallelStep, ProcessDefinition, TaskStep } from '@civicflow/engine';
import { dispute } from '../../../.storybook/storyData.js';
import { withStudio } from '../../../.storybook/studioStory.js';
import type { StudioParameters } from '../../../.storybook/studioStory.js';
import type { User } from '../../api/types.js';
import { VersionDiffPage } from './VersionDiffPage.js';

// 版本比较 of the dispute-mediation example (version 1) and a version 2 an IT officer made from it:
// a longer village limit, a renamed and time-limited session, a new intake field, a new role, a
// shortcut from intake to the rights notice.

const t2 = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const admin: User = { id: 'u-admin', username: 'admin', displayName: '系统管理员', orgUnit: 'county:huaxi', orgUnitName: '华溪县', roles: ['ADMIN'] };
const village = (d: ProcessDefinition) => ((d.steps['handling'] as ParallelStep).branches[0]!.steps['ladder'] as EscalationStep).rungs[0]!;

const v2 = structuredClone(dispute);
v2.version = 2;
v2.config!['village_mediation_months']!.value = 2;
const session = village(v2).steps['vSession'] as TaskStep;
session.title = t2('村级调解会', 'village mediation meeting');
session.deadline = { duration: { days: 10, rollover: false }, basis: t2('本县试行办法：每次调解十日内记录', 'county pilot rule: record each session within ten days') };
(v2.forms['BF1']!.schema['properties'] as Record<string, unknown>)['urgency'] = { type: 'string', title: '紧急程度', enum: ['一般', '紧急'] };
(v2.forms['BF1']!.schema['required'] as string[]).push('urgency');
v2.roles['OBSERVER'] = { title: t2('人大代表观察员', 'observer (deputy)') };
(v2.steps['intake'] as TaskStep).next = 'rightsNotice';

const published = (d: ProcessDefinition, at: string) => ({ id: d.id, version: d.version, title: d.title, publishedAt: at, document: d });
const api: StudioParameters['api'] = {
  '/api/definitions': {
    body: {
      definitions: [{
        id: dispute.id, title: dispute.title, latestVersion: 2,
        versions: [{ id: dispute.id, version: 1, title: dispute.title, publishedAt: '2027-02-20T09:00:00+08:00' }, { id: dispute.id, version: 2, title: v2.title, publishedAt: '2027-03-15T14:00:00+08:00' }],
      }],
    },
  },
  [`/api/definitions/${dispute.id}/versions/1`]: { body: published(dispute, '2027-02-20T09:00:00+08:00') },
  [`/api/definitions/${dispute.id}/versions/2`]: { body: published(v2, '2027-03-15T14:00:00+08:00') },
};
const studio = (more: StudioParameters = {}) => ({ studio: { user: admin, api, ...more } satisfies StudioParameters });

const meta = {
  title: 'Studio/Version comparison',
  component: VersionDiffPage,
  decorators: [withStudio],
  args: { definitionId: dispute.id, from: 1, to: 2 },
} satisfies Meta<typeof VersionDiffPage>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Changes: Story = { parameters: studio() };
export const ChangesInEnglish: Story = { parameters: studio({ locale: 'en' }) };
export const ChangesInLargeText: Story = { parameters: studio({ largeText: true }) };
export const SameVersion: Story = { args: { from: 2, to: 2 }, parameters: studio() };
export const Loading: Story = { parameters: studio({ api: { ...api, [`/api/definitions/${dispute.id}/versions/2`]: 'pending' } }) };
