import { describe, expect, it } from 'vitest';
import { CN_2027 } from '../src/index.js';
import { createTestHost } from '../src/testing/index.js';
import { actor, VILLAGE } from './support/actors.js';
import { end, processWith, t } from './support/builders.js';
import { requiredFieldsValidator as validator } from './support/requiredFieldsValidator.js';

const def = processWith('notice-test', 'list', {
  list: {
    kind: 'notice', title: t('选民名单公告', 'voter list notice'),
    publish: {
      form: 'note', assignee: { role: 'CLERK' }, publishedOn: 'form.text',
      checks: [{ assert: "form.text <= lastDayBefore('2027-05-28', 20)", message: t('选民名单应在选举日二十日前公布', 'the voter list must be published at least 20 days before election day'), pointer: '/text' }],
    },
    period: { days: 5 }, basis: t('村民委员会组织法第十四条', 'VCOL Art 14'),
    objections: {
      form: 'objection', filedBy: { role: 'VOTER' }, handler: { role: 'CLERK' }, handleForm: 'decide', upheldWhen: "form.decision == 'UPHELD'",
      decideWithin: { duration: { days: 3 }, basis: t('村民委员会组织法第十四条：三日内作出处理决定', 'VCOL Art 14: decide within 3 days'), onExpiry: { notify: [{ role: 'LEAD', level: 'town', message: t('申诉处理超期', 'objection decision overdue') }] } },
    },
    saveAs: 'voterList',
    next: [{ when: 'data.voterList.upheld > 0', to: 'corrected' }, { to: 'final' }],
  },
  corrected: end('CORRECTED'), final: end('FINAL'),
});
const vec = actor('u-vec', ['CLERK'], VILLAGE);
const voter = actor('u-voter', ['VOTER'], `${VILLAGE}/group:3`);

function open(published: string) {
  const host = createTestHost({ now: `${published}T09:00:00+08:00`, validator, calendar: CN_2027 });
  const inst = host.start(def, { actor: vec });
  inst.complete(inst.tasks()[0]!.id, { text: published }, vec);
  return { host, inst };
}

describe('notice (公示)', () => {
  it('refuses a publication later than 20 days before election day', () => {
    const host = createTestHost({ now: '2027-05-09T09:00:00+08:00', validator, calendar: CN_2027 });
    const inst = host.start(def, { actor: vec });
    expect(() => inst.complete(inst.tasks()[0]!.id, { text: '2027-05-09' }, vec)).toThrow(/20 days before election day/);
  });

  it('keeps the window open 5 days after publication (start day excluded) and takes objections from voters below the village', () => {
    const { host, inst } = open('2027-05-07');
    const filing = inst.tasks(voter)[0]!;
    expect(filing.dueAt).toBe('2027-05-13T00:00:00+08:00');
    host.advance('2027-05-10T10:00:00+08:00');
    inst.complete(filing.id, { reason: '漏登' }, voter);
    const handling = inst.tasks(vec)[0]!;
    expect(handling.dueAt).toBe('2027-05-14T00:00:00+08:00');
    host.advance('2027-05-12T15:00:00+08:00');
    inst.complete(handling.id, { decision: 'UPHELD' }, vec);
    expect(inst.status).toBe('active'); // the window is still open
    host.advance('2027-05-13T00:00:00+08:00');
    expect(inst.outcome).toBe('CORRECTED');
    expect(JSON.stringify(host.replay(inst))).toBe(JSON.stringify(inst.snapshot));
  });

  it('records a late objection as rejected for lateness, and it stays visible', () => {
    const { host, inst } = open('2027-05-07');
    host.advance('2027-05-13T00:00:00+08:00');
    expect(inst.status).toBe('done'); // nothing pending: the notice closed with the window
    const { host: h2, inst: i2 } = open('2027-05-07');
    i2.complete(i2.tasks(voter)[0]!.id, { reason: 'early' }, voter);
    h2.advance('2027-05-13T10:00:00+08:00');
    i2.complete(i2.tasks(voter)[0]!.id, { reason: '逾期' }, voter);
    const list = i2.data['voterList'] as { objections: { status: string }[] };
    expect(list.objections.map((o) => o.status)).toEqual(['pending', 'rejected_late']);
    expect(host.now).toBe('2027-05-13T00:00:00+08:00');
  });

  it('rolls the window over a rest day: published Tue 05-04, day 5 is Sunday → ends Monday 24:00', () => {
    const { host, inst } = open('2027-05-04');
    expect(inst.tasks(voter)[0]!.dueAt).toBe('2027-05-11T00:00:00+08:00');
    host.advance('2027-05-10T16:00:00+08:00');
    inst.complete(inst.tasks(voter)[0]!.id, { reason: '错登' }, voter);
    expect((inst.data['voterList'] as { objections: { status: string }[] }).objections[0]!.status).toBe('pending');
  });

  it('an undecided objection is overdue after 3 days and the leader is reminded; the notice waits for the decision', () => {
    const { host, inst } = open('2027-05-07');
    inst.complete(inst.tasks(voter)[0]!.id, { reason: '漏登' }, voter);
    host.advance('2027-05-20');
    expect(inst.status).toBe('active');
    expect(inst.tasks(vec)[0]!.overdue).toBe(true);
    expect(inst.effects().filter((e) => e.type === 'notify')).toHaveLength(1);
    inst.complete(inst.tasks(vec)[0]!.id, { decision: 'DISMISSED' }, vec);
    expect(inst.outcome).toBe('FINAL');
  });
});
