import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeSnapshot } from '../../shared/backup/snapshot';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { backupBeforeUpgrade } from '../../renderer/src/db/upgradeBackup';
import { startAutoBackup } from '../../renderer/src/features/backups/actions';
import { emptyDraft, useQuickEntry } from '../../renderer/src/features/quick-entry/store';
import type { BackupHost } from '../../renderer/src/platform/types';
import { ValidationError } from '../../renderer/src/db/repositories/context';

const settings = { ...DEFAULT_SETTINGS, amountUnit: 'wan' as const };

describe('quick entry store', () => {
  beforeEach(() => {
    useQuickEntry.getState().reset();
  });

  function fill() {
    const { set } = useQuickEntry.getState();
    set('name', '大东鞋业女鞋生产基地');
    set('investor', '成都大东鞋业有限公司');
    set('amount', '3亿');
    set('team', '第一招商组团');
    set('contactName', '李四');
    set('mobile', '13800138000');
  }

  it('keeps everything typed and says so plainly when the disk is full', async () => {
    fill();
    const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    const ok = await useQuickEntry.getState().save({ save: vi.fn().mockRejectedValue(quota) }, settings);
    const s = useQuickEntry.getState();
    expect(ok).toBe(false);
    expect(s.error).toMatch(/存储空间不足/);
    expect(s.saved).toBeUndefined();
    expect(s.draft).toMatchObject({
      name: '大东鞋业女鞋生产基地',
      amount: '3亿',
      contactName: '李四',
      mobile: '13800138000',
    });
  });

  it('keeps the draft when the database was closed under it', async () => {
    fill();
    const closed = Object.assign(new Error('Database has been closed'), { name: 'DatabaseClosedError' });
    await useQuickEntry.getState().save({ save: vi.fn().mockRejectedValue(closed) }, settings);
    expect(useQuickEntry.getState().error).toMatch(/数据库已关闭/);
    expect(useQuickEntry.getState().draft.name).toBe('大东鞋业女鞋生产基地');
  });

  it('shows 已保存 only after the write resolved, then clears all but team and event', async () => {
    fill();
    useQuickEntry.getState().set('eventId', 'e1');
    let resolve!: (v: unknown) => void;
    const save = vi.fn(() => new Promise((r) => (resolve = r)));
    const pending = useQuickEntry.getState().save({ save } as never, settings);
    expect(useQuickEntry.getState().saving).toBe(true);
    expect(useQuickEntry.getState().saved).toBeUndefined();
    expect(save).toHaveBeenCalledWith(
      expect.objectContaining({ agreedInvestment: 300_000_000, mobile: '13800138000' }),
    );
    resolve({ deal: { name: '大东鞋业女鞋生产基地' }, contactCreated: true });
    await pending;
    const s = useQuickEntry.getState();
    expect(s.saved?.deal.name).toBe('大东鞋业女鞋生产基地');
    expect(s.draft).toEqual({ ...emptyDraft(), team: '第一招商组团', eventId: 'e1' });
    expect(s.round).toBe(1);
  });

  it('refuses an amount it cannot read without calling the repository', async () => {
    fill();
    useQuickEntry.getState().set('amount', '三个亿');
    const save = vi.fn();
    await useQuickEntry.getState().save({ save }, settings);
    expect(save).not.toHaveBeenCalled();
    expect(useQuickEntry.getState().fieldErrors.amount).toMatch(/无法识别的金额/);
  });

  it('maps field errors from the repository to the form fields', async () => {
    fill();
    await useQuickEntry
      .getState()
      .save({ save: () => Promise.reject(new ValidationError({ agreedInvestment: '金额过大' })) }, settings);
    expect(useQuickEntry.getState().fieldErrors.amount).toBe('金额过大');
    expect(useQuickEntry.getState().error).toBeUndefined();
  });
});

describe('automatic backups', () => {
  function rig() {
    let clock = 0;
    const timers: { at: number; fn: () => void }[] = [];
    let listener = () => {};
    const write = vi.fn(async () => undefined);
    const stop = startAutoBackup({
      onChange: (l) => {
        listener = l;
        return () => undefined;
      },
      write,
      now: () => clock,
      setTimer: (fn, ms) => timers.push({ at: clock + ms, fn }),
      clearTimer: () => undefined,
      intervalMs: 600_000,
    });
    const advance = async (ms: number) => {
      clock += ms;
      const dueNow = timers.filter((t) => t.at <= clock);
      timers.splice(0, timers.length, ...timers.filter((t) => t.at > clock));
      for (const t of dueNow) t.fn();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    };
    const due = () => timers.filter((t) => t.at > clock);
    return { change: () => listener(), write, advance, stop, timers, due };
  }

  it('backs up the first change at once, then at most every ten minutes', async () => {
    const r = rig();
    r.change();
    await r.advance(0);
    expect(r.write).toHaveBeenCalledTimes(1);
    r.change();
    r.change();
    await r.advance(60_000);
    expect(r.write).toHaveBeenCalledTimes(1);
    await r.advance(540_000);
    expect(r.write).toHaveBeenCalledTimes(2);
    await r.advance(3_600_000);
    expect(r.write).toHaveBeenCalledTimes(2);
  });
});

describe('backup before a schema upgrade', () => {
  it('writes the old database before the new version opens it', async () => {
    const name = `upgrade-${Date.now()}`;
    // A database as an older release (a lower version) left it.
    const old = new Dexie(name);
    old.version(0.5).stores({ deals: 'id', meta: 'key' });
    await old.open();
    await old.table('deals').add({ id: 'd1', name: '旧项目' });
    old.close();
    const write = vi.fn(async (_data: Uint8Array) => ({
      name: 'x',
      createdAt: '',
      reason: 'before-upgrade' as const,
      size: 1,
      counts: {},
    }));
    const host = { write, list: vi.fn(), read: vi.fn(), onRequest: vi.fn() } as unknown as BackupHost;
    expect(await backupBeforeUpgrade(host, name)).toBe(true);
    const snap = decodeSnapshot(write.mock.calls[0]![0]);
    if (!snap.ok) throw new Error(snap.error);
    expect(snap.ok && snap.value.header.reason).toBe('before-upgrade');
    expect(snap.ok && snap.value.tables.deals).toEqual([{ id: 'd1', name: '旧项目' }]);
    // Nothing to do when the database is current or absent, or there is no shell.
    expect(await backupBeforeUpgrade(host, `missing-${Date.now()}`)).toBe(false);
    expect(await backupBeforeUpgrade(null, name)).toBe(false);
  });
});
