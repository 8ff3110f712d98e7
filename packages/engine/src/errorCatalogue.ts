import { CALENDAR_ERROR_CODES } from './calendar/calendarError.js';
import { DEFINITION_PROBLEM_CODES } from './definition/problems.js';
import { ENGINE_ERRORS } from './errors.js';
import { EXPRESSION_ERROR_CODES } from './expressions/index.js';
import type { LocalizedText } from './i18n.js';

/** Where an error code comes from. */
export type ErrorSource = 'runtime' | 'definition' | 'expression' | 'calendar';

export interface CatalogueRow {
  code: string;
  source: ErrorSource;
  message: LocalizedText;
  hint?: LocalizedText;
}

/** Every stable error code the engine can produce, in one list (documented in ERRORS.md). */
export function errorCatalogue(): CatalogueRow[] {
  return [
    ...Object.entries(ENGINE_ERRORS).map(([code, e]) => ({ code, source: 'runtime' as const, message: e.message, hint: e.hint })),
    ...Object.entries(DEFINITION_PROBLEM_CODES).map(([code, message]) => ({ code, source: 'definition' as const, message })),
    ...Object.entries(EXPRESSION_ERROR_CODES).map(([code, e]) => ({ code, source: 'expression' as const, message: e.message, hint: e.hint })),
    ...Object.entries(CALENDAR_ERROR_CODES).map(([code, message]) => ({ code, source: 'calendar' as const, message })),
  ];
}

/** Renders the error catalogue as the markdown of ERRORS.md. */
export function renderErrorCatalogue(): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    '# civicflow engine — error catalogue',
    '',
    'Generated from the code by `pnpm --filter @civicflow/engine docs:errors`; a test fails when this file is stale.',
    'Codes are stable and never reused: branch on `code`, never on message text. `{name}` marks a value filled in at run time.',
    '',
  ];
  const titles: Record<ErrorSource, string> = {
    runtime: 'Runtime (thrown as `CivicflowError` by `step`, `startInstance`, `compile`)',
    definition: 'Definition problems (returned by `validateDefinition`, each with a pointer and a hint)',
    expression: 'Expressions (`ExpressionError`, wrapped as CF_ENGINE_EXPRESSION_FAILED at run time)',
    calendar: 'Calendar (`CalendarError`)',
  };
  const rows = errorCatalogue();
  for (const source of Object.keys(titles) as ErrorSource[]) {
    lines.push(`## ${titles[source]}`, '', '| code | 中文 | English | fix |', '| --- | --- | --- | --- |');
    for (const r of rows.filter((x) => x.source === source)) {
      lines.push(`| \`${r.code}\` | ${esc(r.message['zh-CN'])} | ${esc(r.message.en)} | ${r.hint ? esc(`${r.hint['zh-CN']} / ${r.hint.en}`) : 'see the problem\'s own hint'} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
