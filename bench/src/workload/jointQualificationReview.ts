import type { Actor, ProcessDefinition, StepDefinition } from '@civicflow/engine';
import type { Department } from './referenceWorkload.js';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** The org unit every reference case is opened in (a village of the synthetic county 华溪县). */
export const CASE_UNIT = 'county:huaxi/town:qingshi/village:qingshicun';

/** The county department (an org unit under the county) that reviews for department `d`. */
export function departmentUnit(d: Department): string {
  return `county:huaxi/dept:bench-${d.toLowerCase()}`;
}

/** The actors of the reference workload: who submits, who reviews for each department, who publishes. */
export const ACTORS = {
  submitter: { id: 'bench-vec', roles: ['VEC'], orgUnit: CASE_UNIT },
  reviewer: (d: Department): Actor => ({ id: `bench-dept-${d.toLowerCase()}`, roles: ['VET_DEPT'], orgUnit: departmentUnit(d) }),
  publisher: { id: 'bench-twp-gov', roles: ['TWP_GOV'], orgUnit: 'county:huaxi/town:qingshi' },
} as const satisfies Record<string, Actor | ((d: Department) => Actor)>;

const roles = {
  VEC: { title: t('村民选举委员会', "villagers' election committee") },
  VET_DEPT: { title: t('联审部门', 'vetting department') },
  TWP_GOV: { title: t('乡镇人民政府', 'township government') },
};

const forms = {
  candidateForm: {
    title: t('候选人报审表', 'candidate form'),
    schema: { type: 'object', required: ['candidate'], properties: { candidate: { type: 'string', title: '候选人', minLength: 1, maxLength: 50 } } },
  },
  reviewForm: {
    title: t('部门联审意见', "department's answer"),
    schema: { type: 'object', required: ['conclusion'], properties: { conclusion: { type: 'string', title: '结论', enum: ['PASS', 'FLAG'] } } },
  },
  noticeForm: {
    title: t('资格审查结果公告', 'notice of the result'),
    schema: { type: 'object', properties: { note: { type: 'string', title: '说明', maxLength: 200 } } },
  },
};

const ends: Record<string, StepDefinition> = {
  endApproved: { kind: 'end', outcome: 'APPROVED', title: t('资格审查通过', 'qualified') },
  endRejected: { kind: 'end', outcome: 'REJECTED', title: t('资格审查未通过', 'not qualified') },
};

const submitCandidate = (next: string): StepDefinition => ({
  kind: 'task', title: t('报送候选人', 'submit candidate'), form: 'candidateForm', assignee: { role: 'VEC' }, next,
});

const publishNotice: StepDefinition = {
  kind: 'task', title: t('公告资格审查结果', 'publish notice'), form: 'noticeForm', assignee: { role: 'TWP_GOV', level: 'town' }, next: 'endApproved',
};

/**
 * The reference process as a civicflow user writes it: the three department reviews are one
 * `jointReview` step (资格联审) — the governance primitive for exactly this: one task per
 * department, joined by the rule `all` without veto (like the BPMN file's parallel join followed
 * by its decision, every department answers before the case moves on), and the result records
 * who decided what, when. Its `approved`/`rejected` routes are the BPMN file's exclusive gateway.
 */
export const JOINT_QUALIFICATION_REVIEW: ProcessDefinition = {
  schemaVersion: 1, id: 'bench-joint-qualification-review', version: 1,
  title: t('候选人资格联审（基准测试）', 'joint qualification review (benchmark)'),
  roles, forms,
  start: 'submitCandidate',
  steps: {
    submitCandidate: submitCandidate('departmentReviews'),
    departmentReviews: {
      kind: 'jointReview', title: t('部门资格联审', "departments' joint review"), form: 'reviewForm',
      reviewers: (['A', 'B', 'C'] as const).map((d) => ({ id: d, title: t(`部门${d}`, `department ${d}`), unit: `dept:bench-${d.toLowerCase()}` })),
      assignee: { role: 'VET_DEPT', orgUnit: "unit('county') + '/' + reviewer.unit" },
      decisionField: 'conclusion', approveValues: ['PASS'], rejectValues: ['FLAG'],
      join: { rule: 'all' },
      next: { approved: 'publishNotice', rejected: 'endRejected' },
    },
    publishNotice,
    ...ends,
  },
};

/**
 * The same process written with general building blocks — a `parallel` step with one task per
 * department, then a `decision` over the three answers — as the BPMN file draws it. Measured
 * beside the jointReview version to show what the governance primitive costs or saves.
 */
export const JOINT_QUALIFICATION_REVIEW_PARALLEL: ProcessDefinition = {
  schemaVersion: 1, id: 'bench-joint-qualification-review-parallel', version: 1,
  title: t('候选人资格联审（并行步骤写法）', 'joint qualification review (parallel step)'),
  roles, forms,
  start: 'submitCandidate',
  steps: {
    submitCandidate: submitCandidate('departmentReviews'),
    departmentReviews: {
      kind: 'parallel', title: t('部门审查', 'department reviews'), join: 'all', next: 'decision',
      branches: (['A', 'B', 'C'] as const).map((d) => ({
        id: `branch${d}`, start: `reviewDept${d}`,
        steps: {
          [`reviewDept${d}`]: {
            kind: 'task', title: t(`部门${d}审查`, `department ${d} review`), form: 'reviewForm',
            assignee: { role: 'VET_DEPT', orgUnit: `unit('county') + '/dept:bench-${d.toLowerCase()}'` }, next: `done${d}`,
          },
          [`done${d}`]: { kind: 'end', outcome: 'reviewed', title: t('已审查', 'reviewed') },
        },
      })),
    },
    decision: {
      kind: 'decision', title: t('是否全部通过', 'all approved?'),
      next: [
        { when: "data.reviewDeptA.conclusion == 'PASS' && data.reviewDeptB.conclusion == 'PASS' && data.reviewDeptC.conclusion == 'PASS'", to: 'publishNotice' },
        { to: 'endRejected' },
      ],
    },
    publishNotice,
    ...ends,
  },
};
