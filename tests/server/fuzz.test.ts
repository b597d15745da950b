/**
 * 1,000+ malformed requests per engine: broken JSON, wrong shapes, records
 * with one field made wrong, bad queries, wrong content types. Each must get
 * a 4xx with a Chinese message, none a 500, and none may change the database.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../shared/sync/protocol';
import {
  ENGINES,
  addUser,
  auth,
  changeId,
  deal,
  login,
  snapshot,
  testServer,
  type TestServer,
} from './helpers';

interface Req {
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  as: 'leader' | 'admin' | 'none';
  body?: string;
  contentType?: string;
}

const notJson = fc.string({ maxLength: 60 }).filter((t) => {
  try {
    JSON.parse(t);
    return false;
  } catch {
    return true;
  }
});

/** Values that are wrong for each key of a deal, whatever else holds. */
const BAD: Record<string, fc.Arbitrary<unknown>> = {
  id: fc.constantFrom('', 123, null, 'x'.repeat(65), {}),
  createdAt: fc.constantFrom(123, null, 'short', []),
  updatedAt: fc.constantFrom(0, null, 'short', {}),
  createdBy: fc.constantFrom(5, null, 'x'.repeat(81)),
  stage: fc.constantFrom('flying', 1, null, ''),
  stageHistory: fc.constantFrom('signed', 5, {}, [1], [null]),
  milestones: fc.constantFrom('m', 5, {}, [1], [{ name: '' }]),
  contactIds: fc.constantFrom('c', 5, {}, [1], ['']),
  name: fc.constantFrom(null, '', {}, [], '   ', 'x'.repeat(101)),
  investor: fc.constantFrom(null, '', {}, []),
  agreedInvestment: fc.constantFrom(-1, 'abc', {}, [], '一百个'),
  signedDate: fc.constantFrom('2026-13-45', 'abc', 20261015.5, {}),
  projectType: fc.constantFrom('huge', 3, {}),
  notes: fc.constantFrom('x'.repeat(2001), {}, '\u0000', '\ud800坏'),
  deletedAt: fc.constantFrom(5, 'no', {}),
};

const badRecord = fc
  .tuple(fc.constantFrom(...Object.keys(BAD)), fc.nat())
  .chain(([key]) => BAD[key]!.map((value) => ({ ...deal(`fz-${key}`), [key]: value })));

const badChange = fc.oneof(
  badRecord.map((record) => ({ changeId: changeId(), kind: 'deal', baseSeq: 0, record })),
  fc.record({
    changeId: fc.constantFrom('short', '!!!!!!!!!!', '', 5, null),
    kind: fc.constant('deal'),
    baseSeq: fc.constant(0),
    record: fc.constant(deal('fz-cid')),
  }),
  fc.record({
    changeId: fc.constant('fz-kind-0001'),
    kind: fc.constantFrom('dragon', '', 7, null),
    baseSeq: fc.constant(0),
    record: fc.constant(deal('fz-kind')),
  }),
  fc.record({
    changeId: fc.constant('fz-base-0001'),
    kind: fc.constant('deal'),
    baseSeq: fc.constantFrom(-1, 1.5, 'x', null, 2 ** 60),
    record: fc.constant(deal('fz-base')),
  }),
);

const pushReq: fc.Arbitrary<Req> = fc.oneof(
  notJson.map((body) => ({ method: 'POST' as const, url: API.push, as: 'leader' as const, body })),
  fc
    .jsonValue()
    .filter((v) => !(v && typeof v === 'object' && 'changes' in v))
    .map((v) => ({ method: 'POST' as const, url: API.push, as: 'leader' as const, body: JSON.stringify(v) })),
  fc.tuple(fc.array(fc.constant(null), { maxLength: 3 }), badChange, fc.nat(3)).map(([_pad, bad, at]) => {
    const good = [{ changeId: changeId(), kind: 'deal', baseSeq: 0, record: deal(`fz-good-${at}`) }];
    const changes = [...good.slice(0, at % 2), bad, ...good.slice(at % 2)];
    return {
      method: 'POST' as const,
      url: API.push,
      as: 'leader' as const,
      body: JSON.stringify({ changes }),
    };
  }),
  fc.constant({
    method: 'POST' as const,
    url: API.push,
    as: 'leader' as const,
    body: JSON.stringify({ changes: [] }),
  }),
  fc.constant({
    method: 'POST' as const,
    url: API.push,
    as: 'leader' as const,
    body: JSON.stringify({
      changes: [{ changeId: changeId(), kind: 'deal', baseSeq: 0, record: deal('fz-ct') }],
    }),
    contentType: 'text/plain',
  }),
);

const otherReq: fc.Arbitrary<Req> = fc.oneof(
  fc
    .oneof(
      notJson,
      fc
        .jsonValue()
        .map((v) => JSON.stringify(v))
        .filter((t) => !/"password"/.test(t)),
      fc
        .record({ name: fc.constantFrom('', 5, null, 'x'.repeat(41)), password: fc.constant('x') })
        .map((v) => JSON.stringify(v)),
    )
    .map((body) => ({ method: 'POST' as const, url: API.login, as: 'none' as const, body })),
  fc
    .record({
      name: fc.constantFrom('有 空格', '', 'x'.repeat(41), 5),
      displayName: fc.constantFrom('同事', ''),
      role: fc.constantFrom('member', 'god', 5),
      password: fc.constantFrom('short', 123),
    })
    .map((v) => ({ method: 'POST' as const, url: API.users, as: 'admin' as const, body: JSON.stringify(v) })),
  fc
    .record({
      since: fc.constantFrom('-1', 'abc', '1.5', '1e400'),
      limit: fc.constantFrom('0', '99999', 'x', '-3'),
    })
    .map(({ since, limit }) => ({
      method: 'GET' as const,
      url: `${API.pull}?since=${since}&limit=${limit}`,
      as: 'leader' as const,
    })),
  fc.constantFrom('not-a-uuid', '00000000-0000-4000-8000-000000000000', '..%2F..%2Fetc').map((id) => ({
    method: 'PATCH' as const,
    url: `/api/users/${id}`,
    as: 'admin' as const,
    body: JSON.stringify({ team: '一组' }),
  })),
  fc
    .constantFrom('/api/nothing', '/api/sync/push/extra', '/api/users/x/y')
    .map((url) => ({ method: 'GET' as const, url, as: 'leader' as const })),
);

describe.each(ENGINES)('malformed requests on %s', (engine) => {
  let s: TestServer;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    s = await testServer(engine, { loginLimit: 1_000_000 });
    await addUser(s, 'leader', 'leader');
    await addUser(s, 'admin', 'admin');
    tokens.leader = (await login(s, 'leader')).token;
    tokens.admin = (await login(s, 'admin')).token;
  });
  afterAll(() => s.close());

  it('each of 1,200 gets a clear 4xx, never a 500, and nothing is written', async () => {
    const before = await snapshot(s.db);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 3, arbitrary: pushReq }, { weight: 1, arbitrary: otherReq }),
        async (req) => {
          const r = await s.app.inject({
            method: req.method,
            url: req.url,
            headers: {
              ...(req.as === 'none' ? {} : auth(tokens[req.as]!)),
              ...(req.body !== undefined ? { 'content-type': req.contentType ?? 'application/json' } : {}),
            },
            ...(req.body !== undefined ? { payload: req.body } : {}),
          });
          statuses.set(r.statusCode, (statuses.get(r.statusCode) ?? 0) + 1);
          expect(r.statusCode, `${req.url} ${req.body?.slice(0, 200)} → ${r.body}`).toBeGreaterThanOrEqual(
            400,
          );
          expect(r.statusCode, r.body).toBeLessThan(500);
          expect(r.json<{ error: string }>().error).toMatch(/[\u4e00-\u9fff]/);
        },
      ),
      { numRuns: 1200, seed: 16 },
    );
    expect(await snapshot(s.db)).toBe(before);
    expect([...statuses.keys()].every((k) => k >= 400 && k < 500)).toBe(true);
  });
});
