/**
 * The task form's stylesheet, scoped under `.cf-task-form`. `<TaskForm>` renders it once per page
 * (React 19 hoists and de-duplicates it); a host with a strict CSP can pass `injectStyles={false}`
 * and serve this text as a file instead.
 *
 * Sizes follow the 适老化 (age-friendly) guidance and WCAG 2.2: 16px text at least (which also
 * stops phones zooming into inputs), 44px touch targets, and in large-text mode 20px text with
 * 56px targets, heavier focus rings and more spacing.
 */
export const TASK_FORM_CSS = `
.cf-task-form { --cf-font: 16px; --cf-target: 44px; --cf-gap: 12px; --cf-danger: #b00020; --cf-accent: #0b57d0;
  font-size: var(--cf-font); line-height: 1.6; color: #1a1a1a; max-width: 48rem; }
.cf-task-form.cf-task-form--large { --cf-font: 20px; --cf-target: 56px; --cf-gap: 18px; line-height: 1.75; }
.cf-task-form * { box-sizing: border-box; }
.cf-task-form fieldset { border: 1px solid #c8c8c8; border-radius: 8px; padding: var(--cf-gap); margin: 0 0 var(--cf-gap); min-width: 0; }
.cf-task-form > form > fieldset, .cf-task-form > form > .cf-field > fieldset { border: 0; padding: 0; }
.cf-task-form legend, .cf-task-form .cf-legend { font-weight: 700; font-size: 1.05em; padding: 0 4px; }
.cf-task-form .cf-field { margin: 0 0 var(--cf-gap); }
.cf-task-form .cf-label, .cf-task-form .cf-sublabel { display: block; font-weight: 600; margin-bottom: 4px; }
.cf-task-form .cf-required { color: var(--cf-danger); margin-left: 2px; }
.cf-task-form .cf-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.cf-task-form .cf-description, .cf-task-form .cf-help, .cf-task-form .cf-hint { color: #4a4a4a; font-size: 0.9em; margin: 2px 0 6px; white-space: pre-wrap; }
.cf-task-form input:not([type=checkbox]):not([type=radio]):not([type=file]), .cf-task-form select, .cf-task-form textarea {
  font: inherit; min-height: var(--cf-target); width: 100%; max-width: 32rem; padding: 6px 10px; border: 1px solid #767676; border-radius: 6px; background: #fff; }
.cf-task-form input[type=file] { font: inherit; min-height: var(--cf-target); }
.cf-task-form textarea { min-height: calc(var(--cf-target) * 3); }
.cf-task-form input[type=checkbox], .cf-task-form input[type=radio] { width: calc(var(--cf-font) * 1.25); height: calc(var(--cf-font) * 1.25); margin: 0 8px 0 0; flex: none; }
.cf-task-form .checkbox label, .cf-task-form .cf-choice { display: flex; align-items: center; min-height: var(--cf-target); padding: 4px 8px; cursor: pointer; }
.cf-task-form .cf-choices { display: flex; flex-wrap: wrap; gap: 4px 16px; }
.cf-task-form .cf-inline { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
.cf-task-form .cf-inline > input { flex: 1 1 10rem; }
.cf-task-form .cf-affix { font-weight: 600; }
.cf-task-form .cf-button { font: inherit; min-height: var(--cf-target); min-width: var(--cf-target); padding: 6px 16px; border-radius: 6px; border: 1px solid var(--cf-accent); background: var(--cf-accent); color: #fff; cursor: pointer; }
.cf-task-form .cf-button--secondary { background: #fff; color: var(--cf-accent); }
.cf-task-form .cf-button--danger { background: #fff; color: var(--cf-danger); border-color: var(--cf-danger); }
.cf-task-form .cf-button[disabled] { opacity: 0.55; cursor: not-allowed; }
.cf-task-form .cf-button--primary { font-weight: 700; padding: 8px 32px; }
.cf-task-form :focus-visible { outline: 3px solid var(--cf-accent); outline-offset: 2px; }
.cf-task-form.cf-task-form--large :focus-visible { outline-width: 4px; }
.cf-task-form .cf-list-item { border-left: 4px solid #dde3ea; padding-left: var(--cf-gap); margin-bottom: var(--cf-gap); }
.cf-task-form .cf-list-item__toolbar { display: flex; gap: 8px; justify-content: flex-end; }
.cf-task-form .cf-field--invalid input, .cf-task-form .cf-field--invalid select, .cf-task-form .cf-field--invalid textarea { border-color: var(--cf-danger); border-width: 2px; }
.cf-task-form .cf-field-errors { color: var(--cf-danger); font-weight: 600; }
.cf-task-form .cf-field-error { margin: 4px 0; }
.cf-task-form .cf-error-summary { border: 4px solid var(--cf-danger); border-radius: 8px; padding: var(--cf-gap); margin-bottom: calc(var(--cf-gap) * 2); }
.cf-task-form .cf-error-summary:focus { outline: 4px solid #ffbf47; }
.cf-task-form .cf-error-summary__title { font-size: 1.2em; margin: 0 0 6px; }
.cf-task-form .cf-error-summary a { color: var(--cf-danger); font-weight: 600; display: inline-block; min-height: var(--cf-target); padding: 6px 0; }
.cf-task-form .cf-signature__pad { display: block; width: 100%; max-width: 600px; aspect-ratio: 3 / 1; border: 2px dashed #767676; border-radius: 8px; background: #fff; touch-action: none; }
.cf-task-form .cf-attachment__preview { display: block; max-width: 240px; max-height: 240px; margin-top: 8px; border-radius: 6px; }
.cf-task-form .cf-attachment__file { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin-top: 6px; }
.cf-task-form .cf-status:empty { display: none; }
.cf-task-form .cf-input--computed { background: #f3f3f3; }
.cf-task-form .cf-actions { margin-top: calc(var(--cf-gap) * 2); }
`;
