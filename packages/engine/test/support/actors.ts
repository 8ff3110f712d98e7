import type { Actor } from '../../src/index.js';

export const VILLAGE = 'county:huaxi/town:qingshi/village:qingshicun';
export const TOWN = 'county:huaxi/town:qingshi';
export const COUNTY = 'county:huaxi';

export function actor(id: string, roles: string[], orgUnit: string, extra: Partial<Actor> = {}): Actor {
  return { id, roles, orgUnit, ...extra };
}
