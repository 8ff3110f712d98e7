import { ServerError } from '../plugins/serverError.js';

/** 400 CF_SERVER_MONITOR_RANGE: the date range of GET /api/monitor cannot be used. */
export function badMonitorRange(problem: 'date' | 'order' | 'length', details: { from: string; to: string; maxDays: number }): ServerError {
  const message = {
    date: { 'zh-CN': `日期 ${details.from} 至 ${details.to} 中有不存在的日期`, en: `${details.from} to ${details.to} contains a date that does not exist` },
    order: { 'zh-CN': `开始日期 ${details.from} 晚于结束日期 ${details.to}`, en: `the start date ${details.from} is after the end date ${details.to}` },
    length: { 'zh-CN': `${details.from} 至 ${details.to} 超过了 ${details.maxDays} 天`, en: `${details.from} to ${details.to} is longer than ${details.maxDays} days` },
  }[problem];
  return new ServerError('CF_SERVER_MONITOR_RANGE', 400, message, {
    hint: {
      'zh-CN': `from 和 to 用 YYYY-MM-DD（北京时间的日期，含首尾两天），from 不晚于 to，最长 ${details.maxDays} 天；省略则为截至今天的 30 天`,
      en: `give from and to as YYYY-MM-DD (dates in China, both included), from not after to, at most ${details.maxDays} days; omit them for the 30 days up to today`,
    },
    details,
  });
}

/** 404: the process filter names no published process. */
export function monitorProcessNotFound(definitionId: string): ServerError {
  return new ServerError('CF_SERVER_NOT_FOUND', 404, { 'zh-CN': `没有已发布的流程 ${definitionId}`, en: `there is no published process ${definitionId}` }, {
    hint: { 'zh-CN': 'GET /api/definitions 列出已发布的流程；省略 definitionId 则看全部流程', en: 'GET /api/definitions lists the published processes; omit definitionId to see them all' },
    details: { definitionId },
  });
}

/** 403: the unit asked for lies outside the administrator's own. */
export function monitorOutsideUnit(orgUnit: string, adminUnit: string): ServerError {
  return new ServerError('CF_SERVER_FORBIDDEN_ORG_UNIT', 403, {
    'zh-CN': `您只能查看本单位（${adminUnit}）及下级单位的运行情况，${orgUnit} 不在此范围内`,
    en: `you can monitor only your unit (${adminUnit}) and the units below it; ${orgUnit} is outside`,
  }, { hint: { 'zh-CN': `省略 orgUnit，或取 ${adminUnit} 及其下级单位`, en: `omit orgUnit, or pass ${adminUnit} or a unit below it` }, details: { orgUnit, adminOrgUnit: adminUnit } });
}
