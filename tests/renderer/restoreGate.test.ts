import { describe, expect, it } from 'vitest';
import { decodeRestorable, encodeSnapshot, type Snapshot } from '../../shared/backup/snapshot';
import { setup } from './helpers';

type Copy = ReturnType<typeof setup>;

async function dump(s: Copy) {
  const out: Record<string, unknown[]> = {};
  for (const t of s.db.tables) out[t.name] = await t.toArray();
  return out;
}

async function ledger() {
  const s = setup();
  const event = await s.repos.events.create({ name: '第十六届中国西部国际博览会', startDate: '2017-10-12' });
  await s.repos.quickEntry.save({
    name: '大东鞋业女鞋生产基地',
    investor: '成都大东鞋业有限公司',
    eventId: event.id,
    contactName: '王五',
    mobile: '13900139000',
  });
  await s.repos.exchange.identity();
  return { s, snap: await s.repos.snapshots.export('manual') };
}

/** Encodes after `edit` changed a deep copy; returns what the restore path reads. */
function edited(snap: Snapshot, edit: (s: Snapshot) => void) {
  const copy = structuredClone(snap);
  edit(copy);
  return decodeRestorable(encodeSnapshot(copy));
}

describe('restore through the gate', () => {
  it('refuses a file whose header counts tables its body does not hold, and empties nothing', async () => {
    const { s, snap } = await ledger();
    const r = edited(snap, (c) => (c.tables = {}));
    expect(r.ok ? '' : r.error).toMatch(/备份文件不完整：缺少「签约项目」表，未恢复任何内容/);
    const before = await dump(s);
    await expect(s.repos.snapshots.restore({ ...snap, tables: {} })).rejects.toThrow('未恢复任何内容');
    expect(await dump(s)).toEqual(before);
  });

  it('refuses a file missing a table even when the header agrees', async () => {
    const { snap } = await ledger();
    const r = edited(snap, (c) => {
      delete c.tables.contacts;
      delete c.header.counts.contacts;
    });
    expect(r.ok ? '' : r.error).toContain('缺少「客商」表');
  });

  it('refuses a truncated file as incomplete, not as a wrong format', async () => {
    const { snap } = await ledger();
    const bytes = encodeSnapshot(snap);
    const r = decodeRestorable(bytes.subarray(0, Math.floor(bytes.byteLength * 0.7)));
    expect(r.ok ? '' : r.error).toMatch(/不完整或已损坏.*未恢复任何内容/);
  });

  it.each([
    [
      'a stage outside the list',
      (c: Snapshot) => ((c.tables.deals![0] as { stage: string }).stage = 'hacked'),
      '签约项目「大东鞋业女鞋生产基地」的「阶段」',
    ],
    [
      'a mobile as a number',
      (c: Snapshot) => ((c.tables.contacts![0] as { mobile: unknown }).mobile = 13900139000),
      '客商「王五」的「手机」',
    ],
    [
      'an updatedAt that is no time',
      (c: Snapshot) => ((c.tables.events![0] as { updatedAt: string }).updatedAt = 'zzzzzzzzzz'),
      '活动「第十六届中国西部国际博览会」的「修改时间」',
    ],
  ])('refuses rows with %s, naming the record', async (_, edit, words) => {
    const { s, snap } = await ledger();
    const r = edited(snap, edit);
    expect(r.ok ? '' : r.error).toContain(words);
    const copy = structuredClone(snap);
    edit(copy);
    const before = await dump(s);
    await expect(s.repos.snapshots.restore(copy)).rejects.toThrow(words);
    expect(await dump(s)).toEqual(before);
  });

  it('refuses duplicate ids in Chinese instead of a BulkError, changing nothing', async () => {
    const { s, snap } = await ledger();
    const copy = structuredClone(snap);
    copy.tables.deals!.push({ ...(copy.tables.deals![0] as object) });
    copy.header.counts.deals = 2;
    const before = await dump(s);
    await expect(s.repos.snapshots.restore(copy)).rejects.toThrow('同一编号的记录出现了两次');
    const changes = structuredClone(snap);
    changes.tables.changes!.push({ ...(changes.tables.changes![0] as object) });
    changes.header.counts.changes = changes.tables.changes!.length;
    await expect(s.repos.snapshots.restore(changes)).rejects.toThrow(
      /「变更记录」的第 \d+ 条与前面的编号重复/,
    );
    expect(await dump(s)).toEqual(before);
  });

  it('restores its own backup after the same checks', async () => {
    const { snap } = await ledger();
    const r = edited(snap, () => {});
    expect(r.ok).toBe(true);
    const b = setup();
    await b.repos.snapshots.restore(r.ok ? r.value : snap);
    expect(await b.db.deals.count()).toBe(1);
    expect(await b.db.contacts.count()).toBe(1);
  });
});
