/**
 * The builder's CSS. Large text and large targets by default (18px text, 44px controls): the
 * people who build forms in a township office are often not young, and work on small laptops.
 * Three columns on a wide screen, one below the other on a narrow one.
 */
export const BUILDER_CSS = `
.cf-builder { font-size: 18px; line-height: 1.6; color: #1a1a1a; }
.cf-builder h2 { font-size: 1.15em; margin: 0 0 .5em; }
.cf-builder button, .cf-builder input, .cf-builder select, .cf-builder textarea { font: inherit; min-height: 44px; }
.cf-builder button { min-width: 44px; padding: 0 .75em; border: 1px solid #555; border-radius: 6px; background: #fff; cursor: pointer; }
.cf-builder button:disabled { opacity: .45; cursor: not-allowed; }
.cf-builder :focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
.cf-builder input, .cf-builder select, .cf-builder textarea { border: 1px solid #666; border-radius: 6px; padding: 0 .5em; max-width: 100%; box-sizing: border-box; }
.cf-builder textarea { padding: .4em .5em; width: 100%; }
.cf-builder__toolbar { display: flex; gap: .5em; align-items: center; flex-wrap: wrap; margin-bottom: .5em; }
.cf-builder__primary { background: #0b57d0 !important; color: #fff; border-color: #0b57d0 !important; }
.cf-builder__alert { border: 2px solid #b3261e; background: #fdecea; border-radius: 6px; padding: .5em 1em; margin-bottom: .5em; }
.cf-builder__alert--empty { display: contents; }
.cf-builder__columns { display: grid; grid-template-columns: minmax(12em, 1fr) minmax(18em, 2fr) minmax(18em, 2fr); gap: 1em; align-items: start; }
@media (max-width: 1100px) { .cf-builder__columns { grid-template-columns: 1fr; } }
.cf-builder__palette ul, .cf-builder__fields, .cf-builder__choices { list-style: none; margin: 0; padding: 0; }
.cf-builder__palette ul { display: flex; flex-wrap: wrap; gap: .4em; }
.cf-builder__palette-item { cursor: grab; }
.cf-builder__field { display: flex; gap: .5em; align-items: center; border: 1px solid #999; border-radius: 6px; padding: .25em; margin-bottom: .4em; background: #fff; }
.cf-builder__field--selected { border: 3px solid #0b57d0; background: #eef3fd; }
.cf-builder__field--over, .cf-builder__dropzone--over { box-shadow: 0 -4px 0 #0b57d0; }
.cf-builder__field-select { flex: 1; text-align: start; border: none !important; background: transparent !important; display: flex; flex-direction: column; padding: .25em .5em !important; }
.cf-builder__field-title { font-weight: 600; }
.cf-builder__field-meta, .cf-builder__hint { color: #444; font-size: .9em; margin: .2em 0; }
.cf-builder__field-actions { display: inline-flex; gap: .25em; }
.cf-builder__nested { margin-inline-start: 1.5em; padding-inline-start: .75em; border-inline-start: 3px solid #ccc; }
.cf-builder__dropzone { border: 2px dashed #aaa; border-radius: 6px; color: #555; padding: .3em .75em; margin-bottom: .5em; font-size: .9em; }
.cf-builder__control { display: flex; flex-direction: column; margin-bottom: .6em; }
.cf-builder__control--check { flex-direction: row; align-items: center; gap: .5em; }
.cf-builder__control--check input { width: 1.4em; height: 1.4em; min-height: 0; }
.cf-builder__inline { flex-direction: row; flex-wrap: wrap; align-items: end; gap: .5em; }
.cf-builder__fieldset { border: 1px solid #999; border-radius: 6px; margin: 0 0 .75em; padding: .5em .75em; }
.cf-builder__choice { border-bottom: 1px solid #ddd; padding: .3em 0; }
.cf-builder__add-choice, .cf-builder__condition { display: flex; flex-wrap: wrap; gap: .5em; align-items: end; }
.cf-builder__error { color: #b3261e; }
.cf-builder__preview-status { color: #444; font-style: italic; }
.cf-builder__ok { color: #1e6b2e; }
.cf-builder__empty { color: #555; }
.cf-builder__tabs { margin-top: 1em; }
.cf-builder__tabs [role=tablist] { display: flex; gap: .25em; border-bottom: 2px solid #999; }
.cf-builder__tabs [role=tab][aria-selected=true] { background: #0b57d0; color: #fff; border-color: #0b57d0; }
.cf-builder__tabpanel { padding: .75em 0; }
.cf-builder__json { background: #f6f6f6; border: 1px solid #ccc; border-radius: 6px; padding: .75em; overflow: auto; max-height: 32em; font-size: .85em; white-space: pre-wrap; }
.cf-builder__readonly { border: 2px solid #8a6d00; background: #fff8e1; border-radius: 6px; padding: .5em 1em; }
`;
