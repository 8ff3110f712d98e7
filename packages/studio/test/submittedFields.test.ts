import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProcessDefinition } from '@civicflow/engine';
import { formOfStep, submittedFields } from '../src/features/cases/submittedFields.js';

const vetting = JSON.parse(readFileSync(new URL('../../../examples/village-election/candidate-vetting.json', import.meta.url), 'utf8')) as ProcessDefinition;
const dispute = JSON.parse(readFileSync(new URL('../../../examples/dispute-mediation/process.json', import.meta.url), 'utf8')) as ProcessDefinition;
const item = (n: number) => `第 ${n} 项`;

describe('what a completed task submitted, as the timeline shows it', () => {
  it('labels fields with the form\'s titles, choices by their titles, in the form\'s order, leaving out empty ones', () => {
    const form = formOfStep(vetting, 'countyVetting');
    expect(form?.title['zh-CN']).toContain('部门意见');
    const fields = submittedFields({
      replied_on: '2027-04-19', head_user: '负责人', conclusion: 'FLAG', nl_codes: ['NL09'], facts: '失信被执行人', reviewer_user: '蔡雪梅', evidence: [], head_signature: '',
    }, form?.schema, item);
    expect(fields.map((f) => f.label)).toEqual(['结论', '负面清单条目', '事实与依据（须引用文书编号）', '证据材料（加密保存）', '审查人', '负责人', '日期']);
    expect(fields[0]).toEqual({ key: 'conclusion', label: '结论', kind: 'value', text: 'FLAG 存在不宜情形' });
    expect(fields[1]).toMatchObject({ kind: 'value', text: 'NL09' });
    expect(fields[3]).toEqual({ key: 'evidence', label: '证据材料（加密保存）', kind: 'group', fields: [] });
  });

  it('shows nested sections and list items as groups, yes/no for booleans, and keys for fields the form does not declare', () => {
    const form = formOfStep(dispute, 'intake');
    expect(form).toBeDefined();
    const fields = submittedFields({
      applicants: [{ name: '张三', kind: 'P' }], accepted_elsewhere: '否', extra_note: 'x', persons_involved: 2, flag: true,
    }, form!.schema, item);
    const applicants = fields.find((f) => f.key === 'applicants');
    expect(applicants).toMatchObject({ kind: 'group', fields: [{ label: '第 1 项', kind: 'group' }] });
    const first = applicants?.kind === 'group' ? applicants.fields[0] : undefined;
    expect(first?.kind === 'group' ? first.fields.some((f) => f.kind === 'value' && f.text === '张三') : false).toBe(true);
    expect(fields.find((f) => f.key === 'extra_note')).toEqual({ key: 'extra_note', label: 'extra_note', kind: 'value', text: 'x' });
    expect(fields.find((f) => f.key === 'flag')).toEqual({ key: 'flag', label: 'flag', kind: 'yesNo', value: true });
  });

  it('finds no form for a step without one, and nothing for data that is not an object', () => {
    expect(formOfStep(vetting, 'cleared')).toBeUndefined();
    expect(formOfStep(vetting, 'no-such-step')).toBeUndefined();
    expect(submittedFields('text', undefined, item)).toEqual([]);
    expect(submittedFields(null, undefined, item)).toEqual([]);
  });
});
