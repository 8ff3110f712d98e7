import { useId } from 'react';
import type { ReactElement } from 'react';
import { useText } from '../../preferences/PreferencesContext.js';
import type { DayCounts, ProcessSeries } from './monitorApi.js';

type SeriesKey = keyof DayCounts;

/**
 * How each series is drawn. Colour is never the only difference: each has its own dash pattern
 * and point marker, the legend repeats both, and the table under the chart gives every number.
 * The colours have at least 3:1 contrast on white (WCAG 1.4.11).
 */
export const SERIES_STYLES: readonly { key: SeriesKey; colour: string; dash: string | undefined; marker: 'circle' | 'square' | 'triangle' | 'diamond' }[] = [
  { key: 'opened', colour: '#0b4f8a', dash: undefined, marker: 'circle' },
  { key: 'resolved', colour: '#1b5e20', dash: '7 4', marker: 'square' },
  { key: 'escalated', colour: '#8a4b00', dash: '2 3', marker: 'triangle' },
  { key: 'overdue', colour: '#b00020', dash: '9 3 2 3', marker: 'diamond' },
];

const WIDTH = 640;
const HEIGHT = 200;
const PAD = { left: 36, right: 12, top: 12, bottom: 26 };
/** Markers on every point only while they stay apart. */
const MAX_DAYS_WITH_MARKERS = 62;

function Marker({ shape, x, y, colour }: { shape: (typeof SERIES_STYLES)[number]['marker']; x: number; y: number; colour: string }): ReactElement {
  const r = 3.5;
  switch (shape) {
    case 'circle': return <circle cx={x} cy={y} r={r} fill={colour} />;
    case 'square': return <rect x={x - r} y={y - r} width={2 * r} height={2 * r} fill={colour} />;
    case 'triangle': return <path d={`M${x},${y - r - 1} L${x + r + 1},${y + r} L${x - r - 1},${y + r} Z`} fill={colour} />;
    case 'diamond': return <path d={`M${x},${y - r - 1} L${x + r + 1},${y} L${x},${y + r + 1} L${x - r - 1},${y} Z`} fill={colour} />;
  }
}

/** A small sample of a series' line and marker, for the legend. */
function Swatch({ style }: { style: (typeof SERIES_STYLES)[number] }): ReactElement {
  return (
    <svg className="series-chart__swatch" viewBox="0 0 36 12" width="36" height="12" aria-hidden="true" focusable="false">
      <line x1="0" y1="6" x2="36" y2="6" stroke={style.colour} strokeWidth="2.5" strokeDasharray={style.dash} />
      <Marker shape={style.marker} x={18} y={6} colour={style.colour} />
    </svg>
  );
}

/**
 * One process's days as a line chart (hand-written SVG: four lines need no charting library),
 * with a text summary as its accessible name, a legend, and the figures as a table.
 */
export function SeriesChart({ series }: { series: ProcessSeries }): ReactElement {
  const { t, text } = useText();
  const id = useId();
  const days = series.days;
  const peak = Math.max(1, ...days.flatMap((d) => SERIES_STYLES.map((s) => d[s.key])));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (days.length > 1 ? (i * plotW) / (days.length - 1) : plotW / 2);
  const y = (v: number) => PAD.top + plotH - (v / peak) * plotH;
  const ticks = [...new Set([0, Math.round(peak / 2), peak])];
  const labelled = days.length > 2 ? [0, Math.floor((days.length - 1) / 2), days.length - 1] : days.map((_, i) => i);
  const process = text(series.title);
  const first = days[0]?.date ?? '';
  const last = days[days.length - 1]?.date ?? '';
  const summary = t('monitor.chartSummary', { from: first, to: last, ...series.totals, peak: Math.max(0, ...days.flatMap((d) => SERIES_STYLES.map((s) => d[s.key]))) });
  return (
    <figure className="series-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="series-chart__caption">{t('monitor.chartCaption', { process })}</figcaption>
      <p className="series-chart__summary">{summary}</p>
      <svg className="series-chart__plot" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${t('monitor.chartCaption', { process })}. ${summary}`} focusable="false">
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(v)} y2={y(v)} stroke="#c8cdd3" strokeWidth="1" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" fontSize="11" fill="#4a4a4a">{v}</text>
          </g>
        ))}
        {labelled.map((i) => (
          <text key={i} x={x(i)} y={HEIGHT - 8} textAnchor={i === 0 ? 'start' : i === days.length - 1 ? 'end' : 'middle'} fontSize="11" fill="#4a4a4a">
            {days[i]!.date.slice(5)}
          </text>
        ))}
        {SERIES_STYLES.map((s) => (
          <g key={s.key} className={`series-chart__series series-chart__series--${s.key}`}>
            <polyline fill="none" stroke={s.colour} strokeWidth="2.5" strokeDasharray={s.dash} strokeLinejoin="round" points={days.map((d, i) => `${x(i)},${y(d[s.key])}`).join(' ')} />
            {days.length <= MAX_DAYS_WITH_MARKERS && days.map((d, i) => <Marker key={d.date} shape={s.marker} x={x(i)} y={y(d[s.key])} colour={s.colour} />)}
          </g>
        ))}
      </svg>
      <ul className="series-chart__legend" aria-label={t('monitor.legend')}>
        {SERIES_STYLES.map((s) => (
          <li key={s.key}><Swatch style={s} /> {t(`monitor.series.${s.key}`)}</li>
        ))}
      </ul>
      <details className="series-chart__table">
        <summary>{t('monitor.chartTable')}</summary>
        <table>
          <caption>{t('monitor.chartTableCaption', { process })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('monitor.date')}</th>
              {SERIES_STYLES.map((s) => <th key={s.key} scope="col">{t(`monitor.series.${s.key}`)}</th>)}
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date}>
                <th scope="row"><time dateTime={d.date}>{d.date}</time></th>
                {SERIES_STYLES.map((s) => <td key={s.key}>{d[s.key]}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
