// `npm start` runs this until the server lands (issue 4): it loads every example process,
// validates it, shows what it is made of, then walks one mediation on a simulated clock and
// prints its timeline — the engine doing real governance work, with no server.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CN_2027, validateDefinition } from '@civicflow/engine';
import type { HistoryEvent, ProcessDefinition, StepDefinition } from '@civicflow/engine';
import { createTestHost } from '@civicflow/engine/testing';
import { createFormValidator } from '@civicflow/forms';

const here = dirname(fileURLToPath(import.meta.url));

function allSteps(steps: Record<string, StepDefinition>): StepDefinition[] {
  return Object.values(steps).flatMap((s) => [
    s,
    ...(s.kind === 'parallel' ? s.branches.flatMap((b) => allSteps(b.steps)) : []),
    ...(s.kind === 'escalation' ? s.rungs.flatMap((r) => allSteps(r.steps)) : []),
  ]);
}

console.log('civicflow — 基层治理流程引擎 / governance processes as data\n');
for (const slug of readdirSync(here, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
  const files = existsSync(join(here, slug)) ? readdirSync(join(here, slug)).filter((f) => f.endsWith('.json') && f !== 'package.json') : [];
  for (const file of files) {
    const def = JSON.parse(readFileSync(join(here, slug, file), 'utf8')) as ProcessDefinition;
    if (def.schemaVersion !== 1) continue;
    const problems = validateDefinition(def).filter((p) => p.severity === 'error');
    const kinds = new Map<string, number>();
    for (const s of allSteps(def.steps)) kinds.set(s.kind, (kinds.get(s.kind) ?? 0) + 1);
    const statutory = Object.entries(def.config ?? {}).filter(([, p]) => p.tag === 'L');
    console.log(`■ ${def.title['zh-CN']} — ${def.title.en}  [${slug}/${file}, ${def.id} v${def.version}] ${problems.length === 0 ? '✓ valid' : `✗ ${problems.length} problems`}`);
    console.log(`  ${Object.keys(def.roles).length} roles, ${Object.keys(def.forms).length} forms, steps: ${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}`);
    if (statutory.length) console.log(`  fixed by law: ${statutory.map(([k, p]) => `${k}=${JSON.stringify(p.value)}${p.basis ? ` (${p.basis['zh-CN']})` : ''}`).join('; ')}`);
  }
}

// A short walk: a neighbours' dispute times out in the village and is resolved in the town.
const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const ladder: ProcessDefinition = {
  schemaVersion: 1, id: 'demo-mediation', version: 1, title: t('演示：邻里纠纷调解', 'demo: neighbours\' dispute'),
  roles: { V_MED: { title: t('村调解员', 'village mediator') }, T_CENTER: { title: t('镇综治中心', 'township centre') } },
  forms: { session: { title: t('调解记录', 'mediation record'), schema: { type: 'object', required: ['result'], properties: { result: { type: 'string', title: '本次结果', enum: ['达成协议', '调解不成'] } } } } },
  start: 'ladder',
  steps: {
    ladder: { kind: 'escalation', title: t('逐级调处', 'escalation ladder'), saveAs: 'handling', next: 'resolved', exhausted: 'court',
      rungs: [
        { id: 'village', level: 'village', title: t('村调委会', 'village committee'), start: 'v',
          deadline: { duration: { months: 1, rollover: false }, basis: t('人民调解工作若干规定第三十三条：一般在一个月内调结', 'Mediation Rules Art 33: normally within one month'), onExpiry: { goto: '$escalate' } },
          steps: { v: { kind: 'task', title: t('村级调解', 'village mediation'), form: 'session', assignee: { role: 'V_MED' }, next: [{ when: "form.result == '达成协议'", to: 'vOk' }, { to: 'v' }] }, vOk: { kind: 'end', outcome: 'agreed', title: t('达成协议', 'agreed') } } },
        { id: 'town', level: 'town', title: t('镇调委会', 'township committee'), start: 'tw',
          steps: { tw: { kind: 'task', title: t('镇级调解', 'township mediation'), form: 'session', assignee: { role: 'T_CENTER' }, next: [{ when: "form.result == '达成协议'", to: 'tOk' }, { to: 'tUp' }] }, tOk: { kind: 'end', outcome: 'agreed', title: t('达成协议', 'agreed') }, tUp: { kind: 'end', outcome: 'escalate', title: t('上交', 'escalate') } } },
      ] },
    resolved: { kind: 'end', outcome: 'RESOLVED', title: t('已化解', 'resolved') },
    court: { kind: 'end', outcome: 'TO_COURT', title: t('引导诉讼', 'to court') },
  },
};
const village = 'county:huaxi/town:qingshi/village:qingshicun';
const mediator = { id: '王建国（村调解员）', roles: ['V_MED'], orgUnit: village };
const centre = { id: '李敏（镇综治中心）', roles: ['T_CENTER'], orgUnit: 'county:huaxi/town:qingshi' };
const host = createTestHost({ now: '2027-03-10T09:00:00+08:00', validator: createFormValidator(), calendar: CN_2027 });
const inst = host.start(ladder, { actor: mediator, orgUnit: village });
inst.complete(inst.tasks(mediator)[0]!.id, { result: '调解不成' }, mediator);
host.advance('2027-03-20T15:00:00+08:00');
inst.complete(inst.tasks(mediator)[0]!.id, { result: '调解不成' }, mediator);
host.advance('2027-04-11T09:00:00+08:00');
inst.complete(inst.tasks(centre)[0]!.id, { result: '达成协议' }, centre);

const show: Record<string, (e: HistoryEvent) => string> = {
  'instance.started': () => '受理 / case opened',
  'rung.entered': (e) => `进入层级 ${(e.data as { rung: string }).rung} / rung entered`,
  'task.opened': (e) => `待办 ${e.taskId} / task opened`,
  'task.completed': (e) => `${e.actor?.id} 办结 ${e.taskId}：${JSON.stringify(e.data)}`,
  'timer.expired': (e) => `期限届满 / deadline passed — ${((e.data as { basis: { 'zh-CN': string } }).basis)['zh-CN']}`,
  'case.escalated': (e) => `上交至 ${(e.data as { toOrgUnit: string }).toOrgUnit} / escalated`,
  'instance.ended': (e) => `结案：${(e.data as { outcome: string }).outcome}`,
};
console.log(`\n▶ ${ladder.title['zh-CN']} — simulated clock, calendar ${CN_2027.id}`);
for (const e of inst.history()) if (show[e.type]) console.log(`  ${e.at}  ${show[e.type]!(e)}`);
console.log(`  resolved at: ${(inst.data['handling'] as { resolvedAt: string }).resolvedAt} (小事不出村、大事不出镇)`);
console.log('\nThe server and studio arrive with issues 4 and 5; `npm test` runs every suite.');
