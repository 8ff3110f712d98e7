import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The task form's stylesheet as a real CSS file (see vite-plugins/taskFormStylesheet.ts), then the studio's.
import 'virtual:civicflow/task-form.css';
import './styles/app.css';
import { App } from './App.js';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no element with id "root"');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
