import type { Meta, StoryObj } from '@storybook/react-vite';
import { withStudio } from '../../../.storybook/studioStory.js';
import type { StudioParameters } from '../../../.storybook/studioStory.js';
import { LoginPage } from './LoginPage.js';

// The login form, with nobody signed in; a wrong password gets the server's 401 answer.

const wrongPassword: StudioParameters['api'] = {
  '/api/auth/login': { status: 401, body: { code: 'CF_SERVER_LOGIN_FAILED', message: { 'zh-CN': '用户名或密码不正确', en: 'wrong username or password' } } },
};

const meta = {
  title: 'Studio/Login',
  component: LoginPage,
  decorators: [withStudio],
  parameters: { studio: { api: wrongPassword } satisfies StudioParameters },
} satisfies Meta<typeof LoginPage>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Chinese: Story = {};
export const English: Story = { parameters: { studio: { api: wrongPassword, locale: 'en' } satisfies StudioParameters } };
export const SessionExpired: Story = { args: { notice: 'session.expired' } };
export const SessionExpiredInEnglishLargeText: Story = {
  args: { notice: 'session.expired' },
  parameters: { studio: { api: wrongPassword, locale: 'en', largeText: true } satisfies StudioParameters },
};
