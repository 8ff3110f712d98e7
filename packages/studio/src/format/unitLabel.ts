import type { User } from '../api/types.js';

/**
 * A readable name for an org unit path. The server names only the user's own unit (`orgUnitName`),
 * so a unit below it reads as that name plus the rest of the path, and any other unit as its path.
 *
 * @example unitLabel('county:huaxi/town:qingshi/village:qingshicun/grid:01', user) // '青石村 / grid:01'
 */
export function unitLabel(path: string, user: Pick<User, 'orgUnit' | 'orgUnitName'> | undefined): string {
  if (!user?.orgUnitName) return path;
  if (path === user.orgUnit) return user.orgUnitName;
  if (path.startsWith(`${user.orgUnit}/`)) return `${user.orgUnitName} / ${path.slice(user.orgUnit.length + 1).split('/').join(' / ')}`;
  return path;
}
