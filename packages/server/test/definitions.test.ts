import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { ProcessDefinition } from '@civicflow/engine';
import { buildApp, closeOrm, createDefinitionRepository, seedDemoUsers, seedExamples } from '../src/index.js';
import type { Orm } from '../src/index.js';
import { DATABASE_TEST_TIMEOUT_MS, TEST_DATABASES } from './support/testDatabases.js';
import type { OpenTestDatabase, TestDatabase } from './support/testDatabases.js';

const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/', import.meta.url));
const readExample = (path: string): ProcessDefinition => JSON.parse(readFileSync(join(EXAMPLES_DIR, path), 'utf8')) as ProcessDefinition;
const EXAMPLE_IDS = [
  'candidate-vetting', 'community-affairs-access', 'community-certificate-check', 'community-emergency-exemption', 'community-task-refusal',
  'community-task-type-gate', 'dispute-mediation', 'emergency-evacuee', 'emergency-mobilisation', 'grid-event', 'service-order', 'village-election',
];

// Every describe block runs on each test database; each openDatabase() is a fresh, migrated one.
const dirs: string[] = [];
const opened: OpenTestDatabase[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'civicflow-defs-'));
  dirs.push(dir);
  return dir;
}
async function openDatabase(db: TestDatabase): Promise<OpenTestDatabase> {
  const o = await db.open();
  opened.push(o);
  return o;
}
const openOrm = async (db: TestDatabase): Promise<Orm> => (await openDatabase(db)).orm;
afterAll(async () => {
  for (const o of opened) await o.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface ErrorJson { code: string; message: { 'zh-CN': string; en: string }; hint?: { 'zh-CN': string; en: string }; details?: unknown }

describe.each(TEST_DATABASES)('definition catalogue over HTTP on $name', (db) => {
  let orm: Orm;
  let app: FastifyInstance;
  const lines: string[] = [];
  const example = readExample('dispute-mediation/process.json');

  let cookie = '';

  beforeAll(async () => {
    orm = await openOrm(db);
    app = await buildApp({ orm, logger: { level: 'info', stream: { write: (l: string) => { lines.push(l); } } } });
    await seedDemoUsers(orm, { production: true, adminPassword: 'admin-password-for-tests' });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'admin-password-for-tests' } });
    cookie = String(login.headers['set-cookie']).split(';')[0]!;
  });
  afterAll(async () => { await app.close(); });

  it('publishing requires a signed-in administrator', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/definitions', payload: example })).statusCode).toBe(401);
    await seedDemoUsers(orm, { production: false, password: 'demo-password' });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'v_med', password: 'demo-password' } });
    const mediator = String(login.headers['set-cookie']).split(';')[0]!;
    const res = await app.inject({ method: 'POST', url: '/api/definitions', headers: { cookie: mediator }, payload: example });
    expect(res.statusCode).toBe(403);
    expect((res.json() as ErrorJson).code).toBe('CF_SERVER_FORBIDDEN');
  });

  it('publishes a definition (201 with Location), then the identical one again (200, nothing new)', async () => {
    const first = await app.inject({ method: 'POST', url: '/api/definitions', headers: { cookie }, payload: example });
    expect(first.statusCode).toBe(201);
    expect(first.headers['location']).toBe('/api/definitions/dispute-mediation/versions/1');
    const body = first.json() as { created: boolean; id: string; version: number; title: unknown; sha256: string; publishedAt: string; warnings: unknown[] };
    expect(body).toMatchObject({ created: true, id: 'dispute-mediation', version: 1, title: example.title, warnings: [] });
    expect(body.sha256).toMatch(/^[0-9a-f]{64}$/);

    // Same content with the keys in another order is the same definition (canonical JSON).
    const reordered = Object.fromEntries(Object.entries(example).reverse());
    const again = await app.inject({ method: 'POST', url: '/api/definitions', headers: { cookie }, payload: reordered });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...body, created: false });
  });

  it('refuses different content under a published version (409), and an older version than the latest', async () => {
    const changed = { ...structuredClone(example), title: { 'zh-CN': '矛盾纠纷调解（改）', en: 'dispute mediation (changed)' } };
    const res = await app.inject({ method: 'POST', url: '/api/definitions', headers: { cookie }, payload: changed });
    expect(res.statusCode).toBe(409);
    const err = res.json() as ErrorJson;
    expect(err.code).toBe('CF_SERVER_VERSION_EXISTS');
    expect(err.message.en).toBe('process dispute-mediation version 1 is published and cannot change; publish version 2');
    expect(err.message['zh-CN']).toContain('请发布第 2 版');

    const v2 = await app.inject({ method: 'POST', url: '/api/definitions', headers: { cookie }, payload: { ...changed, version: 2 } });
    expect(v2.statusCode).toBe(201);
    expect(v2.json()).toMatchObject({ created: true, version: 2, title: changed.title });

    // v1 is still as published, and re-publishing it stays idempotent after v2 exists.
    expect((await app.inject({ method: 'POST', url: '/api/definitions', headers: { cookie }, payload: example })).statusCode).toBe(200);

    // A version below the latest that was never published is refused: versions only go up.
    const gap = await app.inject({ method: 'POST', url: '/api/definitions', headers: { cookie }, payload: { ...changed, version: 4 } });
    expect(gap.statusCode).toBe(201);
    const older = await app.inject({ method: 'POST', url: '/api/definitions', headers: { cookie }, payload: { ...changed, version: 3 } });
    expect(older.statusCode).toBe(409);
    expect(older.json()).toMatchObject({ code: 'CF_SERVER_VERSION_NOT_NEWER', details: { id: 'dispute-mediation', version: 3, latestVersion: 4 } });
    expect((older.json() as ErrorJson).message.en).toContain('publish version 5');
    // The refused insert was rolled back.
    expect((await app.inject({ method: 'GET', url: '/api/definitions/dispute-mediation/versions/3' })).statusCode).toBe(404);
  });

  it('lists every process with its latest version and all versions', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/definitions' });
    expect(res.statusCode).toBe(200);
    const { definitions } = res.json() as { definitions: { id: string; title: { en: string }; latestVersion: number; versions: { version: number; title: { en: string }; sha256: string; publishedAt: string }[] }[] };
    expect(definitions).toHaveLength(1);
    const entry = definitions[0]!;
    expect(entry).toMatchObject({ id: 'dispute-mediation', latestVersion: 4, title: { en: 'dispute mediation (changed)' } });
    expect(entry.versions.map((v) => v.version)).toEqual([1, 2, 4]);
    expect(entry.versions[0]!.title).toEqual(example.title);
    expect(Number.isNaN(Date.parse(entry.versions[0]!.publishedAt))).toBe(false);
    expect(entry.versions[0]).not.toHaveProperty('document');
  });

  it('gets one version with its document, and answers 404 in the error shape for a missing one', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/definitions/dispute-mediation/versions/1' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { id: string; version: number; document: ProcessDefinition };
    expect(body).toMatchObject({ id: 'dispute-mediation', version: 1, title: example.title });
    expect(body.document).toEqual(example);

    const missingVersion = await app.inject({ method: 'GET', url: '/api/definitions/dispute-mediation/versions/9' });
    expect(missingVersion.statusCode).toBe(404);
    expect(missingVersion.json()).toEqual({
      code: 'CF_SERVER_NOT_FOUND',
      message: { 'zh-CN': '流程 dispute-mediation 没有第 9 版', en: 'process dispute-mediation has no version 9' },
      hint: { 'zh-CN': '最新版本为第 4 版', en: 'the latest version is 4' },
      details: { id: 'dispute-mediation', version: 9, latestVersion: 4 },
    });
    const missingProcess = await app.inject({ method: 'GET', url: '/api/definitions/no-such-process/versions/1' });
    expect(missingProcess.statusCode).toBe(404);
    expect(missingProcess.json()).toMatchObject({ code: 'CF_SERVER_NOT_FOUND', message: { en: 'there is no process no-such-process' } });
    expect((await app.inject({ method: 'GET', url: '/api/definitions/dispute-mediation/versions/abc' })).json()).toMatchObject({ code: 'CF_SERVER_BAD_REQUEST' });
  });

  it('refuses an invalid definition with 422 and every problem, engine and form safety, with pointers', async () => {
    const bad = structuredClone(example) as ProcessDefinition & Record<string, unknown>;
    bad.id = 'broken-mediation';
    bad.start = 'intak';
    const firstForm = Object.keys(bad.forms)[0]!;
    (bad.forms[firstForm]!.schema as { properties: Record<string, unknown> }).properties['evil'] = { type: 'string', pattern: '^(a+)+$' };
    const res = await app.inject({ method: 'POST', url: '/api/definitions', headers: { cookie }, payload: bad });
    expect(res.statusCode).toBe(422);
    const err = res.json() as ErrorJson & { details: { pointer: string; code: string; severity: string; message: { en: string } }[] };
    expect(err.code).toBe('CF_SERVER_DEFINITION_INVALID');
    expect(err.message.en).toMatch(/^process definition broken-mediation version 1 has \d+ error\(s\) and was not published/);
    const validated = (await app.inject({ method: 'POST', url: '/api/definitions/validate', payload: bad })).json() as { problems: unknown[] };
    // Exactly the problems validate reports: all of them, not the first.
    expect(err.details).toEqual(validated.problems);
    expect(err.details.map((p) => p.code)).toEqual(expect.arrayContaining(['CF_DEF_UNKNOWN_START', 'CF_FORMS_SCHEMA_UNSAFE_PATTERN']));
    expect(err.details.find((p) => p.code === 'CF_DEF_UNKNOWN_START')!.pointer).toBe('/start');
    expect(err.details.find((p) => p.code === 'CF_FORMS_SCHEMA_UNSAFE_PATTERN')!.pointer).toBe(`/forms/${firstForm}/schema/properties/evil/pattern`);
    expect((await app.inject({ method: 'GET', url: '/api/definitions/broken-mediation/versions/1' })).statusCode).toBe(404);

    const notAnObject = await app.inject({ method: 'POST', url: '/api/definitions', headers: { cookie }, payload: [1, 2] });
    expect(notAnObject.statusCode).toBe(400);
  });

  it('refuses a stored document edited outside civicflow (500 CF_SERVER_DEFINITION_TAMPERED), logging no document', async () => {
    const other = readExample('village-election/candidate-vetting.json');
    expect((await app.inject({ method: 'POST', url: '/api/definitions', headers: { cookie }, payload: other })).statusCode).toBe(201);
    const edited = { ...other, title: { 'zh-CN': '被篡改的标题', en: 'TAMPERED-TITLE-MARKER' } };
    await orm.em.fork().getConnection().execute('update process_definition set document = ? where id = ? and version = ?', [JSON.stringify(edited), 'candidate-vetting', 1]);
    lines.length = 0;

    const res = await app.inject({ method: 'GET', url: '/api/definitions/candidate-vetting/versions/1' });
    expect(res.statusCode).toBe(500);
    const err = res.json() as ErrorJson;
    expect(err).toMatchObject({ code: 'CF_SERVER_DEFINITION_TAMPERED', details: { id: 'candidate-vetting', version: 1 } });
    expect(res.body).not.toContain('TAMPERED-TITLE-MARKER');
    expect(res.body).not.toMatch(/[0-9a-f]{64}/);
    // The list refuses too (it reads every document), and so does the repository the timers use.
    expect((await app.inject({ method: 'GET', url: '/api/definitions' })).json()).toMatchObject({ code: 'CF_SERVER_DEFINITION_TAMPERED' });
    await expect(app.definitions!.asDefinitionSource().get('candidate-vetting', 1)).rejects.toMatchObject({ code: 'CF_SERVER_DEFINITION_TAMPERED' });
    // Re-publishing the original does not paper over the edit.
    expect((await app.inject({ method: 'POST', url: '/api/definitions', headers: { cookie }, payload: other })).json()).toMatchObject({ code: 'CF_SERVER_DEFINITION_TAMPERED' });

    const logged = lines.join('\n');
    expect(logged).toContain('CF_SERVER_DEFINITION_TAMPERED');
    expect(logged).toContain('candidate-vetting');
    expect(logged).toMatch(/"storedSha256":"[0-9a-f]{64}"/);
    for (const fragment of ['TAMPERED-TITLE-MARKER', '被篡改的标题', '"steps"', 'joint candidate vetting']) expect(logged).not.toContain(fragment);
  });

  it('serves a published definition as authored: a form\'s fields keep their order (regression: they came back sorted by name)', async () => {
    const authored = readExample('dispute-mediation/process.json');
    const res = await app.inject({ method: 'GET', url: `/api/definitions/${authored.id}/versions/${authored.version}` });
    expect(res.statusCode, res.body).toBe(200);
    const served = (res.json() as { document: ProcessDefinition }).document;
    for (const [formId, form] of Object.entries(authored.forms)) {
      expect(Object.keys(served.forms[formId]!.schema['properties'] as object), formId).toEqual(Object.keys(form.schema['properties'] as object));
    }
    expect(Object.keys(served.steps)).toEqual(Object.keys(authored.steps));
  });

  it('refuses a definition whose authored text was edited outside civicflow', async () => {
    const emergency = readExample('emergency-mobilisation/process.json');
    await app.inject({ method: 'POST', url: '/api/definitions', headers: { cookie }, payload: emergency });
    const edited = { ...emergency, title: { 'zh-CN': '被篡改的标题', en: 'TAMPERED' } };
    await orm.em.fork().getConnection().execute('update process_definition set authored_json = ? where id = ? and version = ?', [JSON.stringify(edited), emergency.id, emergency.version]);
    const res = await app.inject({ method: 'GET', url: `/api/definitions/${emergency.id}/versions/${emergency.version}` });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'CF_SERVER_DEFINITION_TAMPERED' });
  });

  it('describes the new paths in the OpenAPI document', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { tags?: string[]; responses?: Record<string, unknown> }>> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/definitions', '/api/definitions/{id}/versions/{version}', '/api/definitions/validate']));
    expect(spec.paths['/api/definitions']!['post']!.tags).toEqual(['definitions']);
    expect(Object.keys(spec.paths['/api/definitions']!['post']!.responses!)).toEqual(expect.arrayContaining(['200', '201', '409', '422']));
    expect(spec.paths['/api/definitions']!['get']!.tags).toEqual(['definitions']);
    expect(Object.keys(spec.paths['/api/definitions/{id}/versions/{version}']!['get']!.responses!)).toEqual(expect.arrayContaining(['200', '404']));
  });
});

describe.each(TEST_DATABASES)('definition repository on $name', (db) => {
  it('hands the timer scheduler the pinned version, and undefined for an unknown one', async () => {
    const repository = createDefinitionRepository(await openOrm(db));
    const example = readExample('emergency-mobilisation/evacuee.json');
    await repository.publish(example);
    const source = repository.asDefinitionSource();
    expect(await source.get('emergency-evacuee', 1)).toEqual(example);
    expect(await source.get('emergency-evacuee', 2)).toBeUndefined();
    expect((await repository.latest('emergency-evacuee'))?.version).toBe(1);
    expect(await repository.latest('nope')).toBeUndefined();
  });

  it('keeps published versions across a restart of the database', async () => {
    const database = await openDatabase(db);
    const first = await database.openAnother();
    await createDefinitionRepository(first).publish(readExample('dispute-mediation/process.json'));
    await closeOrm(first);
    const second = await database.openAnother();
    expect((await createDefinitionRepository(second).get('dispute-mediation', 1))?.document).toEqual(readExample('dispute-mediation/process.json'));
  });
});

describe.each(TEST_DATABASES)('seedExamples on $name', (db) => {
  it('publishes every example definition, skips other JSON, and is idempotent', async () => {
    const repository = createDefinitionRepository(await openOrm(db));
    const first = await seedExamples(repository, EXAMPLES_DIR);
    expect(first.published.map((p) => p.id).sort()).toEqual(EXAMPLE_IDS);
    expect(first.unchanged).toEqual([]);
    expect(first.skipped.every((f) => !f.endsWith('process.json'))).toBe(true);
    const second = await seedExamples(repository, EXAMPLES_DIR);
    expect(second.published).toEqual([]);
    expect(second.unchanged.map((p) => p.id).sort()).toEqual(EXAMPLE_IDS);
    const list = await repository.list();
    expect(list.map((d) => d.id)).toEqual(EXAMPLE_IDS);
    expect(list.every((d) => d.latestVersion === 1 && d.versions.length === 1)).toBe(true);
  }, 60_000); // publishes (validates, compiles, stores) all twelve example definitions twice

  it('skips JSON that is not a definition (package.json) and node_modules', async () => {
    const dir = freshDir();
    mkdirSync(join(dir, 'one'));
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(dir, 'one', 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0' }));
    writeFileSync(join(dir, 'one', 'process.json'), readFileSync(join(EXAMPLES_DIR, 'dispute-mediation/process.json')));
    writeFileSync(join(dir, 'node_modules', 'x.json'), readFileSync(join(EXAMPLES_DIR, 'village-election/process.json')));
    const report = await seedExamples(createDefinitionRepository(await openOrm(db)), dir);
    expect(report).toEqual({ published: [{ file: 'one/process.json', id: 'dispute-mediation', version: 1 }], unchanged: [], skipped: ['one/package.json'] });
  });
});

describe.each(TEST_DATABASES)('buildApp persistence options on $name', { timeout: DATABASE_TEST_TIMEOUT_MS }, (db) => {
  it('without a database serves validation only; with dataDir (SQLite) or databaseUrl it opens and closes its own ORM; a passed ORM stays open', async () => {
    const bare = await buildApp();
    expect(bare.orm).toBeUndefined();
    expect((await bare.inject({ method: 'GET', url: '/api/definitions' })).json()).toMatchObject({ code: 'CF_SERVER_NOT_FOUND' });
    await bare.close();

    const owning = await buildApp(db.name === 'sqlite' ? { dataDir: freshDir() } : { databaseUrl: (await openDatabase(db)).databaseUrl });
    const owned = owning.orm!;
    await seedDemoUsers(owned, { production: true, adminPassword: 'admin-password-for-tests' });
    const login = await owning.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'admin-password-for-tests' } });
    const adminCookie = String(login.headers['set-cookie']).split(';')[0]!;
    expect((await owning.inject({ method: 'POST', url: '/api/definitions', headers: { cookie: adminCookie }, payload: readExample('dispute-mediation/process.json') })).statusCode).toBe(201);
    await owning.close();
    expect(await owned.isConnected()).toBe(false);

    const orm = await openOrm(db);
    const borrowing = await buildApp({ orm });
    expect(borrowing.orm).toBe(orm);
    await borrowing.close();
    expect(await orm.isConnected()).toBe(true);
  });
});
