import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../src/api/types.js';
import { EVENT_LABELS, eventLabel, eventSubject } from '../src/features/cases/eventLabels.js';

const ENGINE_SRC = fileURLToPath(new URL('../../engine/src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Every history event type the engine writes: `tx.log('…')` for derived events, `type: '…'` records for inputs. */
function engineEventTypes(): Set<string> {
  const types = new Set<string>();
  for (const file of sourceFiles(ENGINE_SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\.log\('([a-z][a-z.]*)'/g)) types.add(m[1]!);
    for (const m of text.matchAll(/(?:record|event: HistoryEvent|journal: \[)\s*=?\s*\{\s*type: '([a-z][a-z.]*)'/g)) types.add(m[1]!);
  }
  return types;
}

describe('the case timeline', () => {
  it('has a readable zh-CN and English name for every event type the engine records', () => {
    const types = engineEventTypes();
    // The scan must see the engine's own events, or it proves nothing.
    for (const known of ['instance.started', 'task.opened', 'task.completed', 'timer.fired', 'case.escalated', 'notified']) expect(types).toContain(known);
    const missing = [...types].filter((t) => !EVENT_LABELS[t]);
    expect(missing, `add these to EVENT_LABELS in packages/studio/src/features/cases/eventLabels.ts: ${missing.join(', ')}`).toEqual([]);
    for (const [type, label] of Object.entries(EVENT_LABELS)) {
      expect(label['zh-CN'], type).not.toBe('');
      expect(label.en, type).not.toBe('');
      expect(label['zh-CN'], type).not.toBe(label.en);
    }
  });

  it('shows an unknown event type by its code rather than hiding it', () => {
    expect(eventLabel('vote.recounted')).toEqual({ 'zh-CN': 'vote.recounted', en: 'vote.recounted' });
  });

  it('says what an event was about: the task title (from when it was opened), the step, the level', () => {
    const intake = { 'zh-CN': '受理登记', en: 'intake registration' };
    const history: TimelineEvent[] = [
      { seq: 1, type: 'instance.started', at: '2027-03-01T09:00:00+08:00', actor: { id: 'u-v_med', roles: ['V_MED'], orgUnit: 'county:huaxi' } },
      { seq: 2, type: 'step.entered', at: '2027-03-01T09:00:00+08:00', stepId: 'intake', data: { kind: 'task' } },
      { seq: 3, type: 'task.opened', at: '2027-03-01T09:00:00+08:00', stepId: 'intake', taskId: 'intake:1', data: { title: intake } },
      { seq: 4, type: 'task.completed', at: '2027-03-01T10:00:00+08:00', stepId: 'intake', taskId: 'intake:1', data: { id_no: '110101198001010010' } },
      { seq: 5, type: 'case.escalated', at: '2027-04-01T10:00:00+08:00', stepId: 'ladder', data: { from: 'village', to: 'town', toOrgUnit: 'county:huaxi/town:qingshi' } },
      { seq: 6, type: 'instance.ended', at: '2027-04-02T10:00:00+08:00', stepId: 'resolved', data: { outcome: 'RESOLVED' } },
    ];
    const titles = { step: (id: string) => (id === 'intake' ? intake : id === 'resolved' ? { 'zh-CN': '调解成功', en: 'resolved' } : undefined) };
    expect(eventSubject(history[1]!, history, titles)).toEqual(intake);
    expect(eventSubject(history[3]!, history, titles)).toEqual(intake); // never the submitted data
    expect(eventSubject(history[4]!, history, titles)).toEqual({ 'zh-CN': 'town → county:huaxi/town:qingshi', en: 'town → county:huaxi/town:qingshi' });
    expect(eventSubject(history[5]!, history, titles)).toEqual({ 'zh-CN': '调解成功', en: 'resolved' });
    expect(eventSubject(history[0]!, history, titles)).toBeUndefined();
  });
});
