import { describe, expect, it } from 'vitest';
import { findMatches, planRows, writeInput, type ImportMode } from '../../shared/excel/duplicates';
import { previewSheet } from '../../shared/excel/preview';
import { readWorkbook } from '../../shared/excel/workbook';
import { ImportRowError } from '../../renderer/src/db/repositories';
import type { LedgerDb } from '../../renderer/src/db/schema';
import { xlsxBytes } from '../support/excel/build';
import { MESSY_DEALS, MESSY_MERGES } from '../support/excel/messy';
import { setup } from './helpers';
import { expandRows } from '../../shared/domain/history';

type Env = ReturnType<typeof setup>;

async function dump(db: LedgerDb) {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) out[t.name] = await t.toArray();
  return out;
}

/** The messy ledger through the same steps as the wizard, ready to write. */
async function plan(env: Env, mode: ImportMode, skip: number[] = []) {
  const wb = readWorkbook(xlsxBytes({ 签约项目: { rows: MESSY_DEALS, merges: MESSY_MERGES } }), '台账.xlsx');
  if (!wb.ok) throw new Error(wb.error);
  const refs = await env.repos.imports.refs();
  const p = previewSheet(wb.value.sheets[0]!.rows, 'deal', { settings: env.settings, ...refs });
  if (!p.ok) throw new Error(p.error);
  const matches = findMatches('deal', p.value.rows, await env.repos.imports.existing('deal'));
  const planned = planRows('deal', p.value.rows, matches, mode, new Set(skip));
  const rows = planned.flatMap((pr, i) =>
    pr.action === 'skip'
      ? []
      : [
          {
            rowNumber: pr.rowNumber,
            action: pr.action,
            targetId: pr.targetId,
            input: writeInput(p.value.rows[i]!, pr),
          },
        ],
  );
  return { kind: 'deal' as const, fileName: '台账.xlsx', mode, rows, skipped: planned.length - rows.length };
}

describe('import batches', () => {
  it('writes all rows in one batch with the change log, and undo removes them', async () => {
    const env = setup();
    const { db, repos } = env;
    const req = await plan(env, 'create');
    expect(req.rows.map((r) => r.rowNumber)).toEqual([5, 6, 8, 9, 10, 11]);
    const batch = await repos.imports.run(req);
    expect(batch).toMatchObject({
      recordKind: 'deal',
      created: 6,
      updated: 0,
      skipped: 2,
      mode: 'create',
      createdBy: '张三',
    });
    const deals = await repos.deals.list();
    expect(deals).toHaveLength(6);
    expect(deals.find((d) => d.name === '女鞋生产基地')).toMatchObject({
      agreedInvestment: 350_000_000,
      stage: 'signed',
      signedDate: '2017-10-12',
    });
    // One stored row for the batch's six records, read as their six entries.
    expect(await db.changes.count()).toBe(1);
    const log = expandRows(await db.changes.toArray());
    expect(log).toHaveLength(6);
    expect(new Set(log.map((e) => e.recordId))).toEqual(new Set(deals.map((d) => d.id)));
    expect(
      log.every((e) => e.action === 'import' && e.batchId === batch.id && e.cause.type === 'import'),
    ).toBe(true);
    expect(await repos.imports.list()).toEqual([batch]);

    const undone = await repos.imports.undo(batch.id);
    expect(undone).toEqual({ removed: 6, restored: 0, keptFields: 0 });
    expect(await repos.deals.list()).toHaveLength(0);
    expect(await repos.deals.list({ deletedOnly: true })).toHaveLength(6);
    const undoLog = expandRows(await db.changes.toArray()).filter((e) => e.cause.type === 'undo-import');
    expect(undoLog).toHaveLength(6);
    expect(undoLog.every((e) => e.action === 'delete' && e.batchId === batch.id)).toBe(true);
    expect((await repos.imports.list())[0]?.undoneAt).toBeTruthy();
    await expect(repos.imports.undo(batch.id)).rejects.toThrow('该批次已撤销');
  });

  it('updates matches in 新建并更新 mode; undo restores old values but keeps later edits', async () => {
    const env = setup();
    const { repos, advance } = env;
    const old = await repos.deals.create({
      name: '女鞋生产基地',
      investor: '成都大东鞋业有限公司',
      agreedInvestment: '1亿',
      leader: '王县长',
    });
    advance();
    const req = await plan(env, 'upsert');
    expect(req.rows[0]).toMatchObject({ action: 'update', targetId: old.id });
    const batch = await repos.imports.run(req);
    expect(batch).toMatchObject({ created: 5, updated: 1 });
    const updated = await repos.deals.require(old.id);
    expect(updated).toMatchObject({ agreedInvestment: 350_000_000, team: '第一招商组团', leader: '王县长' });
    advance();
    await repos.deals.update(old.id, { team: '第二招商组团' });
    advance();
    const r = await repos.imports.undo(batch.id);
    expect(r).toMatchObject({ removed: 5, restored: 1 });
    expect(r.keptFields).toBe(1);
    const back = await repos.deals.require(old.id);
    expect(back.agreedInvestment).toBe(100_000_000);
    expect(back.signedDate).toBeUndefined();
    expect(back.team).toBe('第二招商组团');
    expect(back.deletedAt).toBeUndefined();
  });

  it('跳过匹配记录 leaves matches alone', async () => {
    const env = setup();
    await env.repos.deals.create({ name: '女鞋生产基地', investor: '成都大东鞋业有限公司' });
    const req = await plan(env, 'skip');
    expect(req.rows.map((r) => r.rowNumber)).toEqual([6, 8, 9, 10, 11]);
  });

  it('all or nothing: a failure injected mid-write leaves the database exactly as before', async () => {
    const env = setup();
    const { db, repos } = env;
    await repos.deals.create({ name: '已有项目', investor: '已有公司' });
    const before = await dump(db);
    let n = 0;
    const hook = () => {
      if (++n === 4) throw new Error('模拟写入故障');
    };
    db.deals.hook('creating', hook);
    await expect(repos.imports.run(await plan(env, 'create'))).rejects.toThrow('模拟写入故障');
    db.deals.hook('creating').unsubscribe(hook);
    expect(n).toBe(4);
    expect(await dump(db)).toEqual(before);
  });

  it('a row the database refuses aborts the whole import with its Excel row number', async () => {
    const env = setup();
    const { db, repos } = env;
    const before = await dump(db);
    const req = {
      kind: 'contact' as const,
      fileName: '客商.csv',
      mode: 'create' as const,
      skipped: 0,
      rows: [
        { rowNumber: 3, action: 'create' as const, input: { name: '张三', mobile: '13800001234' } },
        { rowNumber: 4, action: 'create' as const, input: { name: '张三三', mobile: '13800001234' } },
      ],
    };
    const e = await repos.imports.run(req).catch((x) => x);
    expect(e).toBeInstanceOf(ImportRowError);
    expect(e.message).toBe('第 4 行：手机号已属于客商「张三」。整批未导入，数据库没有任何改动。');
    expect(await dump(db)).toEqual(before);
  });

  it('checks new rows against live records only, and a reference to a deleted event refuses its row', async () => {
    const env = setup();
    const { db, repos } = env;
    await repos.contacts.create({ name: '李四', mobile: '13900001111' });
    const gone = await repos.contacts.create({ name: '王五', mobile: '13900002222' });
    await repos.contacts.remove(gone.id);
    const fair = await repos.events.create({ name: '鞋博会' });
    const closed = await repos.events.create({ name: '已取消的推介会' });
    await repos.events.remove(closed.id);
    const contacts = (rows: { rowNumber: number; input: Record<string, unknown> }[]) => ({
      kind: 'contact' as const,
      fileName: '客商.xlsx',
      mode: 'create' as const,
      skipped: 0,
      rows: rows.map((r) => ({ ...r, action: 'create' as const })),
    });

    const before = await dump(db);
    const e = await repos.imports
      .run(
        contacts([
          { rowNumber: 2, input: { name: '赵六', mobile: '13900003333' } },
          { rowNumber: 3, input: { name: '李四四', mobile: '13900001111' } },
        ]),
      )
      .catch((x) => x);
    expect(e.message).toBe('第 3 行：手机号已属于客商「李四」。整批未导入，数据库没有任何改动。');
    const badEvent = await repos.imports
      .run(
        contacts([
          { rowNumber: 2, input: { name: '赵六', mobile: '13900003333', eventId: fair.id } },
          { rowNumber: 7, input: { name: '孙七', eventId: closed.id } },
        ]),
      )
      .catch((x) => x);
    expect(badEvent.message).toBe('第 7 行：所选来源活动不存在或已删除。整批未导入，数据库没有任何改动。');
    expect(await dump(db)).toEqual(before);

    const ok = await repos.imports.run(
      contacts([
        { rowNumber: 2, input: { name: '王五五', mobile: '13900002222', eventId: fair.id } },
        { rowNumber: 3, input: { name: '赵六', mobile: '13900003333' } },
      ]),
    );
    expect(ok.created).toBe(2);
    const live = await repos.contacts.list();
    expect(live.map((c) => c.name).sort()).toEqual(['李四', '王五五', '赵六'].sort());
    expect(live.find((c) => c.name === '王五五')?.eventId).toBe(fair.id);
    const entries = expandRows(await db.changes.where('batchId').equals(ok.id).toArray());
    expect(entries.map((x) => x.action)).toEqual(['import', 'import']);
  });
});
