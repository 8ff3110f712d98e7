import type { Preview } from '@storybook/react-vite';
// The same stylesheets as the app (src/main.tsx): the task form's, the form builder's, then the studio's.
import 'virtual:civicflow/task-form.css';
import 'virtual:civicflow/form-builder.css';
import '../src/styles/app.css';

const preview: Preview = {
  parameters: { layout: 'padded' },
};
export default preview;
