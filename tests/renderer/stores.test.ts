/**
 * The feature stores without React: each page's writes go through its
 * actions and what it shows comes back through its selectors, over a real
 * (fake-indexeddb) database started the way the app starts it.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { applySettingsPatch, DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { startServices } from '../../renderer/src/app/services';
import { companyActions, companySelectors } from '../../renderer/src/features/companies/store';
import { dealActions, dealSelectors } from '../../renderer/src/features/deals/store';
import { importSelectors } from '../../renderer/src/features/import/store';
import { overviewSelectors } from '../../renderer/src/features/overview/store';
import { addFollowUp, createRecord, deleteRecord, restoreRecord } from '../../renderer/src/ledger/actions';
import { keepFirstPages, keptFirstPage, ledgerSelectors } from '../../renderer/src/ledger/store';
import type { Platform } from '../../renderer/src/platform';

let settings: Settings = { ...DEFAULT_SETTINGS, userName: '张三' };
const platform: Platform = {
  kind: 'browser',
  loadSettings: async () => settings,
  updateSettings: async (patch) => (settings = applySettingsPatch(settings, patch)),
  saveFile: async (args) => ({ saved: true, path: args.defaultName }),
  openFile: async () => ({ ok: false, reason: 'cancelled' }),
  appInfo: async () => ({ version: 'test', platform: 'test', dataPath: '' }),
  onMenuCommand: () => () => {},
  onOpenedFile: () => () => {},
  sessionTokens: { load: async () => null, save: async () => {} },
  backups: null,
};

beforeAll(async () => {
  // The app's clock is the system's: fixed here, so the dates below never depend on today.
  vi.useFakeTimers({ now: new Date('2017-10-20T09:00:00+08:00'), toFake: ['Date'] });
  await startServices(platform, () => settings);
});
afterAll(() => vi.useRealTimers());

const newDeal = () =>
  createRecord('deal', {
    name: '大东鞋业女鞋生产基地',
    investor: '成都大东鞋业有限公司',
    team: '第一招商组团',
    signedDate: '2017-10-12',
    agreedInvestment: '3.5亿',
  });

describe('deal store', () => {
  it('ticks, unticks and edits milestones, and the selectors read them back', async () => {
    const deal = await newDeal();
    await dealActions.tickMilestone(deal.id, '注册', '2017-10-18');
    let read = await dealSelectors.byId(deal.id);
    expect(read?.milestones.find((m) => m.name === '注册')).toMatchObject({
      doneDate: '2017-10-18',
      doneBy: '张三',
    });
    expect(read?.stage).toBe('registered');
    await dealActions.untickMilestone(deal.id, '注册');
    read = await dealSelectors.byId(deal.id);
    expect(read?.milestones.find((m) => m.name === '注册')?.doneDate).toBeUndefined();
    await dealActions.setMilestones(deal.id, [{ name: '签约' }, { name: '供地', plannedDate: '2017-12-01' }]);
    read = await dealSelectors.byId(deal.id);
    expect(read?.milestones.map((m) => m.name)).toEqual(['签约', '供地']);
    await expect(dealActions.setMilestones(deal.id, [{ name: '签约' }, { name: '签约' }])).rejects.toThrow(
      '节点名称重复：签约',
    );
    expect((await dealSelectors.byId(deal.id))?.milestones.map((m) => m.name)).toEqual(['签约', '供地']);
  });

  it('sets and clears a light override; a missing reason changes nothing', async () => {
    const deal = await newDeal();
    await expect(dealActions.setLightOverride(deal.id, 'red', '  ')).rejects.toThrow();
    expect((await dealSelectors.byId(deal.id))?.lightOverride).toBeUndefined();
    await dealActions.setLightOverride(deal.id, 'red', '企业资金链紧张，暂缓开工');
    expect((await dealSelectors.byId(deal.id))?.lightOverride).toMatchObject({ light: 'red', by: '张三' });
    await dealActions.clearLightOverride(deal.id);
    expect((await dealSelectors.byId(deal.id))?.lightOverride).toBeUndefined();
  });

  it('moves the stage and links contacts, read back by the pages’ selectors', async () => {
    const deal = await newDeal();
    await dealActions.changeStage(deal.id, 'started', '2017-10-19');
    expect((await dealSelectors.byId(deal.id))?.stage).toBe('started');
    const contact = await createRecord('contact', {
      name: '王建国',
      company: '成都大东鞋业有限公司',
      mobile: '13800138000',
    });
    await dealActions.linkContact(deal.id, contact.id);
    const linked = (await dealSelectors.byId(deal.id))!.contactIds;
    expect((await dealSelectors.linkedContacts(linked)).map((c) => c.name)).toEqual(['王建国']);
    expect((await dealSelectors.ofContact(contact.id)).map((d) => d.id)).toEqual([deal.id]);
    await dealActions.unlinkContact(deal.id, contact.id);
    expect(await dealSelectors.ofContact(contact.id)).toEqual([]);
  });

  it('gives every deal’s newest follow-up day in one read', async () => {
    const deal = await newDeal();
    await addFollowUp('deal', deal.id, {
      date: '2017-10-15',
      kind: 'visit',
      summary: '上门拜访',
      by: '张三',
    });
    await addFollowUp('deal', deal.id, {
      date: '2017-10-19',
      kind: 'call',
      summary: '电话沟通用地',
      by: '张三',
    });
    expect((await dealSelectors.latestFollowUps()).get(deal.id)).toBe('2017-10-19');
    expect((await ledgerSelectors.followUps('deal', deal.id)).map((f) => f.date)).toEqual([
      '2017-10-19',
      '2017-10-15',
    ]);
    await expect(
      addFollowUp('deal', 'no-such-deal', { date: '2017-10-19', kind: 'call', summary: 'x', by: '张三' }),
    ).rejects.toThrow();
  });
});

describe('company store', () => {
  it('registers a company only with a valid USCC and date', async () => {
    const company = await createRecord('company', { name: '成都大东鞋业有限公司', originCity: '成都' });
    await expect(companyActions.changeStatus(company.id, 'registered', '2017-10-20', {})).rejects.toThrow();
    expect((await ledgerSelectors.byId('company', company.id))?.status).toBe(company.status);
    await companyActions.changeStatus(company.id, 'registered', '2017-10-20', {
      uscc: '91510100MA6CGUGA1W',
      registeredDate: '2017-10-20',
    });
    const read = await ledgerSelectors.byId('company', company.id);
    expect(read).toMatchObject({ status: 'registered', uscc: '91510100MA6CGUGA1W' });
    expect(await companySelectors.ofContact('nobody')).toEqual([]);
  });
});

describe('ledger kit store', () => {
  it('lists by kind, moves deleted records to the deleted list and back', async () => {
    const event = await createRecord('event', { name: '2017成都鞋博会', startDate: '2017-10-10' });
    expect((await ledgerSelectors.list('event', false)).map((e) => e.name)).toContain('2017成都鞋博会');
    await deleteRecord('event', event.id);
    expect((await ledgerSelectors.list('event', true)).map((e) => e.id)).toEqual([event.id]);
    expect((await ledgerSelectors.list('event', false)).map((e) => e.id)).not.toContain(event.id);
    await restoreRecord('event', event.id);
    expect((await ledgerSelectors.list('event', false)).map((e) => e.id)).toContain(event.id);
    expect((await ledgerSelectors.history(event.id)).map((c) => c.action).sort()).toEqual([
      'create',
      'delete',
      'restore',
    ]);
    const names = await ledgerSelectors.refNames([], []);
    expect(names.events.get(event.id)).toBe('2017成都鞋博会');
    expect((await importSelectors.events()).map((e) => e.name)).toContain('2017成都鞋博会');
  });

  it('feeds the overview the derived row of every live deal and company, with their follow-ups', async () => {
    const input = await overviewSelectors.input();
    expect(input.empty).toBe(false);
    const deals = await ledgerSelectors.list('deal', false);
    const live = input.facts.deals.filter((r) => r.deal);
    expect(live.map((r) => r.id).sort()).toEqual(deals.map((d) => d.id).sort());
    expect(input.facts.companies.length).toBe(1);
    // The deal's two follow-ups show as its newest follow-up day.
    expect(input.facts.deals.filter((r) => r.lastFollowUp).map((r) => r.lastFollowUp)).toEqual([
      '2017-10-19',
    ]);
  });
});

describe('kept first pages', () => {
  it('keeps each list’s newest rows current with every write, and drops them when stopped', async () => {
    const stop = keepFirstPages(['deal', 'event']);
    try {
      const newest = async () => (await ledgerSelectors.recentRows('deal', 50)).map((r) => r.id);
      await vi.waitFor(async () => expect(keptFirstPage('deal')?.map((r) => r.id)).toEqual(await newest()));
      const deal = await createRecord('deal', {
        name: '温江电子科技配套项目',
        investor: '温江电子有限公司',
        team: '第二招商组团',
        signedDate: '2017-10-19',
        agreedInvestment: '8000万',
      });
      await vi.waitFor(() => expect(keptFirstPage('deal')?.[0]?.id).toBe(deal.id));
      expect(keptFirstPage('deal')?.[0]?.name).toBe('温江电子科技配套项目');
      await deleteRecord('deal', deal.id);
      await vi.waitFor(() => expect(keptFirstPage('deal')?.some((r) => r.id === deal.id)).toBe(false));
      await restoreRecord('deal', deal.id);
      await vi.waitFor(() => expect(keptFirstPage('deal')?.[0]?.id).toBe(deal.id));
      // Only the kinds asked for are kept.
      expect(keptFirstPage('contact')).toBeUndefined();
      await vi.waitFor(() => expect(keptFirstPage('event')).toBeDefined());
    } finally {
      stop();
    }
    expect(keptFirstPage('deal')).toBeUndefined();
    expect(keptFirstPage('event')).toBeUndefined();
  });
});
