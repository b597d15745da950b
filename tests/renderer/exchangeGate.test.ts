import { describe, expect, it } from 'vitest';
import { decodeExchangeFile, type ExchangeFile } from '../../shared/exchange/format';
import { conflictKey } from '../../renderer/src/db/repositories/exchange';
import { setup } from './helpers';

type Copy = ReturnType<typeof setup>;

/** Everything in the database, for "nothing changed" checks. */
async function dump(s: Copy) {
  const out: Record<string, unknown[]> = {};
  for (const t of s.db.tables) out[t.name] = await t.toArray();
  return out;
}

// The file as loose JSON, to be broken on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** The file as bytes after `edit` changed its JSON, decoded as the app does. */
function tamper(file: ExchangeFile, edit: (json: Json) => void) {
  const json = JSON.parse(JSON.stringify(file)) as Json;
  edit(json);
  return decodeExchangeFile(new TextEncoder().encode(JSON.stringify(json)));
}

async function twoCopies() {
  const a = setup();
  const b = setup({ settings: { userName: '李四' } });
  // The copy's own id is made on first use; made here so "nothing changed" compares data only.
  await b.repos.exchange.identity();
  const deal = await a.repos.deals.create({ name: '大东鞋业女鞋生产基地', investor: '成都大东鞋业有限公司' });
  const contact = await a.repos.contacts.create({ name: '王五', mobile: '13900139000' });
  return { a, b, deal, contact, file: await a.repos.exchange.buildFile() };
}

describe('exchange files through the gate', () => {
  it.each([
    ['stageHistory: null', (j: Json) => (j.records.deal[0].stageHistory = null), '「阶段变更」'],
    ['stage "hacked"', (j: Json) => (j.records.deal[0].stage = 'hacked'), '「阶段」：阶段无效'],
    ['name 12345', (j: Json) => (j.records.deal[0].name = 12345), '「项目名称」：应为文字'],
    ['updatedAt "zzzzzzzzzz"', (j: Json) => (j.records.deal[0].updatedAt = 'zzzzzzzzzz'), '不是有效的时间'],
    ['a key toString', (j: Json) => (j.records.contact[0].toString = 'x'), '不认识的字段：toString'],
  ])('refuses a file with %s whole, naming the record and field in Chinese', async (_, edit, words) => {
    const { b, file } = await twoCopies();
    const before = await dump(b);
    const r = tamper(file, edit);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain(words);
    expect(r.error).toMatch(
      /^交换文件中有不合格的记录，未合并任何内容：(签约项目「大东鞋业女鞋生产基地」|签约项目「编号|客商「王五」)/,
    );
    expect(await dump(b)).toEqual(before);
  });

  it('refuses a merge that would give two live contacts one mobile, and changes nothing', async () => {
    const { b, file } = await twoCopies();
    await b.repos.contacts.create({ name: '王五（本机）', mobile: '13900139000' });
    const before = await dump(b);
    const preview = await b.repos.exchange.preview(file, 'f.zsjh');
    await expect(b.repos.exchange.apply(preview)).rejects.toThrow(
      '客商「王五」的「手机」：手机号已属于客商「王五（本机）」',
    );
    expect(await dump(b)).toEqual(before);
  });

  it('refuses a record from the future (beyond the clock skew), before and at the merge', async () => {
    const { b, file } = await twoCopies();
    const ahead = new Date(b.clock.now.getTime() + 2 * 3600_000).toISOString();
    const r = tamper(file, (j) => (j.records.deal[0].updatedAt = ahead));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    await expect(b.repos.exchange.preview(r.value, 'f.zsjh')).rejects.toThrow(
      /签约项目「大东鞋业女鞋生产基地」的修改时间.*晚于本机时间.*校正时间/,
    );
    const nine = tamper(file, (j) => (j.records.deal[0].updatedAt = '9999-12-31T23:59:59.999Z'));
    expect(nine.ok ? '' : nine.error).toContain('不是有效的时间');
    expect(await b.db.deals.count()).toBe(0);
  });

  it('keeps 「保留本机」 on a second merge of the same file, even against a clock ahead by minutes', async () => {
    const { a, b, deal } = await twoCopies();
    await b.repos.exchange.apply(
      await b.repos.exchange.preview(await a.repos.exchange.buildFile(), 'f1.zsjh'),
    );
    b.advance(60_000);
    await b.repos.deals.update(deal.id, { leader: '王县长' });
    // A's clock runs 50 minutes ahead of B's.
    a.clock.now = new Date(b.clock.now.getTime() + 50 * 60_000);
    await a.repos.deals.update(deal.id, { leader: '赵副县长' });
    const file = await a.repos.exchange.buildFile();
    const preview = await b.repos.exchange.preview(file, 'f2.zsjh');
    const conflict = preview.plan.conflicts[0]!;
    expect(conflict.winner).toBe('incoming');
    b.advance(60_000);
    await b.repos.exchange.apply(preview, { [conflictKey(conflict)]: 'local' });
    expect((await b.db.deals.get(deal.id))?.leader).toBe('王县长');
    b.advance(60_000);
    const again = await b.repos.exchange.preview(file, 'f2.zsjh');
    await b.repos.exchange.apply(again);
    expect((await b.db.deals.get(deal.id))?.leader).toBe('王县长');
  });

  it('merges records whose ids are __proto__, constructor and toString as plain data', async () => {
    const { b, file } = await twoCopies();
    const r = tamper(file, (j) => {
      const proto = j.records.deal[0];
      j.records.deal = ['__proto__', 'constructor', 'toString'].map((id, i) => ({
        ...proto,
        id,
        name: `项目${i}`,
      }));
      j.changes = [];
    });
    expect(r.ok ? 'ok' : r.error).toBe('ok');
    if (!r.ok) return;
    const preview = await b.repos.exchange.preview(r.value, 'f.zsjh');
    expect(preview.plan.summary.deal.new).toBe(3);
    await b.repos.exchange.apply(preview);
    expect((await b.db.deals.get('constructor'))?.name).toBe('项目1');
    expect((await b.db.deals.get('__proto__'))?.name).toBe('项目0');
    expect((await b.db.deals.get('toString'))?.name).toBe('项目2');
  });
});
