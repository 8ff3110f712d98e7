import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../admin/passwordPolicy.js';

/** JSON schemas shared by the admin routes (responses are serialised through them: nothing else leaves). */
export const orgUnitNode = {
  type: 'object', required: ['path', 'level', 'code', 'name', 'children'],
  properties: {
    path: { type: 'string', description: 'e.g. county:huaxi/town:qingshi' }, level: { type: 'string' }, code: { type: 'string' }, name: { type: 'string', description: 'Chinese name, e.g. 青石镇' },
    children: { type: 'array', description: 'the units directly below, each of this same shape', items: { type: 'object', additionalProperties: true } },
  },
} as const;

export const roleName = { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,63}$', description: 'a role id, e.g. V_MED or ADMIN' } as const;
export const orgUnitPath = { type: 'string', minLength: 1, maxLength: 512, description: 'an org unit path, e.g. county:huaxi/town:qingshi' } as const;
export const password = { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH, description: `at least ${MIN_PASSWORD_LENGTH} characters, not containing the username` } as const;

/** A user as administrators see them; `additionalProperties: false` makes the serializer drop anything else (hashes, ID numbers). */
export const adminUser = {
  type: 'object', additionalProperties: false,
  required: ['id', 'username', 'displayName', 'orgUnit', 'orgUnitName', 'disabled', 'createdAt', 'roles'],
  properties: {
    id: { type: 'string' }, username: { type: 'string' }, displayName: { type: 'string' }, orgUnit: { type: 'string', description: 'primary unit, in which sessions act' },
    orgUnitName: { type: 'string' }, disabled: { type: 'boolean' }, createdAt: { type: 'string', format: 'date-time' },
    roles: {
      type: 'array', description: 'roles held within your subtree',
      items: { type: 'object', additionalProperties: false, required: ['role', 'orgUnit'], properties: { role: { type: 'string' }, orgUnit: { type: 'string' } } },
    },
  },
} as const;

export const userParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 64 } } } as const;
