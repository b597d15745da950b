import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  backupsToPrune,
  createBackupService,
  createCloseGuard,
  DEFAULT_RETENTION,
} from '../../electron/main/backups';
import {
  decodeSnapshot,
  encodeSnapshot,
  snapshotFileName,
  type BackupReason,
  type Snapshot,
} from '../../shared/backup/snapshot';

const disk = vi.hoisted(() => ({ failNextSync: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  return {
    ...real,
    open: async (...args: Parameters<typeof real.open>) => {
      const handle = await real.open(...args);
      if (disk.failNextSync) {
        disk.failNextSync = false;
        // The disk fills up while the temp file is flushed.
        handle.sync = async () => {
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        };
      }
      return handle;
    },
  };
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-backups-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

const utcDay = (iso: string | Date) =>
  (typeof iso === 'string' ? new Date(iso) : iso).toISOString().slice(0, 10);

function snapshot(reason: BackupReason = 'manual', createdAt = '2026-05-01T08:00:00.000Z'): Snapshot {
  const tables = {
    deals: [{ id: 'd1', name: '大东鞋业女鞋生产基地', agreedInvestment: 350_000_000 }],
    contacts: [{ id: 'c1', name: '李四', mobile: '13800138000' }],
    changes: [],
  };
  return {
    header: {
      format: 'zhaoshang-ledger-backup',
      version: 1,
      createdAt,
      reason,
      dbVersion: 1,
      counts: { deals: 1, contacts: 1, changes: 0 },
    },
    tables,
  };
}

function service(now: () => Date, backupDir = join(dir, 'backups')) {
  return createBackupService({ dir: () => backupDir, now, dayOf: utcDay });
}

describe('writing a backup', () => {
  it('writes the snapshot under backups/ and reads it back byte for byte', async () => {
    const s = service(() => new Date('2026-05-01T08:00:00.000Z'));
    const data = encodeSnapshot(snapshot());
    const info = await s.write({ data });
    expect(info).toMatchObject({
      reason: 'manual',
      size: data.byteLength,
      counts: { deals: 1, contacts: 1 },
    });
    expect(readdirSync(join(dir, 'backups'))).toEqual([info.name]);
    const back = await s.read(info.name);
    expect(Buffer.from(back).equals(Buffer.from(data))).toBe(true);
    const decoded = decodeSnapshot(back);
    expect(decoded.ok && decoded.value.tables).toEqual(snapshot().tables);
    expect(await s.list()).toEqual([info]);
  });

  it('refuses bytes that are not a snapshot and writes nothing', async () => {
    const s = service(() => new Date('2026-05-01T08:00:00.000Z'));
    await expect(s.write({ data: new TextEncoder().encode('{"hello":1}\n{}') })).rejects.toThrow(
      '不是招商台账的备份文件',
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is atomic: a failure while writing leaves the earlier backups whole and no temp file', async () => {
    const s = service(() => new Date('2026-05-01T08:00:00.000Z'));
    const first = await s.write({ data: encodeSnapshot(snapshot()) });
    const before = readFileSync(join(dir, 'backups', first.name));
    disk.failNextSync = true;
    const s2 = service(() => new Date('2026-05-01T09:00:00.000Z'));
    await expect(s2.write({ data: encodeSnapshot(snapshot('auto')) })).rejects.toThrow(/ENOSPC/);
    expect(readdirSync(join(dir, 'backups'))).toEqual([first.name]);
    expect(readFileSync(join(dir, 'backups', first.name)).equals(before)).toBe(true);
  });

  it('gives two backups in the same millisecond different names', async () => {
    const s = service(() => new Date('2026-05-01T08:00:00.000Z'));
    const a = await s.write({ data: encodeSnapshot(snapshot()) });
    const b = await s.write({ data: encodeSnapshot(snapshot()) });
    expect(a.name).not.toBe(b.name);
    expect(readdirSync(join(dir, 'backups'))).toHaveLength(2);
  });

  it('lists newest first and skips foreign or damaged files without touching them', async () => {
    const s = service(() => new Date('2026-05-01T10:00:00.000Z'));
    await s.write({ data: encodeSnapshot(snapshot('auto', '2026-05-01T09:00:00.000Z')) });
    await s.write({ data: encodeSnapshot(snapshot('manual', '2026-05-01T10:00:00.000Z')) });
    writeFileSync(join(dir, 'backups', 'notes.txt'), 'mine');
    writeFileSync(join(dir, 'backups', snapshotFileName('2026-04-01T00:00:00.000Z', 'auto')), 'garbage');
    const list = await s.list();
    expect(list.map((b) => b.reason)).toEqual(['manual', 'auto']);
    expect(readdirSync(join(dir, 'backups'))).toContain('notes.txt');
    await expect(s.read('../notes.txt')).rejects.toThrow('备份文件名无效');
  });

  it('lists nothing when the folder does not exist yet', async () => {
    expect(await service(() => new Date(), join(dir, 'none')).list()).toEqual([]);
  });
});

describe('retention', () => {
  const b = (createdAt: string) => ({ name: createdAt, createdAt });

  it('keeps all of today, the newest of each day for 30 days, nothing older', () => {
    const now = new Date('2026-05-31T12:00:00.000Z');
    const backups = [
      b('2026-05-31T08:00:00.000Z'),
      b('2026-05-31T09:00:00.000Z'),
      b('2026-05-31T11:59:00.000Z'),
      b('2026-05-30T08:00:00.000Z'),
      b('2026-05-30T18:00:00.000Z'),
      b('2026-05-02T10:00:00.000Z'),
      b('2026-05-01T10:00:00.000Z'),
      b('2026-04-15T10:00:00.000Z'),
    ];
    expect(
      backupsToPrune(backups, now, { keepAllDays: 1, dailyDays: 30, maxPerDay: 20 }, utcDay).sort(),
    ).toEqual(['2026-05-30T08:00:00.000Z', '2026-05-01T10:00:00.000Z', '2026-04-15T10:00:00.000Z'].sort());
  });

  it('follows a configured policy', () => {
    const now = new Date('2026-05-31T12:00:00.000Z');
    const backups = [
      b('2026-05-31T08:00:00.000Z'),
      b('2026-05-30T08:00:00.000Z'),
      b('2026-05-30T09:00:00.000Z'),
      b('2026-05-25T09:00:00.000Z'),
    ];
    expect(backupsToPrune(backups, now, { keepAllDays: 2, dailyDays: 3, maxPerDay: 20 }, utcDay)).toEqual([
      '2026-05-25T09:00:00.000Z',
    ]);
  });

  it('caps how many one day keeps: the newest stay, the older ones of the same day go', () => {
    const now = new Date('2026-05-31T23:00:00.000Z');
    // 45 backups today (a day of many imports, each backs up first), 3 yesterday.
    const today = Array.from({ length: 45 }, (_, i) =>
      b(`2026-05-31T${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}:00.000Z`),
    );
    const yesterday = [b('2026-05-30T08:00:00.000Z'), b('2026-05-30T09:00:00.000Z')];
    const pruned = new Set(backupsToPrune([...today, ...yesterday], now, undefined, utcDay));
    const keptToday = today.filter((x) => !pruned.has(x.name)).map((x) => x.name);
    expect(keptToday).toHaveLength(DEFAULT_RETENTION.maxPerDay);
    expect(keptToday).toEqual(today.slice(-DEFAULT_RETENTION.maxPerDay).map((x) => x.name));
    expect([...pruned].filter((n) => n.startsWith('2026-05-30'))).toEqual(['2026-05-30T08:00:00.000Z']);
    // A configured cap of 2 with two whole days kept.
    const two = backupsToPrune(
      [...today, ...yesterday],
      now,
      { keepAllDays: 2, dailyDays: 30, maxPerDay: 2 },
      utcDay,
    );
    expect(two).toHaveLength(43);
    expect(two).not.toContain(today[44]!.name);
  });

  it('keeps backups dated in the future (a clock set back)', () => {
    expect(
      backupsToPrune(
        [b('2027-01-01T00:00:00.000Z')],
        new Date('2026-05-31T12:00:00.000Z'),
        undefined,
        utcDay,
      ),
    ).toEqual([]);
  });

  it('prunes on every write, over days of fake clock', async () => {
    let now = new Date('2026-03-01T09:00:00.000Z');
    const s = service(() => now);
    for (let day = 0; day < 45; day++) {
      for (const hour of [9, 13, 17]) {
        now = new Date(Date.UTC(2026, 2, 1 + day, hour));
        await s.write({ data: encodeSnapshot(snapshot('auto', now.toISOString())) });
      }
    }
    const list = await s.list();
    const days = list.map((x) => utcDay(x.createdAt));
    // Today: all three; the 29 days before: one each (the day's last); older: none.
    expect(list).toHaveLength(3 + 29);
    expect(days.filter((d) => d === utcDay(now))).toHaveLength(3);
    expect(new Set(days).size).toBe(30);
    expect(
      list
        .filter((x) => utcDay(x.createdAt) !== utcDay(now))
        .every((x) => x.createdAt.endsWith('T17:00:00.000Z')),
    ).toBe(true);
  });
});

describe('close guard', () => {
  function guard(requestOk = true) {
    const timers: (() => void)[] = [];
    const proceed = vi.fn();
    const requestSnapshot = vi.fn(() => requestOk);
    const g = createCloseGuard({
      requestSnapshot,
      proceed,
      setTimer: (fn) => timers.push(fn),
      clearTimer: () => undefined,
    });
    return { g, proceed, requestSnapshot, timers };
  }
  const closeEvent = () => ({ preventDefault: vi.fn() });

  it('holds the close until the quit snapshot is written, then lets the next close through', () => {
    const { g, proceed, requestSnapshot } = guard();
    const e = closeEvent();
    expect(g.onClose(e)).toBe(true);
    expect(e.preventDefault).toHaveBeenCalled();
    expect(requestSnapshot).toHaveBeenCalledTimes(1);
    g.onClose(closeEvent());
    expect(requestSnapshot).toHaveBeenCalledTimes(1);
    g.onSnapshotWritten('auto');
    expect(proceed).not.toHaveBeenCalled();
    g.onSnapshotWritten('quit');
    expect(proceed).toHaveBeenCalledTimes(1);
    const last = closeEvent();
    expect(g.onClose(last)).toBe(false);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  it('closes anyway when the page does not answer in time', () => {
    const { g, proceed, timers } = guard();
    g.onClose(closeEvent());
    timers[0]!();
    expect(proceed).toHaveBeenCalledTimes(1);
    g.onSnapshotWritten('quit');
    expect(proceed).toHaveBeenCalledTimes(1);
  });

  it('closes without waiting when there is no page to ask', () => {
    const { g, proceed, timers } = guard(false);
    g.onClose(closeEvent());
    timers[0]!();
    expect(proceed).toHaveBeenCalledTimes(1);
  });
});
