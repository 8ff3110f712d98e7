import { hashPassword } from '@civicflow/server';
import type { Orm } from '@civicflow/server';
import { departmentUnit } from '../workload/jointQualificationReview.js';
import { DEPARTMENTS } from '../workload/referenceWorkload.js';

/** The password of every bench user (synthetic users in a throwaway database). */
export const BENCH_PASSWORD = 'civicflow-bench-password';

/** A user the bench signs in as, with the one role it holds in its unit. */
export interface BenchUser {
  id: string;
  username: string;
  displayName: string;
  orgUnit: string;
  role: string;
}

/** The synthetic county of the bench: the units the reference workload's users belong to. */
export const BENCH_ORG_UNITS: readonly { path: string; level: string; name: string }[] = [
  { path: 'county:huaxi', level: 'county', name: '华溪县' },
  { path: 'county:huaxi/town:qingshi', level: 'town', name: '青石镇' },
  { path: 'county:huaxi/town:qingshi/village:qingshicun', level: 'village', name: '青石村' },
  ...DEPARTMENTS.map((d) => ({ path: departmentUnit(d), level: 'dept', name: `联审部门${d}` })),
];

/** The users of the reference workload (ids as in ACTORS) and an administrator for the studio pages. */
export const BENCH_USERS: readonly BenchUser[] = [
  { id: 'bench-vec', username: 'bench-vec', displayName: '选举委员会（基准）', orgUnit: 'county:huaxi/town:qingshi/village:qingshicun', role: 'VEC' },
  ...DEPARTMENTS.map((d) => ({ id: `bench-dept-${d.toLowerCase()}`, username: `bench-dept-${d.toLowerCase()}`, displayName: `联审部门${d}（基准）`, orgUnit: departmentUnit(d), role: 'VET_DEPT' })),
  { id: 'bench-twp-gov', username: 'bench-twp-gov', displayName: '镇政府（基准）', orgUnit: 'county:huaxi/town:qingshi', role: 'TWP_GOV' },
  { id: 'bench-admin', username: 'bench-admin', displayName: '信息员（基准）', orgUnit: 'county:huaxi', role: 'ADMIN' },
  { id: 'bench-clerk', username: 'bench-clerk', displayName: '村干部（基准）', orgUnit: 'county:huaxi/town:qingshi/village:qingshicun', role: 'BENCH_CLERK' },
];

/** Creates the org units (those not there yet) and users through the ORM, so both dialects get what the server's own code writes. */
export async function seedBenchUsers(orm: Orm, units = BENCH_ORG_UNITS, users = BENCH_USERS): Promise<void> {
  const hash = await hashPassword(BENCH_PASSWORD);
  const em = orm.em.fork();
  const rows = (await em.getConnection().execute('select path from org_unit')) as { path: string }[];
  const known = new Set(rows.map((r) => r.path));
  for (const u of units) {
    if (known.has(u.path)) continue;
    const parent = u.path.includes('/') ? u.path.slice(0, u.path.lastIndexOf('/')) : null;
    await em.insert('OrgUnit', { path: u.path, level: u.level, name: u.name, parentPath: parent });
  }
  for (const u of users) {
    await em.insert('User', { id: u.id, username: u.username, displayName: u.displayName, passwordHash: hash, orgUnit: u.orgUnit, personId: null, relatives: null, disabled: false, createdAt: new Date() });
    await em.insert('RoleAssignment', { user: u.id, role: u.role, orgUnit: u.orgUnit });
  }
}
