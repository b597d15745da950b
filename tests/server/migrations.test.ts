import { afterEach, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../server/migrate';
import { pgliteDb } from '../../server/db';
import { ENGINES, freshDb, type TestDb } from './helpers';

/** An empty database: the PGlite template of the helpers is already migrated. */
async function emptyDb(engine: (typeof ENGINES)[number]): Promise<TestDb> {
  if (engine === 'postgresql') return freshDb(engine);
  const db = await pgliteDb();
  return { db, drop: () => db.close(), reopen: () => Promise.reject(new Error('one handle')) };
}

describe.each(ENGINES)('migrations on %s', (engine) => {
  let t: TestDb | undefined;
  afterEach(async () => {
    await t?.drop();
    t = undefined;
  });

  it('apply in order on an empty database, record each, and apply nothing the second time', async () => {
    t = await emptyDb(engine);
    const files = readMigrations();
    expect(files[0]?.name).toBe('0001_init.sql');
    expect(await migrate(t.db)).toEqual(files.map((f) => f.name));
    const rows = await t.db.query<{ version: number; name: string }>(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.name)).toEqual(files.map((f) => f.name));
    expect(await migrate(t.db)).toEqual([]);
    const tables = await t.db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(tables.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'changes',
        'login_failures',
        'records',
        'schema_migrations',
        'sessions',
        'users',
      ]),
    );
  });

  it('a migration that fails leaves no trace and is tried again at the next start', async () => {
    t = await emptyDb(engine);
    const good = readMigrations();
    const broken = [
      ...good,
      { version: good.length + 1, name: '9999_broken.sql', sql: 'CREATE TABLE half (a int); SELECT nope;' },
    ];
    await expect(migrate(t.db, broken)).rejects.toThrow();
    const rows = await t.db.query('SELECT version FROM schema_migrations');
    expect(rows).toHaveLength(good.length);
    const half = await t.db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half'");
    expect(half).toHaveLength(0);
  });

  if (engine === 'postgresql') {
    it('two instances starting at once on one database apply each file once', async () => {
      t = await emptyDb(engine);
      const other = await t.reopen();
      const [a, b] = await Promise.all([migrate(t.db), migrate(other)]);
      expect([...a, ...b].sort()).toEqual(readMigrations().map((f) => f.name));
    });
  }
});
