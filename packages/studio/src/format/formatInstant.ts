const SHANGHAI_INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?\+08:00$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const shanghaiParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/**
 * An instant as a person in China reads it: `2027-03-01 09:30`, Beijing time, the same digits in
 * both languages (unambiguous, and what the forms and paper registers use). The engine's instants
 * already carry +08:00 and are shown as written; others are converted.
 */
export function formatInstant(value: string | null | undefined): string {
  if (!value) return '';
  const local = SHANGHAI_INSTANT.exec(value);
  if (local) return `${local[1]} ${local[2]}`;
  if (DATE_ONLY.test(value)) return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value;
  const parts = Object.fromEntries(shanghaiParts.formatToParts(ms).map((p) => [p.type, p.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}`;
}
