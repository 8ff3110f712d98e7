import { isOrgUnitPath, levelOf } from '@civicflow/engine';
import { ADMIN_ROLE, PII_ROLE } from '../auth/roles.js';
import { LockWaitTimeoutException, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/core';
import { OrgUnitEntity, RoleAssignmentEntity, UserEntity } from '../entities/index.js';
import { hashPassword } from '../auth/passwords.js';

/**
 * The demo county 华溪县 and one demo user for every role of the five example processes
 * (village election with candidate vetting, dispute mediation, emergency mobilisation, the grid
 * event loop with 三单制 service orders, community affairs access).
 * Everything here is SYNTHETIC: names are made up, ID numbers are built with a valid
 * GB 11643 check character in area 110101 and belong to nobody.
 *
 * Paths: a 街道 (street) is a `town:` segment and a 社区 (community) a `community:` segment
 * below it; county departments are `county:huaxi/dept:<code>` (the units the vetting process
 * sends its 联审 tasks to).
 */
export interface DemoOrgUnit { path: string; name: string }

export const DEMO_COUNTY = 'county:huaxi';
const TOWN = `${DEMO_COUNTY}/town:qingshi`;
const STREET = `${DEMO_COUNTY}/town:dongshan`;
const QINGSHICUN = `${TOWN}/village:qingshicun`;
const SHANGBA = `${TOWN}/village:shangba`;
const XIAHE = `${TOWN}/village:xiahe`;
const DONGYUAN = `${STREET}/community:dongyuan`;
/** 青石村第二网格: the grid of the grid event loop's tour (D), its grid worker, head, resident and Party member. */
const QINGSHI_GRID2 = `${QINGSHICUN}/grid:02`;
/** 江城市, the city above the county: its organisation department and civil affairs bureau review plaques (E, PLAQUE_REVIEW). */
const CITY = 'city:jiangcheng';

/** The 15 departments of the candidate vetting (联审), as in examples/village-election/process.json `vet_roster`. */
export const VETTING_DEPARTMENTS: readonly { code: string; name: string; reviewer: string }[] = [
  { code: 'zuzhibu', name: '县委组织部', reviewer: '曹文涛' },
  { code: 'jiwei', name: '县纪委监委', reviewer: '彭丽' },
  { code: 'zhengfawei', name: '县委政法委', reviewer: '潘永刚' },
  { code: 'gongan', name: '县公安局', reviewer: '袁建华' },
  { code: 'fayuan', name: '县人民法院', reviewer: '蔡雪梅' },
  { code: 'jianchayuan', name: '县人民检察院', reviewer: '董立' },
  { code: 'minzheng', name: '县民政局', reviewer: '程芳' },
  { code: 'sifa', name: '县司法局', reviewer: '邓海涛' },
  { code: 'xinfang', name: '县信访局', reviewer: '石红' },
  { code: 'weijian', name: '县卫健委', reviewer: '龚晓东' },
  { code: 'shichang', name: '县市场监管局', reviewer: '廖敏' },
  { code: 'nongye', name: '县农业农村局', reviewer: '范志强' },
  { code: 'ziran', name: '县自然资源局', reviewer: '汪洋' },
  { code: 'tongzhan', name: '县委统战部（民宗局）', reviewer: '田桂芝' },
  { code: 'xuanchuan', name: '县委宣传部', reviewer: '任晓峰' },
];

/** The demo org tree, parents before children. */
export const DEMO_ORG_UNITS: readonly DemoOrgUnit[] = [
  { path: DEMO_COUNTY, name: '华溪县' },
  { path: TOWN, name: '青石镇' },
  { path: STREET, name: '东山街道' },
  { path: QINGSHICUN, name: '青石村' },
  { path: SHANGBA, name: '上坝村' },
  { path: XIAHE, name: '下河村' },
  { path: DONGYUAN, name: '东苑社区' },
  { path: `${QINGSHICUN}/grid:01`, name: '青石村第一网格' },
  { path: `${XIAHE}/grid:01`, name: '下河村第一网格' },
  { path: `${DONGYUAN}/grid:01`, name: '东苑社区第一网格' },
  ...VETTING_DEPARTMENTS.map((d) => ({ path: `${DEMO_COUNTY}/dept:${d.code}`, name: d.name })),
  // D: a township office that handles dispatched events, and the grid of the tour.
  { path: `${TOWN}/office:chengjian`, name: '青石镇城建办' },
  { path: QINGSHI_GRID2, name: '青石村第二网格' },
  // E: the plaque review sits with the city (examples/community-affairs-access/process.json `plaqueReview`).
  { path: CITY, name: '江城市' },
  { path: `${CITY}/dept:zuzhibu`, name: '江城市委组织部' },
  { path: `${CITY}/dept:minzheng`, name: '江城市民政局' },
];

/** A SYNTHETIC resident ID number: area 110101, birth date, sequence, GB 11643 check character. */
export function syntheticIdNumber(birth: string, seq: number): string {
  const body = `110101${birth}${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

export interface DemoUser {
  username: string;
  /** Chinese display name (synthetic). */
  displayName: string;
  /** Roles held in `orgUnit` (the user's primary unit), permission roles such as PII included. */
  roles: string[];
  orgUnit: string;
  /** What the user stands for, in Chinese (for the README table). */
  post: string;
  /**
   * The person the engine's person and conflict rules compare: a SYNTHETIC ID number where the
   * example's forms hold ID numbers (A, B), a person id (`p-…`) where they hold person ids only
   * (D: "the person named in the form is the one submitting it").
   */
  personId?: string;
  relatives?: string[];
}

/** The administrator's username; its password comes from CIVICFLOW_ADMIN_PASSWORD. */
export const ADMIN_USERNAME = 'admin';
export { ADMIN_ROLE, PII_ROLE };

/*
 * PII (personal numbers unmasked, every such response audited) goes to the roles whose work is
 * identifying people, per the domain docs: the village mediators, who register and accept the
 * parties (B, V_MED "register and accept"; the chair is a mediator too); the villagers'
 * election committee, which registers voters and checks the voter list (A, VEC, form A-F3); and
 * the county vetting departments, which check candidates' identities against their records
 * (A, VET_DEPT "see only the identity fields"). Supervisors (the town centre, the county),
 * residents, voters and the emergency roles see masked numbers. In E the village or residents'
 * committee checks the identity of a resident who asks for a certificate (E-F6 `applicant`, with
 * the ID number); the grid loop's forms (D) hold person ids, never ID numbers, so none of its
 * roles needs PII.
 */

/** One demo user per role of the example processes (and a few more to show scoping). */
export const DEMO_USERS: readonly DemoUser[] = [
  // county 华溪县
  { username: 'c_center', displayName: '周立新', roles: ['C_CENTER'], orgUnit: DEMO_COUNTY, post: '县社会治理中心（矛调中心）' },
  { username: 'court', displayName: '陈静', roles: ['COURT'], orgUnit: DEMO_COUNTY, post: '县人民法院 / 人民法庭' },
  { username: 'justice', displayName: '吴晓燕', roles: ['JUSTICE_BUREAU'], orgUnit: DEMO_COUNTY, post: '县司法局' },
  { username: 'county_org', displayName: '郑国强', roles: ['COUNTY_ORG'], orgUnit: DEMO_COUNTY, post: '县委组织部（联审小组牵头）' },
  { username: 'county_civil', displayName: '冯秀兰', roles: ['COUNTY_CIVIL'], orgUnit: DEMO_COUNTY, post: '县民政局' },
  { username: 'county_issuer', displayName: '何志远', roles: ['COUNTY_ISSUER'], orgUnit: DEMO_COUNTY, post: '县级预警发布机关' },
  ...VETTING_DEPARTMENTS.map((d): DemoUser => ({ username: `vet_${d.code}`, displayName: d.reviewer, roles: ['VET_DEPT', PII_ROLE], orgUnit: `${DEMO_COUNTY}/dept:${d.code}`, post: `${d.name}联审人员` })),
  // town 青石镇
  { username: 't_center', displayName: '李明华', roles: ['T_CENTER'], orgUnit: TOWN, post: '青石镇综治中心 / 调委会', personId: syntheticIdNumber('19780312', 11) },
  { username: 'police', displayName: '赵刚', roles: ['POLICE'], orgUnit: TOWN, post: '青石派出所' },
  { username: 'twp_lead', displayName: '孙建军', roles: ['TWP_LEAD'], orgUnit: TOWN, post: '青石镇换届领导小组', personId: syntheticIdNumber('19700805', 13) },
  { username: 'twp_gov', displayName: '钱文斌', roles: ['TWP_GOV'], orgUnit: TOWN, post: '青石镇人民政府' },
  { username: 'twp_cmd', displayName: '马卫东', roles: ['TWP_CMD'], orgUnit: TOWN, post: '青石镇应急指挥部指挥长' },
  { username: 'twp_duty', displayName: '胡小平', roles: ['TWP_DUTY'], orgUnit: TOWN, post: '青石镇值班室' },
  { username: 'twp_emo', displayName: '林海', roles: ['TWP_EMO'], orgUnit: TOWN, post: '青石镇应急办' },
  // Township IT staff (乡镇信息员): composes and publishes procedures in the studio and watches them run in the town.
  { username: 't_it', displayName: '沈晓峰', roles: [ADMIN_ROLE], orgUnit: TOWN, post: '青石镇信息员（流程设计与监控）' },
  { username: 'store_keeper', displayName: '高建平', roles: ['STORE_KEEPER'], orgUnit: TOWN, post: '青石镇物资保管员' },
  { username: 'medic', displayName: '罗春梅', roles: ['MEDIC'], orgUnit: TOWN, post: '青石镇卫生院' },
  { username: 'cadre_down', displayName: '梁志刚', roles: ['CADRE_DOWN'], orgUnit: TOWN, post: '下沉干部' },
  // village 青石村
  { username: 'v_med', displayName: '王建国', roles: ['V_MED', PII_ROLE], orgUnit: QINGSHICUN, post: '青石村调委会调解员', personId: syntheticIdNumber('19720415', 15), relatives: [syntheticIdNumber('19740920', 22)] },
  { username: 'v_med_chair', displayName: '刘桂英', roles: ['V_MED', 'V_MED_CHAIR', PII_ROLE], orgUnit: QINGSHICUN, post: '青石村调委会主任', personId: syntheticIdNumber('19680203', 24) },
  { username: 'vec', displayName: '卫国平', roles: ['VEC', PII_ROLE], orgUnit: QINGSHICUN, post: '青石村村民选举委员会', personId: syntheticIdNumber('19600101', 61) },
  { username: 'v_party', displayName: '蒋红梅', roles: ['V_PARTY'], orgUnit: QINGSHICUN, post: '青石村党组织' },
  { username: 'teller', displayName: '韩磊', roles: ['TELLER'], orgUnit: QINGSHICUN, post: '唱票、计票、监票人', personId: syntheticIdNumber('19900101', 71) },
  { username: 'twp_guide', displayName: '谢文', roles: ['TWP_GUIDE'], orgUnit: QINGSHICUN, post: '青石镇驻青石村指导组（包村干部）' },
  { username: 'voter', displayName: '秦淑芬', roles: ['VOTER'], orgUnit: QINGSHICUN, post: '青石村选民', personId: syntheticIdNumber('19930404', 82) },
  { username: 'candidate', displayName: '唐志明', roles: ['CANDIDATE'], orgUnit: QINGSHICUN, post: '青石村委会候选人', personId: syntheticIdNumber('19810202', 13) },
  { username: 'party', displayName: '张大山', roles: ['PARTY'], orgUnit: QINGSHICUN, post: '纠纷当事人', personId: syntheticIdNumber('19800101', 31) },
  { username: 'grid', displayName: '黄丽', roles: ['GRID'], orgUnit: `${QINGSHICUN}/grid:01`, post: '青石村第一网格网格员' },
  // village 下河村 and 上坝村 (the emergency example's two villages)
  { username: 'v2w_xiahe', displayName: '许振华', roles: ['V_2W'], orgUnit: XIAHE, post: '下河村"两委"/应急工作组' },
  { username: 'v2w_shangba', displayName: '邱永福', roles: ['V_2W'], orgUnit: SHANGBA, post: '上坝村"两委"/应急工作组' },
  { username: 'liaison', displayName: '杜建新', roles: ['LIAISON'], orgUnit: XIAHE, post: '包村领导（下河村）' },
  { username: 'shelter_mgr', displayName: '夏国良', roles: ['SHELTER_MGR'], orgUnit: XIAHE, post: '下河村安置点负责人' },
  { username: 'baobao', displayName: '党春燕', roles: ['BAOBAO'], orgUnit: XIAHE, post: '包保责任人（党员）', personId: syntheticIdNumber('19850707', 42) },
  { username: 'resident', displayName: '苏秀珍', roles: ['RESIDENT'], orgUnit: XIAHE, post: '下河村居民', personId: syntheticIdNumber('19520708', 44) },
  { username: 'grid_xiahe', displayName: '郭强', roles: ['GRID'], orgUnit: `${XIAHE}/grid:01`, post: '下河村第一网格网格员' },
  // street 东山街道 (a second subtree: its users see nothing of 青石镇)
  { username: 't_center_dongshan', displayName: '叶建平', roles: ['T_CENTER'], orgUnit: STREET, post: '东山街道综治中心' },
  { username: 'v_med_dongyuan', displayName: '方慧', roles: ['V_MED', PII_ROLE], orgUnit: DONGYUAN, post: '东苑社区调委会调解员' },
  // D 网格化事件处置 + 三单制, in 青石镇 / 青石村第二网格 (person ids: the forms name people by id, and check it is the submitter)
  { username: 'brain', displayName: '邹志华', roles: ['BRAIN'], orgUnit: TOWN, post: '青石镇综合信息指挥中心（"小脑"）', personId: 'p-brain-zou' },
  { username: 'supervisor_town', displayName: '严立群', roles: ['SUPERVISOR'], orgUnit: TOWN, post: '青石镇效能办（督办）', personId: 'p-supervisor-yan' },
  { username: 'handler_chengjian', displayName: '贺永明', roles: ['HANDLER'], orgUnit: `${TOWN}/office:chengjian`, post: '青石镇城建办承办人员', personId: 'p-handler-he' },
  { username: 'v_station', displayName: '陆小燕', roles: ['V_STATION', 'HANDLER'], orgUnit: QINGSHICUN, post: '青石村"两委"便民服务站', personId: 'p-station-lu' },
  { username: 'county_ziran', displayName: '宋建设', roles: ['COUNTY_DEPT'], orgUnit: `${DEMO_COUNTY}/dept:ziran`, post: '县自然资源局（乡呼县应）', personId: 'p-ziran-song' },
  { username: 'grid2', displayName: '李志远', roles: ['GRID'], orgUnit: QINGSHI_GRID2, post: '青石村第二网格网格员', personId: 'p-grid-li' },
  { username: 'grid_head', displayName: '薛红军', roles: ['GRID_HEAD'], orgUnit: QINGSHI_GRID2, post: '青石村第二网格网格长（网格党支部书记）', personId: 'p-gridhead-xue' },
  { username: 'resident2', displayName: '陈秀兰', roles: ['RESIDENT'], orgUnit: QINGSHI_GRID2, post: '青石村第二网格居民（楼栋代表）', personId: 'p-resident-chen' },
  { username: 'pm', displayName: '王海军', roles: ['PM'], orgUnit: QINGSHI_GRID2, post: '在职党员（报到青石村第二网格）', personId: 'p-pm-wang' },
  { username: 'home_unit', displayName: '温丽娟', roles: ['HOME_UNIT'], orgUnit: `${DEMO_COUNTY}/dept:minzheng`, post: '县民政局机关党支部（党员报到单位）' },
  // E 社区事务准入: a county department asks, 东山街道 pre-checks, the county decides, 东苑社区 may refuse
  { username: 'req_weijian', displayName: '钟晓梅', roles: ['REQ_DEPT'], orgUnit: `${DEMO_COUNTY}/dept:weijian`, post: '县卫健委（准入申请部门）' },
  { username: 'twp_review', displayName: '白建英', roles: ['TWP_REVIEW'], orgUnit: STREET, post: '东山街道社区治理办公室（初审）' },
  { username: 'civil_sec', displayName: '江海燕', roles: ['CIVIL_SEC'], orgUnit: DEMO_COUNTY, post: '县民政局（社区减负工作组办公室）' },
  { username: 'joint_body', displayName: '熊德明', roles: ['JOINT_BODY'], orgUnit: DEMO_COUNTY, post: '县城乡社区治理联席会议' },
  { username: 'supervisor_county', displayName: '孔令军', roles: ['SUPERVISOR'], orgUnit: DEMO_COUNTY, post: '县纪委监委作风督查室' },
  { username: 'community_dongyuan', displayName: '庞玉兰', roles: ['COMMUNITY', PII_ROLE], orgUnit: DONGYUAN, post: '东苑社区居民委员会' },
  { username: 'plaque_zuzhibu', displayName: '傅明', roles: ['PLAQUE_REVIEW'], orgUnit: `${CITY}/dept:zuzhibu`, post: '江城市委组织部（挂牌备案审核）' },
  { username: 'plaque_minzheng', displayName: '金晓红', roles: ['PLAQUE_REVIEW'], orgUnit: `${CITY}/dept:minzheng`, post: '江城市民政局（挂牌备案审核）' },
];

/** The demo users as a Markdown table (username, name, process roles, PII permission, post, unit), for the README. */
export function demoUsersMarkdown(): string {
  const names = new Map(DEMO_ORG_UNITS.map((u) => [u.path, u.name]));
  const rows = DEMO_USERS.map((u) => {
    const processRoles = u.roles.filter((r) => r !== PII_ROLE).join(', ');
    const pii = u.roles.includes(PII_ROLE) ? '✓' : '';
    return `| \`${u.username}\` | ${u.displayName} | ${processRoles} | ${pii} | ${u.post} | ${names.get(u.orgUnit) ?? u.orgUnit} (\`${u.orgUnit}\`) |`;
  });
  return ['| 用户名 username | 姓名 | 角色 roles | 个人号码 PII | 岗位 | 单位 org unit |', '|---|---|---|:-:|---|---|', ...rows].join('\n');
}

export interface SeedOptions {
  /** The password of every demo user (they share one hash). Required when demo users are seeded. */
  password?: string | undefined;
  /** Production: demo org and demo users are not created (unless `force`). */
  production: boolean;
  /** Seed the demo org and users even in production. */
  force?: boolean | undefined;
  /** The admin's password (the caller passes CIVICFLOW_ADMIN_PASSWORD); no admin is created without it. */
  adminPassword?: string | undefined;
  /** The admin's primary unit; created if missing. Default 华溪县 `county:huaxi`. Production deployments pass their own root unit. */
  adminOrgUnit?: DemoOrgUnit | undefined;
}

export interface SeedReport {
  /** Whether the demo org and users were considered (false in production without `force`). */
  demo: boolean;
  orgUnitsCreated: number;
  usersCreated: string[];
  /** Usernames that existed already and were left untouched (passwords are never reset). */
  usersExisting: string[];
}

/** Minimum length of the admin password in production. */
export const MIN_ADMIN_PASSWORD_LENGTH = 12;

/**
 * Creates the demo org tree, the demo users and the admin. Idempotent: units and users that
 * exist are left as they are (a second run changes nothing, and never resets a password).
 * In production the demo data is skipped unless `force`; the admin is created whenever an
 * admin password is given (at least 12 characters in production).
 */
export async function seedDemoUsers(orm: Pick<MikroORM, 'em'>, options: SeedOptions): Promise<SeedReport> {
  const demo = !options.production || options.force === true;
  if (demo && !options.password) throw new Error('seedDemoUsers: a password for the demo users is required');
  if (options.adminPassword !== undefined && options.production && options.adminPassword.length < MIN_ADMIN_PASSWORD_LENGTH) {
    throw new Error(`CIVICFLOW_ADMIN_PASSWORD must have at least ${MIN_ADMIN_PASSWORD_LENGTH} characters in production`);
  }
  const adminUnit = options.adminOrgUnit ?? DEMO_ORG_UNITS[0]!;
  const units = [...(demo ? DEMO_ORG_UNITS : []), ...(options.adminPassword !== undefined ? [adminUnit] : [])];
  for (const u of units) if (!isOrgUnitPath(u.path)) throw new Error(`seedDemoUsers: invalid org unit path ${u.path}`);
  // One hash for all demo users (they share the password anyway): seeding stays fast.
  const demoHash = demo ? await hashPassword(options.password!) : '';
  const adminHash = options.adminPassword !== undefined ? await hashPassword(options.adminPassword) : '';

  // Server nodes booting at once on one database seed at once: the seed that loses the race (a
  // unit or user the other committed meanwhile; SQLite: the other held the write lock) runs again
  // and then finds what the other created. Before this, the losing node failed to start.
  for (let attempt = 1; ; attempt++) {
    try {
      return await seedOnce(orm, { demo, units, adminUnit, demoHash, adminHash, adminPassword: options.adminPassword });
    } catch (error) {
      const lostRace = error instanceof UniqueConstraintViolationException || error instanceof LockWaitTimeoutException;
      if (!lostRace || attempt >= MAX_SEED_ATTEMPTS) throw error;
    }
  }
}

/** How often a seed that lost a race with another node's seed runs again. */
const MAX_SEED_ATTEMPTS = 5;

/** One seeding transaction: creates the units and users that do not exist yet. */
async function seedOnce(orm: Pick<MikroORM, 'em'>, seed: { demo: boolean; units: DemoOrgUnit[]; adminUnit: DemoOrgUnit; demoHash: string; adminHash: string; adminPassword: string | undefined }): Promise<SeedReport> {
  const { demo, units, adminUnit, demoHash, adminHash } = seed;
  const options = { adminPassword: seed.adminPassword };
  const report: SeedReport = { demo, orgUnitsCreated: 0, usersCreated: [], usersExisting: [] };
  await orm.em.fork().transactional(async (em) => {
    // A write first (it changes nothing): SQLite then takes its write lock at once, waiting out
    // another node's seed (busy_timeout), instead of failing SQLITE_BUSY when a transaction that
    // has read tries to write (as the store's commits do).
    await em.nativeUpdate(OrgUnitEntity, { path: '' }, { name: '' });
    const now = new Date();
    for (const u of units) {
      if (await em.findOne(OrgUnitEntity, { path: u.path })) continue;
      const cut = u.path.lastIndexOf('/');
      await em.insert(OrgUnitEntity, { path: u.path, level: levelOf(u.path), name: u.name, parentPath: cut < 0 ? null : u.path.slice(0, cut) });
      report.orgUnitsCreated++;
    }
    const wanted: (DemoUser & { hash: string })[] = [
      ...(demo ? DEMO_USERS.map((u) => ({ ...u, hash: demoHash })) : []),
      ...(options.adminPassword !== undefined ? [{ username: ADMIN_USERNAME, displayName: '系统管理员', roles: [ADMIN_ROLE], orgUnit: adminUnit.path, post: '系统管理员', hash: adminHash }] : []),
    ];
    for (const u of wanted) {
      if (await em.findOne(UserEntity, { username: u.username })) {
        report.usersExisting.push(u.username);
        continue;
      }
      const id = `u-${u.username}`;
      await em.insert(UserEntity, {
        id, username: u.username, displayName: u.displayName, passwordHash: u.hash, orgUnit: u.orgUnit,
        personId: u.personId ?? null, relatives: u.relatives ?? null, disabled: false, createdAt: now,
      });
      for (const role of u.roles) await em.insert(RoleAssignmentEntity, { user: id, role, orgUnit: u.orgUnit });
      report.usersCreated.push(u.username);
    }
  });
  return report;
}
