// The embedding example shown in packages/engine/README.md. The test below checks that the
// README shows exactly this code, so the documentation cannot drift from working code.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
// #region readme
import { CN_2027, startInstance, step, openTasks } from '@civicflow/engine';
import type { ProcessDefinition } from '@civicflow/engine';
import { createTestHost } from '@civicflow/engine/testing';
import { createFormValidator } from '@civicflow/forms';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const mediation: ProcessDefinition = {
  schemaVersion: 1, id: 'tiny-mediation', version: 1, title: t('简易调解', 'tiny mediation'),
  roles: { V_MED: { title: t('村调解员', 'village mediator') }, T_CENTER: { title: t('镇综治中心', 'township centre') } },
  forms: {
    session: {
      title: t('调解记录', 'mediation record'),
      schema: { type: 'object', required: ['result'], properties: {
        result: { type: 'string', title: '本次结果', enum: ['达成协议', '调解不成'] },
        applicant_id: { type: 'string', title: '申请人身份证号', format: 'cn-id-card' } } },
    },
  },
  start: 'ladder',
  steps: {
    ladder: {
      kind: 'escalation', title: t('逐级调处', 'escalation ladder'), saveAs: 'handling', next: 'resolved', exhausted: 'court',
      rungs: [
        { id: 'village', level: 'village', title: t('村调委会', 'village committee'), start: 'villageSession',
          deadline: { duration: { months: 1, rollover: false }, basis: t('人民调解工作若干规定第三十三条', 'Mediation Rules Art 33'), onExpiry: { goto: '$escalate' } },
          steps: {
            villageSession: { kind: 'task', title: t('村级调解', 'village mediation'), form: 'session', assignee: { role: 'V_MED' },
              next: [{ when: "form.result == '达成协议'", to: 'villageAgreed' }, { to: 'villageSession' }] },
            villageAgreed: { kind: 'end', outcome: 'agreed', title: t('达成协议', 'agreed') } } },
        { id: 'town', level: 'town', title: t('镇调委会', 'township committee'), start: 'townSession',
          steps: {
            townSession: { kind: 'task', title: t('镇级调解', 'township mediation'), form: 'session', assignee: { role: 'T_CENTER' },
              next: [{ when: "form.result == '达成协议'", to: 'townAgreed' }, { to: 'townFailed' }] },
            townAgreed: { kind: 'end', outcome: 'agreed', title: t('达成协议', 'agreed') },
            townFailed: { kind: 'end', outcome: 'escalate', title: t('上交', 'escalate') } } },
      ],
    },
    resolved: { kind: 'end', outcome: 'RESOLVED', title: t('已化解', 'resolved') },
    court: { kind: 'end', outcome: 'TO_COURT', title: t('引导诉讼', 'to court') },
  },
};

const village = 'county:huaxi/town:qingshi/village:qingshicun';
const mediator = { id: 'wang', roles: ['V_MED'], orgUnit: village };
const centre = { id: 'li', roles: ['T_CENTER'], orgUnit: 'county:huaxi/town:qingshi' };

it('embeds the engine: a dispute times out in the village and is resolved in the town', () => {
  // 1. With the test host: a simulated clock and durable timers that fire when time advances.
  const host = createTestHost({ now: '2027-03-10T09:00:00+08:00', validator: createFormValidator(), calendar: CN_2027 });
  const inst = host.start(mediation, { actor: mediator, orgUnit: village });
  const [first] = inst.tasks(mediator);
  expect(() => inst.complete(first!.id, { result: '调解不成', applicant_id: '110101198001010011' }, mediator))
    .toThrow(/CF_ENGINE_FORM_INVALID/); // wrong check digit: refused before it touches the case
  inst.complete(first!.id, { result: '调解不成', applicant_id: '110101198001010010' }, mediator);
  host.advance('2027-04-11'); // one month: 24:00 of 2027-04-10, an internal SLA without rollover
  const [townTask] = inst.tasks(centre);
  expect(townTask!.stepId).toBe('townSession');
  inst.complete(townTask!.id, { result: '达成协议' }, centre);
  expect(inst.outcome).toBe('RESOLVED');
  expect(inst.data['handling']).toMatchObject({ resolvedAt: 'town' }); // "大事不出镇"
  expect(host.replay(inst)).toEqual(inst.snapshot); // the history reproduces the snapshot

  // 2. With the pure step, in your own host: store the snapshot, run the effects yourself.
  const validator = createFormValidator();
  const started = startInstance(mediation, { instanceId: 'case-1', orgUnit: village },
    { now: '2027-03-10T09:00:00+08:00', actor: mediator }, { validator, calendar: CN_2027 });
  expect(started.effects.map((e) => e.type)).toEqual(['task.open', 'timer.schedule']); // persist these
  const task = openTasks(mediation, started.snapshot, mediator)[0]!;
  const next = step(mediation, started.snapshot, { type: 'complete', taskId: task.id, data: { result: '达成协议' } },
    { now: '2027-03-12T15:00:00+08:00', actor: mediator }, { validator, calendar: CN_2027 });
  expect(next.snapshot.status).toBe('done');
  expect(next.effects.map((e) => e.type)).toEqual(['task.close', 'timer.cancel', 'instance.ended']);
});
// #endregion readme

it('the engine README shows this example verbatim', () => {
  const source = readFileSync(new URL(import.meta.url), 'utf8');
  const example = source.slice(source.indexOf('// #region readme\n') + '// #region readme\n'.length, source.indexOf('// #endregion readme'));
  const readme = readFileSync(new URL('../../packages/engine/README.md', import.meta.url), 'utf8');
  expect(readme).toContain(example.trim());
});
