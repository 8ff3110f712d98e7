/** Demo data: the synthetic county 华溪县, its units and one user per example role. */
export {
  ADMIN_ROLE, ADMIN_USERNAME, DEMO_COUNTY, DEMO_ORG_UNITS, DEMO_USERS, demoUsersMarkdown, MIN_ADMIN_PASSWORD_LENGTH,
  seedDemoUsers, syntheticIdNumber, VETTING_DEPARTMENTS,
} from './demoOrg.js';
export type { DemoOrgUnit, DemoUser, SeedOptions, SeedReport } from './demoOrg.js';
