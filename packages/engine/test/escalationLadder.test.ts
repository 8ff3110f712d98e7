import { describe, expect, it } from 'vitest';
import type { LadderRung, StepDefinition } from '../src/index.js';
import { createTestHost } from '../src/testing/index.js';
import { actor, COUNTY, TOWN, VILLAGE } from './support/actors.js';
import { end, processWith, t } from './support/builders.js';
import { requiredFieldsValidator as validator } from './support/requiredFieldsValidator.js';

/** A rung: one mediation task whose result decides: agreed → resolved, failed → escalate. */
function rung(id: string, level: string, extra: Partial<LadderRung> = {}): LadderRung {
  const steps: Record<string, StepDefinition> = {
    [`${id}_mediate`]: {
      kind: 'task', title: t(`${id} 调解`, `${id} mediation`), form: 'note', assignee: { role: 'MEDIATOR' },
      next: [{ when: "form.result == 'agreed'", to: `${id}_resolved` }, { to: `${id}_up` }],
    },
    [`${id}_resolved`]: end('resolved'),
    [`${id}_up`]: end('escalate'),
  };
  return {
    id, level, title: t(id, id), start: `${id}_mediate`, steps,
    deadline: { duration: { months: 1, rollover: false }, basis: t('人民调解工作若干规定第三十三条', 'Mediation Rules Art 33'), onExpiry: { goto: '$escalate' } },
    ...extra,
  };
}

const def = processWith('ladder-test', 'risk', {
  risk: {
    kind: 'parallel', join: 'any', next: 'done',
    branches: [
      { id: 'main', start: 'ladder', steps: {
        ladder: { kind: 'escalation', title: t('逐级调处', 'escalation ladder'), saveAs: 'handling',
          rungs: [rung('village', 'village', { escalateWhen: "data.colour == 'RED'" }), rung('town', 'town'), rung('county', 'county')],
          next: 'mainEnd', exhausted: 'court' },
        mainEnd: end('main'), court: end('court') } },
      { id: 'riskTrack', start: 'assess', steps: {
        assess: { kind: 'task', title: t('风险评估', 'risk assessment'), form: 'note', assignee: { role: 'MEDIATOR', level: 'village' }, set: { colour: 'form.result' }, next: 'assess' } } },
    ],
  },
  done: end('CLOSED'),
});

const med = (unit: string) => actor(`u-${unit.length}`, ['MEDIATOR'], unit);
const clerk = actor('u-clerk', ['CLERK'], VILLAGE);

function start() {
  const host = createTestHost({ now: '2027-03-10T09:00:00+08:00', validator });
  const inst = host.start(def, { actor: clerk });
  const mediation = () => inst.tasks().find((x) => x.stepId.endsWith('_mediate'))!;
  return { host, inst, mediation };
}

describe('escalation ladder (小事不出村、大事不出镇、矛盾不上交)', () => {
  it('resolves in the village and records where', () => {
    const { inst, mediation } = start();
    expect(mediation().assignee.orgUnit).toBe(VILLAGE);
    inst.complete(mediation().id, { result: 'agreed' }, med(VILLAGE));
    expect(inst.outcome).toBe('CLOSED');
    expect(inst.data['handling']).toMatchObject({ resolvedAt: 'village', level: 'village', outcome: 'resolved' });
  });

  it('times out after one month in the village (end of 04-10, no rollover) and moves to the town with its own deadline', () => {
    const { host, inst, mediation } = start();
    host.advance('2027-04-10T23:00:00+08:00');
    expect(mediation().stepId).toBe('village_mediate');
    host.advance('2027-04-11T00:00:00+08:00');
    expect(mediation().stepId).toBe('town_mediate');
    expect(mediation().assignee.orgUnit).toBe(TOWN);
    expect(inst.effects()).toContainEqual({ type: 'case.escalated', stepId: 'ladder', fromRung: 'village', toRung: 'town', toOrgUnit: TOWN });
    expect(Object.values(inst.snapshot.context.timers).find((x) => x.purpose === 'rung')!.dueAt).toBe('2027-05-12T00:00:00+08:00');
    inst.complete(mediation().id, { result: 'agreed' }, med(TOWN));
    const handling = inst.data['handling'] as { resolvedAt: string; rungs: { rung: string; result: string }[] };
    expect(handling.resolvedAt).toBe('town');
    expect(handling.rungs.map((r) => [r.rung, r.result])).toEqual([['village', 'escalated'], ['town', 'resolved']]);
    expect(JSON.stringify(host.replay(inst))).toBe(JSON.stringify(inst.snapshot));
  });

  it('a failed rung escalates; the last rung escalating exhausts the ladder', () => {
    const { inst, mediation } = start();
    inst.complete(mediation().id, { result: 'failed' }, med(VILLAGE));
    inst.complete(mediation().id, { result: 'failed' }, med(TOWN));
    expect(mediation().assignee.orgUnit).toBe(COUNTY);
    inst.complete(mediation().id, { result: 'failed' }, med(COUNTY));
    expect(inst.data['handling']).toMatchObject({ resolvedAt: null, outcome: 'exhausted' });
    expect(inst.outcome).toBe('CLOSED');
  });

  it('a RED risk assessed in the parallel branch forces the case up to the town at once', () => {
    const { inst, mediation } = start();
    const assess = inst.tasks().find((x) => x.stepId === 'assess')!;
    inst.complete(assess.id, { result: 'RED' }, med(VILLAGE));
    expect(mediation().stepId).toBe('town_mediate');
    expect(inst.tasks().find((x) => x.stepId === 'assess')).toBeDefined();
  });
});

describe('ladder startAt', () => {
  it('starts a case graded for the town at the town rung, recording no village visit', () => {
    const startDef = processWith('ladder-start', 'ladder2', {
      ladder2: { kind: 'escalation', title: t('逐级调处', 'escalation ladder'), saveAs: 'handling', startAt: "data.grade == 'G2' ? 'town' : 'village'",
        rungs: [rung('village', 'village'), rung('town', 'town'), rung('county', 'county')], next: 'closed', exhausted: 'closed' },
      closed: end('CLOSED'),
    });
    const host = createTestHost({ now: '2027-03-10T09:00:00+08:00', validator });
    const inst = host.start(startDef, { actor: clerk, input: { grade: 'G2' } });
    const [task] = inst.tasks();
    expect(task!.stepId).toBe('town_mediate');
    expect(inst.effects().some((e) => e.type === 'case.escalated')).toBe(false);
    inst.complete(task!.id, { result: 'agreed' }, med(TOWN));
    expect((inst.data['handling'] as { rungs: { rung: string }[] }).rungs.map((r) => r.rung)).toEqual(['town']);
    expect(JSON.stringify(host.replay(inst))).toBe(JSON.stringify(inst.snapshot));
  });
});
