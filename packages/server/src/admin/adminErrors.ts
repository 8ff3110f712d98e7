import { ServerError } from '../plugins/serverError.js';
import { LEVEL_NAMES } from './orgLevels.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwordPolicy.js';

/** 403: the unit (of a user, a role, a new unit, a case) lies outside the administrator's subtree. */
export function outsideAdminScope(unit: string, adminUnit: string): ServerError {
  return new ServerError('CF_SERVER_FORBIDDEN_ORG_UNIT', 403, {
    'zh-CN': `您只能管理本单位（${adminUnit}）及其下级单位，${unit} 不在此范围内`,
    en: `you may administer only your unit (${adminUnit}) and the units below it; ${unit} is outside`,
  }, {
    hint: { 'zh-CN': '请由上级单位的管理员办理', en: 'ask an administrator of a unit above it' },
    details: { orgUnit: unit, adminOrgUnit: adminUnit },
  });
}

/** 404: no such org unit. */
export function orgUnitNotFound(unit: string): ServerError {
  return new ServerError('CF_SERVER_NOT_FOUND', 404, { 'zh-CN': `没有单位 ${unit}`, en: `there is no org unit ${unit}` }, {
    hint: { 'zh-CN': 'GET /api/admin/org-units 列出您管理的单位', en: 'GET /api/admin/org-units lists the units you administer' },
    details: { orgUnit: unit },
  });
}

/** 400: a new unit's level may not sit below its parent's level. */
export function levelNotAllowed(level: string, parent: string, parentLevel: string, allowed: readonly string[]): ServerError {
  const name = (l: string, locale: 'zh-CN' | 'en') => `${LEVEL_NAMES[l]?.[locale] ?? l} (${l})`;
  const list = (locale: 'zh-CN' | 'en') => allowed.map((l) => name(l, locale)).join(locale === 'zh-CN' ? '、' : ', ');
  return new ServerError('CF_SERVER_ORG_LEVEL', 400, {
    'zh-CN': `${name(parentLevel, 'zh-CN')}（${parent}）下不能设立 ${name(level, 'zh-CN')}`,
    en: `a ${name(level, 'en')} cannot be created below the ${name(parentLevel, 'en')} ${parent}`,
  }, {
    hint: allowed.length > 0
      ? { 'zh-CN': `其下级只能是：${list('zh-CN')}（县 → 乡镇/街道 → 村/社区 → 网格）`, en: `below it may be: ${list('en')} (county → town/street → village/community → grid)` }
      : { 'zh-CN': '该单位下不能再设下级单位（县 → 乡镇/街道 → 村/社区 → 网格）', en: 'no unit may be created below it (county → town/street → village/community → grid)' },
    details: { level, parent, parentLevel, allowed },
  });
}

/** 400: the code does not make a valid path segment. */
export function badUnitCode(code: string): ServerError {
  return new ServerError('CF_SERVER_ORG_CODE', 400, { 'zh-CN': `单位代码 ${code} 无效`, en: `the unit code ${code} is invalid` }, {
    hint: { 'zh-CN': '代码用字母、数字、下划线、点或连字符，通常为拼音，如 qingshi', en: 'use letters, digits, _, . or -, usually pinyin, e.g. qingshi' },
    details: { code },
  });
}

/** 409: something with this key exists already. */
export function alreadyExists(what: 'orgUnit' | 'username', value: string): ServerError {
  const text = what === 'orgUnit'
    ? { 'zh-CN': `单位 ${value} 已存在`, en: `the org unit ${value} exists already` }
    : { 'zh-CN': `用户名 ${value} 已被使用`, en: `the username ${value} is taken` };
  const hint = what === 'orgUnit'
    ? { 'zh-CN': '换一个代码，或直接使用已有单位', en: 'choose another code, or use the existing unit' }
    : { 'zh-CN': '换一个用户名（如在姓名拼音后加数字）', en: 'choose another username (e.g. add a digit to the pinyin name)' };
  return new ServerError('CF_SERVER_CONFLICT', 409, text, { hint, details: { [what]: value } });
}

/** 404: no such user. */
export function userNotFound(id: string): ServerError {
  return new ServerError('CF_SERVER_NOT_FOUND', 404, { 'zh-CN': `没有用户 ${id}`, en: `there is no user ${id}` }, {
    hint: { 'zh-CN': 'GET /api/admin/users 列出您管理的用户', en: 'GET /api/admin/users lists the users you administer' },
    details: { userId: id },
  });
}

/** 400: the username is not acceptable. */
export function badUsername(username: string): ServerError {
  return new ServerError('CF_SERVER_USERNAME', 400, { 'zh-CN': `用户名 ${username} 无效`, en: `the username ${username} is invalid` }, {
    hint: { 'zh-CN': '用户名用 2–64 个小写字母、数字、点、下划线或连字符，以字母或数字开头，如 wang_jianguo', en: 'use 2–64 lower-case letters, digits, ., _ or -, starting with a letter or digit, e.g. wang_jianguo' },
    details: { username },
  });
}

/** 400: the password does not meet the policy. */
export function weakPassword(problem: 'short' | 'long' | 'username'): ServerError {
  const message = {
    short: { 'zh-CN': `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符`, en: `the password needs at least ${MIN_PASSWORD_LENGTH} characters` },
    long: { 'zh-CN': `密码最多 ${MAX_PASSWORD_LENGTH} 个字符`, en: `the password may have at most ${MAX_PASSWORD_LENGTH} characters` },
    username: { 'zh-CN': '密码不能包含用户名', en: 'the password must not contain the username' },
  }[problem];
  return new ServerError('CF_SERVER_PASSWORD_POLICY', 400, message, {
    hint: { 'zh-CN': `请使用至少 ${MIN_PASSWORD_LENGTH} 个字符、与用户名无关的密码，如几个词组成的短句`, en: `use at least ${MIN_PASSWORD_LENGTH} characters unrelated to the username, e.g. a short phrase of several words` },
    details: { problem, minLength: MIN_PASSWORD_LENGTH },
  });
}

/** 404: the user does not hold this role in this unit. */
export function roleNotHeld(userId: string, role: string, orgUnit: string): ServerError {
  return new ServerError('CF_SERVER_NOT_FOUND', 404, { 'zh-CN': `用户 ${userId} 在 ${orgUnit} 没有角色 ${role}`, en: `user ${userId} does not hold the role ${role} in ${orgUnit}` }, {
    hint: { 'zh-CN': '查看该用户的角色（GET /api/admin/users）；角色默认指其所属单位，其他单位请加 ?orgUnit=', en: 'see the user\'s roles (GET /api/admin/users); without ?orgUnit= the user\'s own unit is meant' },
    details: { userId, role, orgUnit },
  });
}

/** 409: an administrator may not lock themselves out. */
export function selfLockout(what: 'lastAdminRole' | 'disableSelf'): ServerError {
  const message = what === 'lastAdminRole'
    ? { 'zh-CN': '不能移除您自己最后一个管理员（ADMIN）角色', en: 'you cannot remove your own last ADMIN role' }
    : { 'zh-CN': '不能停用您自己的账号', en: 'you cannot disable your own account' };
  return new ServerError('CF_SERVER_SELF_LOCKOUT', 409, message, {
    hint: { 'zh-CN': '请由另一位管理员办理，以免无人能管理本单位', en: 'ask another administrator, so that the unit is never left without one' },
  });
}
