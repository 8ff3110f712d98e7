import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { TASK_FORM_CSS } from '@civicflow/forms/react';
import { ProcessPage } from './ProcessPage.js';

// <TaskForm injectStyles={false}>: its CSS goes in as a constructed stylesheet, which a strict
// Content-Security-Policy (style-src 'self', no inline <style>) allows.
const sheet = new CSSStyleSheet();
sheet.replaceSync(TASK_FORM_CSS);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

createRoot(document.getElementById('root')!).render(<StrictMode><ProcessPage /></StrictMode>);
