import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSettingsService } from '../../electron/main/settings';
import { DEFAULT_SETTINGS, SETTINGS_VERSION } from '../../shared/settings';

// Hoisted above the imports. electron-store reads `app`/`ipcMain` from
// electron's default export; without them it needs an absolute cwd, which is
// what these tests give it, so the store below is the real one on real files.
vi.mock('electron', () => ({
  default: {},
  app: { getPath: () => '/nonexistent-user-data' },
}));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-settings-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const fileOf = (d: string) => join(d, 'settings.json');
const readJson = (d: string) => JSON.parse(readFileSync(fileOf(d), 'utf8')) as Record<string, unknown>;

describe('settings service (real electron-store)', () => {
  it('starts from the defaults and writes them', () => {
    const service = createSettingsService({ cwd: dir });
    expect(service.get()).toEqual(DEFAULT_SETTINGS);
    expect(service.path).toBe(fileOf(dir));
    expect(readJson(dir)).toMatchObject({ version: SETTINGS_VERSION, orgName: DEFAULT_SETTINGS.orgName });
  });

  it('survives a restart', () => {
    const first = createSettingsService({ cwd: dir });
    first.update({ userName: '张三', amountUnit: 'yi', teams: ['一组', '二组'] });

    const second = createSettingsService({ cwd: dir });
    expect(second.get()).toMatchObject({ userName: '张三', amountUnit: 'yi', teams: ['一组', '二组'] });
    expect(readJson(dir)).toMatchObject({ userName: '张三', amountUnit: 'yi' });
  });

  it('refuses an invalid patch with a Chinese message and keeps the old value', () => {
    const service = createSettingsService({ cwd: dir });
    expect(() => service.update({ amountUnit: '千元' })).toThrow(/设置无效/);
    expect(() => service.update({ version: 9 })).toThrow(/设置无效/);
    expect(service.get().amountUnit).toBe('wan');
    expect(createSettingsService({ cwd: dir }).get().amountUnit).toBe('wan');
  });

  it('migrates a version-1 file written by an old build', () => {
    writeFileSync(
      fileOf(dir),
      JSON.stringify({ unit: '亿元', groups: ['招商一组', '招商二组'], userName: '李四' }),
    );
    const service = createSettingsService({ cwd: dir });
    expect(service.get()).toMatchObject({
      version: SETTINGS_VERSION,
      amountUnit: 'yi',
      teams: ['招商一组', '招商二组'],
      userName: '李四',
    });
    const onDisk = readJson(dir);
    expect(onDisk.version).toBe(SETTINGS_VERSION);
    expect(onDisk.amountUnit).toBe('yi');
    expect(onDisk).not.toHaveProperty('unit');
    expect(onDisk).not.toHaveProperty('groups');
  });

  it('falls back to the defaults for invalid values, keeping the valid ones', () => {
    writeFileSync(
      fileOf(dir),
      JSON.stringify({ version: 2, amountUnit: 42, teams: 'not a list', orgName: '某县投促局' }),
    );
    const settings = createSettingsService({ cwd: dir }).get();
    expect(settings.amountUnit).toBe(DEFAULT_SETTINGS.amountUnit);
    expect(settings.teams).toEqual(DEFAULT_SETTINGS.teams);
    expect(settings.orgName).toBe('某县投促局');
  });

  it('starts from the defaults when the file is not JSON, keeping the broken file aside', () => {
    writeFileSync(fileOf(dir), '{"version": 2, "userName": "王');
    const service = createSettingsService({ cwd: dir });
    expect(service.get()).toEqual(DEFAULT_SETTINGS);
    expect(readdirSync(dir).some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
    service.update({ userName: '王五' });
    expect(createSettingsService({ cwd: dir }).get().userName).toBe('王五');
  });
});
