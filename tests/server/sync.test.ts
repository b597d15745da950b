import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deal } from '../../shared/domain/records';
import { API, type PullAnswer, type PushAnswer } from '../../shared/sync/protocol';
import {
  ENGINES,
  addUser,
  auth,
  deal,
  login,
  pushOf,
  snapshot,
  testServer,
  type TestServer,
} from './helpers';

describe.each(ENGINES)('push and pull on %s', (engine) => {
  let s: TestServer;
  let a: string;
  let b: string;
  beforeAll(async () => {
    s = await testServer(engine);
    await addUser(s, '王局长', 'leader');
    await addUser(s, '刘副局长', 'leader');
    a = (await login(s, '王局长')).token;
    b = (await login(s, '刘副局长')).token;
  });
  afterAll(() => s.close());

  const push = (token: string, body: object) =>
    s.app.inject({ method: 'POST', url: API.push, headers: auth(token), payload: body });
  const pull = async (token: string, since = 0, limit?: number) => {
    const r = await s.app.inject({
      method: 'GET',
      url: `${API.pull}?since=${since}${limit ? `&limit=${limit}` : ''}`,
      headers: auth(token),
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<PullAnswer>();
  };

  it('a push retried with the same change ids applies once', async () => {
    const body = pushOf({ record: deal('retry-1') }, { record: deal('retry-2', { name: '鞋材产业园二期' }) });
    const first = await push(a, body);
    expect(first.statusCode).toBe(200);
    const once = await snapshot(s.db);
    const again = await push(a, body);
    expect(again.statusCode).toBe(200);
    expect(again.json<PushAnswer>().results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(await snapshot(s.db)).toBe(once);
    const rows = await s.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM changes WHERE record_id LIKE 'retry-%'",
    );
    expect(rows[0]?.n).toBe(2);
  });

  it('two changes of one record in one push are applied in order, the later one kept', async () => {
    const first = deal('twice', { notes: '第一次', updatedAt: '2026-10-15T03:00:00.000Z' });
    const second = deal('twice', { notes: '第二次', updatedAt: '2026-10-15T04:00:00.000Z' });
    const r = await push(a, pushOf({ record: first }, { record: second }));
    expect(r.statusCode, r.body).toBe(200);
    const rows = await s.db.query<{ data: { notes: string } }>("SELECT data FROM records WHERE id = 'twice'");
    expect(rows.map((x) => x.data.notes)).toEqual(['第二次']);
  });

  it('a record with quotes, backslashes and characters beyond the BMP comes back from push and pull as sent', async () => {
    const start = (await pull(a)).checkpoint;
    const sent = deal('text-1', {
      name: '「鞋材」产业园 "二期"',
      notes: '引号"与反斜杠\\、字面的 \\u0000 与 \\ud800、𠮷野家 📈',
    });
    const r = await push(a, pushOf({ record: sent }));
    expect(r.statusCode, r.body).toBe(200);
    const [result] = r.json<PushAnswer>().results;
    expect(result).toMatchObject({ status: 'applied', id: 'text-1', kind: 'deal' });
    expect(result!.record).toEqual(sent);
    const pulled = (await pull(b, start)).records.find((x) => x.record.id === 'text-1');
    expect(pulled?.record).toEqual(sent);
    expect(pulled?.seq).toBe(result!.seq);
    // An older version is not taken: the answer carries the server's version, not the one sent.
    const older = { ...sent, notes: '旧的', updatedAt: '2026-10-14T02:00:00.000Z' };
    const kept = (await push(b, pushOf({ record: older, baseSeq: result!.seq }))).json<PushAnswer>()
      .results[0]!;
    expect(kept.status).toBe('kept-server');
    expect(kept.record).toEqual(sent);
  });

  it('a change whose record is not an object with an id is refused in Chinese before the gate', async () => {
    for (const record of ['鞋材产业园', [deal('arr')], { name: '无编号' }, null]) {
      const r = await push(a, { changes: [{ changeId: 'change-0001', kind: 'deal', baseSeq: 0, record }] });
      expect(r.statusCode).toBe(400);
      expect(r.json().error).toBe('请求内容不正确（changes.0.record：应为带编号的记录）');
    }
  });

  it('a push refused by the gate leaves the database unchanged, naming the bad field in Chinese', async () => {
    const before = await snapshot(s.db);
    const bad: Deal[] = [
      { ...deal('gate-1'), name: '' },
      { ...deal('gate-2'), agreedInvestment: -5 },
      { ...deal('gate-3'), stage: 'flying' as Deal['stage'] },
      { ...deal('gate-4'), signedDate: '2026-02-30' },
      { ...deal('gate-5'), contactIds: 'not-a-list' as unknown as string[] },
      { ...deal('gate-6'), notes: '含有\u0000空字符' },
    ];
    for (const record of bad) {
      const r = await push(a, pushOf({ record: deal('gate-ok') }, { record }));
      expect(r.statusCode, record.id).toBe(400);
      expect(r.json().error).toMatch(/请求内容不正确（changes\.1\.record/);
    }
    expect((await push(a, pushOf({ record: { ...deal('gate-7'), name: '' } }))).json().error).toContain(
      '项目名称不能为空',
    );
    expect(await snapshot(s.db)).toBe(before);
  });

  it('pull returns everything since the checkpoint in server order, page by page, tombstones included', async () => {
    const start = (await pull(a)).checkpoint;
    // Client clocks say these were made in the reverse order; the server's sequence decides.
    await push(a, pushOf({ record: deal('order-1', { updatedAt: '2026-12-01T00:00:00.000Z' }) }));
    await push(b, pushOf({ record: deal('order-2', { updatedAt: '2026-01-01T00:00:00.000Z' }) }));
    const tomb = deal('order-1', {
      updatedAt: '2026-12-02T00:00:00.000Z',
      deletedAt: '2026-12-02T00:00:00.000Z',
    });
    const seq1 = (await pull(a, start)).records.find((r) => r.record.id === 'order-1')!.seq;
    await push(a, pushOf({ record: tomb, baseSeq: seq1 }));
    const page1 = await pull(b, start, 1);
    expect(page1.more).toBe(true);
    const page2 = await pull(b, page1.checkpoint, 1);
    expect([...page1.records, ...page2.records].map((r) => r.record.id)).toEqual(['order-2', 'order-1']);
    expect(page2.records[0]!.record.deletedAt).toBe('2026-12-02T00:00:00.000Z');
    expect(page2.more).toBe(false);
    expect((await pull(b, page2.checkpoint)).records).toEqual([]);
  });

  it('a change made on both sides since the base version keeps the newer one and lists the conflict', async () => {
    await push(a, pushOf({ record: deal('both') }));
    const base = (await pull(a)).records.find((r) => r.record.id === 'both')!.seq;
    const mine = deal('both', {
      notes: 'A 的修改',
      updatedAt: '2026-10-16T08:00:00.000Z',
      updatedBy: '王局长',
    });
    const theirs = deal('both', {
      notes: 'B 的修改',
      updatedAt: '2026-10-16T09:00:00.000Z',
      updatedBy: '刘副局长',
    });
    const rb = (await push(b, pushOf({ record: theirs, baseSeq: base }))).json<PushAnswer>().results[0]!;
    expect(rb.status).toBe('applied');
    expect(rb.conflict).toBeUndefined();
    const ra = (await push(a, pushOf({ record: mine, baseSeq: base }))).json<PushAnswer>().results[0]!;
    expect(ra.status).toBe('kept-server');
    expect(ra.record).toMatchObject({ notes: 'B 的修改' });
    expect(ra.conflict).toMatchObject({
      kind: 'deal',
      id: 'both',
      winner: 'server',
      local: { notes: 'A 的修改' },
      server: { notes: 'B 的修改' },
    });
    // Not both changed: an edit on the current version is taken as it stands.
    const next = deal('both', { notes: 'A 看过后再改', updatedAt: '2026-10-16T10:00:00.000Z' });
    const rn = (await push(a, pushOf({ record: next, baseSeq: ra.seq }))).json<PushAnswer>().results[0]!;
    expect(rn).toMatchObject({ status: 'applied' });
    expect(rn.conflict).toBeUndefined();
  });

  it('every accepted change lands in the change log with user, time and cause', async () => {
    s.clock.now = new Date('2026-10-20T03:04:05.000Z');
    const body = pushOf({ record: deal('logged') });
    body.changes[0]!.cause = 'import';
    await push(a, body);
    const rows = await s.db.query<{ name: string; at: Date; cause: string; status: string }>(
      "SELECT u.name, c.at, c.cause, c.status FROM changes c JOIN users u ON u.id = c.user_id WHERE c.record_id = 'logged'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: '王局长', cause: 'import', status: 'applied' });
    expect(new Date(rows[0]!.at).toISOString()).toBe('2026-10-20T03:04:05.000Z');
  });
});
