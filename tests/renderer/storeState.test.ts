/**
 * Every feature store that keeps UI state starts from its exported
 * initialState and returns to it on reset, so a test (or the app) can start
 * clean without knowing the store's fields.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import * as exchange from '../../renderer/src/features/exchange/store';
import * as exporting from '../../renderer/src/features/export/store';
import * as importing from '../../renderer/src/features/import/store';
import * as quickEntry from '../../renderer/src/features/quick-entry/store';
import * as settings from '../../renderer/src/features/settings/store';
import * as targets from '../../renderer/src/features/targets/store';
import * as lists from '../../renderer/src/ledger/listStore';
import type { ImportPreview } from '../../renderer/src/db/repositories/exchange';

/** The state fields of a store (its functions are the actions). */
function stateOf(s: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(s).filter(([, v]) => typeof v !== 'function'));
}

afterEach(() => vi.useRealTimers());

describe('feature stores: initialState and reset', () => {
  it('the export dialog flag', () => {
    const store = exporting.useExportStore;
    expect(stateOf(store.getState())).toEqual(exporting.initialState);
    store.getState().openReport();
    expect(store.getState().reportOpen).toBe(true);
    store.getState().reset();
    expect(stateOf(store.getState())).toEqual(exporting.initialState);
  });

  it('the exchange file waiting for its page', () => {
    const store = exchange.useOpenedExchange;
    expect(stateOf(store.getState())).toEqual(exchange.initialState);
    store.getState().offer({ fileName: '交换文件.zsx' } as Partial<ImportPreview> as ImportPreview);
    expect(store.getState().pending).not.toBeNull();
    store.getState().reset();
    expect(stateOf(store.getState())).toEqual(exchange.initialState);
  });

  it('the settings, back to the defaults until loaded', () => {
    const store = settings.useSettingsStore;
    expect(settings.initialState).toEqual({ settings: DEFAULT_SETTINGS, loaded: false });
    store.setState({ settings: { ...DEFAULT_SETTINGS, userName: '李四' }, loaded: true });
    store.getState().reset();
    expect(stateOf(store.getState())).toEqual(settings.initialState);
  });

  it('the quick-entry draft, with a fresh draft object each reset', () => {
    const store = quickEntry.useQuickEntry;
    store.getState().set('name', '大东鞋业女鞋生产基地');
    store.getState().set('team', '第一招商组团');
    store.getState().reset();
    expect(stateOf(store.getState())).toEqual(quickEntry.initialState);
    store.getState().set('name', '汽配产业园');
    expect(quickEntry.initialState.draft.name).toBe('');
  });

  it('the problem filter and the weekly pack day, which follows the clock until chosen', () => {
    vi.useFakeTimers({ now: new Date('2028-02-29T10:00:00+08:00'), toFake: ['Date'] });
    const store = targets.useTargetsUi;
    expect(targets.weekDayOf(store.getState())).toBe('2028-02-29');
    store.getState().setProblemFilter({ status: 'resolved' });
    store.getState().setWeekDay('2027-12-31');
    store.getState().openWeekly();
    expect(targets.weekDayOf(store.getState())).toBe('2027-12-31');
    store.getState().reset();
    expect(stateOf(store.getState())).toEqual(targets.initialState);
    vi.setSystemTime(new Date('2028-03-01T09:00:00+08:00'));
    expect(targets.weekDayOf(store.getState())).toBe('2028-03-01');
  });

  it('the list views (search, filters, columns)', () => {
    const store = lists.useListStore;
    store.getState().patch('deal', { search: '鞋业', filters: { team: ['第一招商组团'] } });
    expect(store.getState().views.deal?.search).toBe('鞋业');
    store.getState().reset();
    expect(stateOf(store.getState())).toEqual(lists.initialState);
  });

  it('the import wizard', () => {
    const store = importing.createImportStore();
    expect(stateOf(store.getState())).toEqual(importing.initialState);
    store.getState().setMode('skip');
    store.getState().toggleSkip(5);
    store.getState().reset();
    expect(stateOf(store.getState())).toEqual(importing.initialState);
  });
});
