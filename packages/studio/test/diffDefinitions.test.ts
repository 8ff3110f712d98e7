import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { EscalationStep, Locale, ParallelStep, ProcessDefinition, StepDefinition, TaskStep } from '@civicflow/engine';
import { textIn, translate } from '../src/i18n/messages.js';
import type { MessageKey, MessageParams } from '../src/i18n/messages.js';
import { describeChange, formatValue } from '../src/features/versions/describeChange.js';
import { diffDefinitions } from '../src/features/versions/diffDefinitions.js';
import type { DefinitionChange, StepPlace } from '../src/features/versions/diffDefinitions.js';
import { groupChanges } from '../src/features/versions/groupChanges.js';

// diffDefinitions over the real example processes: each against itself (no change), and against
// copies with controlled edits, each edit expected exactly once, as the change a reader needs.

const examples = join(dirname(fileURLToPath(import.meta.url)), '../../../examples');
const load = (file: string) => JSON.parse(readFileSync(join(examples, file), 'utf8')) as ProcessDefinition;
const FILES = ['dispute-mediation/process.json', 'emergency-mobilisation/process.json', 'emergency-mobilisation/evacuee.json', 'village-election/process.json', 'village-election/candidate-vetting.json'];
const mediation = load('dispute-mediation/process.json');
const vetting = load('village-election/candidate-vetting.json');
const copy = <T>(value: T): T => structuredClone(value);
const t2 = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** The same JSON with every object's keys in reverse order. */
const reverseKeys = (value: unknown): unknown => (Array.isArray(value) ? value.map(reverseKeys)
  : typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)])) : value);
const handling = (d: ProcessDefinition) => d.steps['handling'] as ParallelStep;
const ladder = (d: ProcessDefinition) => handling(d).branches.find((b) => b.id === 'mediationTrack')!.steps['ladder'] as EscalationStep;
const rung = (d: ProcessDefinition, id: string) => ladder(d).rungs.find((r) => r.id === id)!;
const helpers = (locale: Locale) => ({ t: (key: MessageKey, params?: MessageParams) => translate(locale, key, params), text: (v: Parameters<typeof textIn>[1]) => textIn(locale, v) });
const zh = helpers('zh-CN');
const en = helpers('en');
const LADDER_PLACE: StepPlace = [
  { stepId: 'handling', stepTitle: handling(mediation).title, regionId: 'mediationTrack', regionKind: 'branch', regionTitle: t2('调解', 'mediation') },
];

describe('diffDefinitions', () => {
  it.each(FILES)('finds nothing between %s and an identical copy (key order aside)', (file) => {
    const a = load(file);
    const reordered = reverseKeys(a) as ProcessDefinition;
    expect(diffDefinitions(a, copy(a))).toEqual([]);
    expect(diffDefinitions(a, reordered)).toEqual([]);
  });

  it('names the process title and description that changed, with before and after', () => {
    const b = copy(mediation);
    b.title = t2('矛盾纠纷多元化解', 'dispute resolution');
    delete b.description;
    expect(diffDefinitions(mediation, b)).toEqual([
      { kind: 'definition.changed', property: 'title', before: mediation.title, after: b.title },
      { kind: 'definition.changed', property: 'description', before: mediation.description, after: undefined },
    ]);
  });

  it('lists roles added, removed and changed', () => {
    const b = copy(mediation);
    b.roles['OBSERVER'] = { title: t2('观察员', 'observer') };
    delete b.roles['GRID'];
    b.roles['V_MED']!.title = t2('村调解员', 'village mediator');
    expect(diffDefinitions(mediation, b)).toEqual([
      { kind: 'role.changed', roleId: 'V_MED', title: b.roles['V_MED']!.title, property: 'title', before: mediation.roles['V_MED']!.title, after: b.roles['V_MED']!.title },
      { kind: 'role.added', roleId: 'OBSERVER', title: t2('观察员', 'observer') },
      { kind: 'role.removed', roleId: 'GRID', title: mediation.roles['GRID']!.title },
    ]);
  });

  it('lists form fields added, removed and changed keyword by keyword, nested fields of lists included', () => {
    const b = copy(mediation);
    const form = b.forms['BF1']!;
    const properties = form.schema['properties'] as Record<string, Record<string, unknown>>;
    properties['urgency'] = { type: 'string', title: '紧急程度', enum: ['一般', '紧急'] };
    (form.schema['required'] as string[]).push('urgency');
    delete properties['grid_event_ref'];
    properties['source']!['enum'] = [...(properties['source']!['enum'] as string[]), '人大代表转交'];
    const applicant = (properties['applicants']!['items'] as { properties: Record<string, Record<string, unknown>> }).properties;
    applicant['phone']!['title'] = '手机号码';
    form.schema['required'] = (form.schema['required'] as string[]).filter((f) => f !== 'registrar');
    b.forms['BF_extra'] = { title: t2('补充材料', 'extra papers'), schema: { type: 'object', properties: { note: { type: 'string' }, file: { type: 'string' } } } };
    const oldSource = (mediation.forms['BF1']!.schema['properties'] as Record<string, Record<string, unknown>>)['source']!;
    expect(diffDefinitions(mediation, b)).toEqual([
      { kind: 'field.changed', formId: 'BF1', formTitle: form.title, field: 'source', label: '案件来源', property: 'enum', before: oldSource['enum'], after: properties['source']!['enum'] },
      { kind: 'field.changed', formId: 'BF1', formTitle: form.title, field: 'applicants[].phone', label: '手机号码', property: 'title', before: '联系电话', after: '手机号码' },
      { kind: 'field.changed', formId: 'BF1', formTitle: form.title, field: 'registrar', label: expect.any(String) as string, property: 'required', before: true, after: false },
      { kind: 'field.added', formId: 'BF1', formTitle: form.title, field: 'urgency', label: '紧急程度', required: true },
      { kind: 'field.removed', formId: 'BF1', formTitle: form.title, field: 'grid_event_ref', label: '网格事件编号', required: false },
      { kind: 'form.added', formId: 'BF_extra', title: t2('补充材料', 'extra papers'), fields: 2 },
    ]);
  });

  it('lists configuration parameters added, removed and changed (a value fixed by law, a basis)', () => {
    const b = copy(mediation);
    const config = b.config!;
    config['village_mediation_months']!.value = 2;
    config['village_mediation_months']!.basis = t2('本县试行办法', 'county pilot rule');
    const removedKey = Object.keys(config).at(-1)!;
    const removed = config[removedKey]!;
    delete config[removedKey];
    config['followup_visits'] = { value: 2, tag: 'Loc', title: t2('回访次数', 'follow-up visits') };
    expect(diffDefinitions(mediation, b)).toEqual([
      { kind: 'config.changed', key: 'village_mediation_months', title: config['village_mediation_months']!.title, property: 'value', before: 1, after: 2 },
      { kind: 'config.changed', key: 'village_mediation_months', title: config['village_mediation_months']!.title, property: 'basis', before: mediation.config!['village_mediation_months']!.basis, after: t2('本县试行办法', 'county pilot rule') },
      { kind: 'config.added', key: 'followup_visits', title: t2('回访次数', 'follow-up visits'), value: 2 },
      { kind: 'config.removed', key: removedKey, title: removed.title, value: removed.value },
    ]);
  });

  it('finds steps changed, added and removed inside ladder rungs and parallel branches, and the rungs and branches themselves', () => {
    const b = copy(mediation);
    const village = rung(b, 'VILLAGE');
    const vSession = village.steps['vSession'] as TaskStep;
    vSession.title = t2('村级调解会', 'village mediation meeting');
    vSession.deadline = { duration: { days: 10 }, basis: t2('本村规定', 'village rule') };
    village.deadline!.at = 'addMonths(data.intake.accepted_on, 2)';
    village.steps['vVisit'] = { kind: 'task', title: t2('上门走访', 'home visit'), form: 'BF4', assignee: { role: 'V_MED' }, next: 'vSession' };
    const removed = rung(b, 'COUNTY').steps['cPolice']!;
    delete rung(b, 'COUNTY').steps['cPolice'];
    handling(b).branches.push({ id: 'reportTrack', title: t2('信息报送', 'reporting'), start: 'rpEnd', steps: { rpEnd: { kind: 'end', outcome: 'REPORTED', title: t2('已报送', 'reported') } } });
    const villagePlace: StepPlace = [...LADDER_PLACE, { stepId: 'ladder', stepTitle: ladder(b).title, regionId: 'VILLAGE', regionKind: 'rung', regionTitle: village.title }];
    const changes = diffDefinitions(mediation, b);
    expect(changes).toEqual([
      { kind: 'region.added', stepId: 'handling', stepTitle: handling(b).title, regionId: 'reportTrack', regionKind: 'branch', title: t2('信息报送', 'reporting') },
      {
        kind: 'region.changed', stepId: 'ladder', stepTitle: ladder(b).title, regionId: 'VILLAGE', regionKind: 'rung', title: village.title,
        property: 'deadline', before: rung(mediation, 'VILLAGE').deadline, after: village.deadline,
      },
      { kind: 'step.changed', stepId: 'vSession', stepKind: 'task', title: vSession.title, place: villagePlace, property: 'title', before: t2('村调委会调解（调解记录）', 'village mediation session'), after: vSession.title },
      { kind: 'step.changed', stepId: 'vSession', stepKind: 'task', title: vSession.title, place: villagePlace, property: 'deadline', before: undefined, after: vSession.deadline },
      { kind: 'step.added', stepId: 'vVisit', stepKind: 'task', title: t2('上门走访', 'home visit'), place: villagePlace },
      { kind: 'step.added', stepId: 'rpEnd', stepKind: 'end', title: t2('已报送', 'reported'), place: [{ stepId: 'handling', stepTitle: handling(b).title, regionId: 'reportTrack', regionKind: 'branch', regionTitle: t2('信息报送', 'reporting') }] },
      {
        kind: 'step.removed', stepId: 'cPolice', stepKind: 'end', title: removed.title,
        place: [...LADDER_PLACE, { stepId: 'ladder', stepTitle: ladder(mediation).title, regionId: 'COUNTY', regionKind: 'rung', regionTitle: rung(mediation, 'COUNTY').title }],
      },
    ]);
  });

  it('finds a step moved from one region to another, and rungs reordered', () => {
    const b = copy(mediation);
    const step = rung(b, 'VILLAGE').steps['vPolice']!;
    delete rung(b, 'VILLAGE').steps['vPolice'];
    rung(b, 'TOWN').steps['vPolice'] = step;
    const rungs = ladder(b).rungs;
    [rungs[2], rungs[3]] = [rungs[3]!, rungs[2]!];
    const changes = diffDefinitions(mediation, b);
    expect(changes.map((c) => [c.kind, 'stepId' in c ? c.stepId : '', 'property' in c ? c.property : ''])).toEqual([
      ['step.changed', 'ladder', 'rungOrder'],
      ['step.moved', 'vPolice', ''],
    ]);
    expect(changes[0]).toMatchObject({ before: ['VILLAGE', 'TOWN', 'COUNTY', 'COURT'], after: ['VILLAGE', 'TOWN', 'COURT', 'COUNTY'] });
    expect(changes[1]).toMatchObject({ before: [{ regionId: 'mediationTrack' }, { regionId: 'VILLAGE' }], after: [{ regionId: 'mediationTrack' }, { regionId: 'TOWN' }] });
  });

  it('lists routes added and removed (a new target or condition), and routes whose assignments changed', () => {
    const b = copy(mediation);
    (b.steps['intake'] as TaskStep).next = 'rightsNotice';
    const acceptance = b.steps['acceptanceCheck'] as Extract<StepDefinition, { kind: 'decision' }>;
    acceptance.next[0]!.when = "data.intake.accepted_elsewhere != '否'";
    acceptance.next[0]!.set = { main_outcome: "'CLOSED_REFERRED'" };
    acceptance.next[1]!.set = { accepted: 'true' };
    const oldWhen = (mediation.steps['acceptanceCheck'] as Extract<StepDefinition, { kind: 'decision' }>).next[0]!.when;
    const title = (id: string) => mediation.steps[id]!.title;
    const route = (from: string, to: string, when?: string) => ({ from, fromTitle: title(from), exit: undefined, to, toTitle: title(to), when });
    expect(diffDefinitions(mediation, b)).toEqual([
      { kind: 'route.added', ...route('intake', 'rightsNotice') },
      { kind: 'route.removed', ...route('intake', 'acceptanceCheck') },
      { kind: 'route.added', ...route('acceptanceCheck', 'notAccepted', "data.intake.accepted_elsewhere != '否'"), },
      { kind: 'route.changed', ...route('acceptanceCheck', 'rightsNotice'), property: 'set', before: undefined, after: { accepted: 'true' } },
      { kind: 'route.removed', ...route('acceptanceCheck', 'notAccepted', oldWhen) },
    ]);
  });

  it('names the exit of a joint review\'s routes', () => {
    const b = copy(vetting);
    const review = b.steps['countyVetting'] as Extract<StepDefinition, { kind: 'jointReview' }>;
    review.next.overdue = 'disqualified';
    const veto = (vetting.steps['countyVetting'] as typeof review).veto;
    review.veto = !veto;
    const changes = diffDefinitions(vetting, b);
    expect(changes).toEqual([
      { kind: 'step.changed', stepId: 'countyVetting', stepKind: 'jointReview', title: review.title, place: [], property: 'veto', before: veto, after: !veto },
      { kind: 'route.added', from: 'countyVetting', fromTitle: review.title, exit: 'overdue', to: 'disqualified', toTitle: vetting.steps['disqualified']!.title, when: undefined },
      { kind: 'route.removed', from: 'countyVetting', fromTitle: review.title, exit: 'overdue', to: 'vettingGroupReview', toTitle: vetting.steps['vettingGroupReview']!.title, when: undefined },
    ]);
    expect(describeChange(changes[1]!, zh).text).toBe('新增路线：“县级部门资格联审”（逾期时） → “未通过资格联审”');
    expect(describeChange(changes[1]!, en).text).toBe('Route added: “county departments\' joint vetting” (overdue) → “disqualified”');
  });
});

describe('describeChange', () => {
  const change = (c: DefinitionChange) => ({ zh: describeChange(c, zh), en: describeChange(c, en) });

  it('says what changed in both languages, with durations, deadlines and assignees written out', () => {
    const b = copy(mediation);
    const vSession = rung(b, 'VILLAGE').steps['vSession'] as TaskStep;
    vSession.deadline = { duration: { days: 10, rollover: false }, basis: t2('本村规定', 'village rule') };
    vSession.assignee = { role: 'V_MED_CHAIR', level: 'village', match: 'subtree' };
    b.config!['village_mediation_months']!.value = 2;
    const changes = diffDefinitions(mediation, b);
    const deadline = changes.find((c) => c.kind === 'step.changed' && c.property === 'deadline')!;
    expect(change(deadline)).toEqual({
      zh: { text: '步骤“村调委会调解（调解记录）”（vSession）的办理期限已修改', before: '（无）', after: '10 日（末日遇休息日不顺延）；依据：本村规定' },
      en: { text: 'Step “village mediation session” (vSession): deadline changed', before: '(none)', after: '10 days (no rest-day rollover); basis: village rule' },
    });
    const assignee = changes.find((c) => c.kind === 'step.changed' && c.property === 'assignee')!;
    expect(change(assignee).zh).toEqual({ text: '步骤“村调委会调解（调解记录）”（vSession）的办理人已修改', before: '角色 V_MED', after: '角色 V_MED_CHAIR（village 级），含下级单位' });
    const value = changes.find((c) => c.kind === 'config.changed')!;
    expect(change(value)).toEqual({
      zh: { text: '配置参数“村级调解期限（月）”（village_mediation_months）的取值已修改', before: '1', after: '2' },
      en: { text: 'Parameter “village mediation period (months)” (village_mediation_months): value changed', before: '1', after: '2' },
    });
  });

  it('says where an added step sits and what a field became', () => {
    const added: DefinitionChange = {
      kind: 'step.added', stepId: 'vVisit', stepKind: 'task', title: t2('上门走访', 'home visit'),
      place: [...LADDER_PLACE, { stepId: 'ladder', stepTitle: ladder(mediation).title, regionId: 'VILLAGE', regionKind: 'rung', regionTitle: rung(mediation, 'VILLAGE').title }],
    };
    expect(describeChange(added, zh).text).toBe('新增任务步骤“上门走访”（vVisit），位于“调解‖风险跟踪‖当事人权利”的分支“调解” › “逐级调处：村→镇→县→法院”的层级“村级调解（小事不出村）”');
    expect(describeChange(added, en).text).toBe('New task step “home visit” (vVisit) in branch “mediation” of “mediation ‖ risk track ‖ parties’ rights” › rung “village mediation” of “ladder: village → town → county → court”');
    const field: DefinitionChange = { kind: 'field.added', formId: 'BF1', formTitle: t2('表', 'form'), field: 'urgency', label: '紧急程度', required: true };
    expect(describeChange(field, zh).text).toBe('新增字段“紧急程度”（urgency），必填');
    expect(describeChange(field, en).text).toBe('Field “紧急程度” (urgency) added, required');
    const choices: DefinitionChange = { kind: 'field.changed', formId: 'BF1', formTitle: t2('表', 'form'), field: 'source', label: '案件来源', property: 'enum', before: ['甲', '乙'], after: ['甲', '乙', '丙'] };
    expect(describeChange(choices, zh)).toEqual({ text: '字段“案件来源”（source）的可选项已修改', before: '甲、乙', after: '甲、乙、丙' });
    expect(describeChange(choices, en).before).toBe('甲, 乙');
  });

  it('writes an unknown property by its name and an unknown shape as JSON', () => {
    const odd: DefinitionChange = { kind: 'step.changed', stepId: 's', stepKind: 'vote', title: undefined, place: [], property: 'composition', before: { requireWoman: true }, after: { requireWoman: false } };
    expect(describeChange(odd, en)).toEqual({ text: 'Step “s” (s): composition changed', before: '{"requireWoman":true}', after: '{"requireWoman":false}' });
    expect(formatValue(true, zh)).toBe('是');
    expect(formatValue({ hours: 1, minutes: 30 }, en)).toBe('1 hours 30 minutes');
  });
});

describe('groupChanges', () => {
  it('orders the groups for reading and keeps each form\'s and step\'s changes together', () => {
    const b = copy(mediation);
    b.title = t2('新名称', 'new title');
    (b.steps['intake'] as TaskStep).next = 'rightsNotice';
    (b.steps['intake'] as TaskStep).title = t2('受理', 'intake');
    b.roles['OBSERVER'] = { title: t2('观察员', 'observer') };
    const props = b.forms['BF1']!.schema['properties'] as Record<string, Record<string, unknown>>;
    props['urgency'] = { type: 'string', title: '紧急程度' };
    props['source']!['title'] = '来源';
    const sections = groupChanges(diffDefinitions(mediation, b));
    expect(sections.map((s) => [s.group, s.count])).toEqual([['definition', 1], ['roles', 1], ['forms', 2], ['steps', 1], ['routes', 2]]);
    const forms = sections.find((s) => s.group === 'forms')!;
    expect(forms.subjects.map((s) => [s.id, s.changes.length])).toEqual([['BF1', 2]]);
    expect(forms.subjects[0]!.title).toEqual(mediation.forms['BF1']!.title);
    expect(sections.find((s) => s.group === 'steps')!.subjects.map((s) => s.id)).toEqual(['intake']);
    expect(sections.find((s) => s.group === 'roles')!.subjects.map((s) => s.id)).toEqual(['']);
  });
});
