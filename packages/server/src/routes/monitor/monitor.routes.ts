import type { FastifyInstance } from 'fastify';
import { requireRole } from '../../auth/index.js';
import { ADMIN_ROLE } from '../../auth/roles.js';
import { actorOf, schemas } from '../../instances/http.js';
import { DEFAULT_MONITOR_DAYS, MAX_MONITOR_DAYS, MONITOR_LIST_LIMIT } from '../../monitor/index.js';
import type { MonitorQuery, MonitorService } from '../../monitor/index.js';

export interface MonitorRoutesOptions {
  service: MonitorService;
}

const { errorBody, localized } = schemas;
const nullableLocalized = { ...localized, nullable: true };
const nullableString = { type: 'string', nullable: true };
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const counts = {
  type: 'object', required: ['opened', 'resolved', 'escalated', 'overdue'],
  properties: { opened: { type: 'integer' }, resolved: { type: 'integer' }, escalated: { type: 'integer' }, overdue: { type: 'integer' } },
};
const caseFields = {
  instanceId: { type: 'string' }, definitionId: { type: 'string' }, processTitle: localized, orgUnit: { type: 'string' }, orgUnitName: nullableString,
};

/** The response of GET /api/monitor (see MonitorReport in src/monitor/monitorService.ts). */
export const monitorReportSchema = {
  type: 'object',
  required: ['now', 'from', 'to', 'orgUnit', 'orgUnitName', 'definitionId', 'running', 'overdueTasks', 'breaches', 'series'],
  properties: {
    now: { type: 'string', description: 'the server\'s clock (the simulated one in test mode)' },
    from: date, to: date, orgUnit: { type: 'string' }, orgUnitName: nullableString, definitionId: nullableString,
    running: {
      type: 'object', required: ['total', 'groups'],
      properties: {
        total: { type: 'integer' },
        groups: {
          type: 'array',
          items: {
            type: 'object', required: ['definitionId', 'title', 'orgUnit', 'orgUnitName', 'cases', 'steps'],
            properties: {
              definitionId: { type: 'string' }, title: localized, orgUnit: { type: 'string' }, orgUnitName: nullableString, cases: { type: 'integer' },
              steps: {
                type: 'array', description: 'the steps the cases are at; a case in parallel branches counts at each of its steps',
                items: { type: 'object', required: ['stepId', 'title', 'cases'], properties: { stepId: { type: 'string' }, title: localized, cases: { type: 'integer' } } },
              },
            },
          },
        },
      },
    },
    overdueTasks: {
      type: 'object', required: ['total', 'truncated', 'items'],
      properties: {
        total: { type: 'integer' }, truncated: { type: 'boolean' },
        items: {
          type: 'array',
          items: {
            type: 'object',
            required: ['instanceId', 'definitionId', 'processTitle', 'orgUnit', 'orgUnitName', 'taskId', 'stepId', 'title', 'assignee', 'dueAt', 'overdueMinutes'],
            properties: {
              ...caseFields, taskId: { type: 'string' }, stepId: { type: 'string' }, title: localized,
              assignee: { type: 'object', required: ['role', 'roleTitle', 'orgUnit'], properties: { role: { type: 'string' }, roleTitle: nullableLocalized, orgUnit: { type: 'string' } } },
              dueAt: { type: 'string' }, overdueMinutes: { type: 'integer' },
            },
          },
        },
      },
    },
    breaches: {
      type: 'object', required: ['total', 'truncated', 'items'],
      properties: {
        total: { type: 'integer' }, truncated: { type: 'boolean' },
        items: {
          type: 'array',
          items: {
            type: 'object',
            required: ['instanceId', 'definitionId', 'processTitle', 'orgUnit', 'orgUnitName', 'caseStatus', 'stepId', 'stepTitle', 'taskId', 'purpose', 'basis', 'dueAt', 'expiredAt', 'taskCompletedAt'],
            properties: {
              ...caseFields, caseStatus: { type: 'string', enum: ['active', 'done', 'cancelled'] }, stepId: { type: 'string' }, stepTitle: localized, taskId: nullableString,
              purpose: { type: 'string', description: '`deadline` (a task\'s), `reply` / `verify` (a reviewer\'s), `decide` (an objection\'s), `rung` (a ladder rung\'s limit)' },
              basis: nullableLocalized, dueAt: nullableString, expiredAt: { type: 'string' }, taskCompletedAt: nullableString,
            },
          },
        },
      },
    },
    series: {
      type: 'array',
      items: {
        type: 'object', required: ['definitionId', 'title', 'totals', 'days'],
        properties: {
          definitionId: { type: 'string' }, title: localized, totals: counts,
          days: { type: 'array', items: { ...counts, required: ['date', ...counts.required], properties: { date, ...counts.properties } } },
        },
      },
    },
  },
} as const;

/**
 * GET /api/monitor — 运行监控 for administrators: the cases of their unit and below that are
 * running (by process, unit and step), the open tasks past due, the deadlines that ran out (SLA
 * breaches), and per process a daily series of cases opened, resolved, escalated and overdue.
 */
export async function monitorRoutes(app: FastifyInstance, options: MonitorRoutesOptions): Promise<void> {
  app.get('/api/monitor', {
    preHandler: requireRole(ADMIN_ROLE),
    schema: {
      summary: 'Monitor: running cases, overdue tasks, SLA breaches, daily series',
      description: 'Cases of `orgUnit` (default: my unit) and the units below it, optionally of one process. '
        + '`running`: active cases by process and case unit, with the steps they are at. '
        + '`overdueTasks`: open tasks of active cases due before the server\'s now, longest overdue first. '
        + '`breaches`: deadlines that ran out between `from` and `to` (days in China, both included) — task, reviewer, objection and rung deadlines; planned waits are no breach; latest first. '
        + `At most ${MONITOR_LIST_LIMIT} overdue tasks and breaches are listed; \`total\` counts them all. `
        + '`series`: per published process and day, cases `opened`, `resolved` (ended with an outcome), `escalated` (moved up an escalation ladder) and `overdue` (deadlines run out). '
        + `Without \`from\`/\`to\`: the ${DEFAULT_MONITOR_DAYS} days up to today; at most ${MAX_MONITOR_DAYS} days. Administrators only.`,
      tags: ['monitor'],
      querystring: {
        type: 'object', additionalProperties: false,
        properties: {
          from: { ...date, description: 'first day, YYYY-MM-DD' },
          to: { ...date, description: 'last day (included), YYYY-MM-DD; default today' },
          definitionId: { type: 'string', minLength: 1, maxLength: 100 },
          orgUnit: { type: 'string', minLength: 1, maxLength: 512, description: 'my unit or a unit below it' },
        },
      },
      response: { 200: monitorReportSchema, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
  }, async (request) => options.service.report(actorOf(request), request.query as MonitorQuery));
}
