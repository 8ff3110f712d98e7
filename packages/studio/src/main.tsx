import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The task form's and the form builder's stylesheets as real CSS files (see vite-plugins/formsStylesheets.ts), then the studio's.
import 'virtual:civicflow/task-form.css';
import 'virtual:civicflow/form-builder.css';
import './styles/app.css';
import { App } from './App.js';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no element with id "root"');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
