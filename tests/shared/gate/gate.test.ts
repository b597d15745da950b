import { describe, expect, it } from 'vitest';
import type { BaseRecord, Contact, Deal, RecordKind } from '../../../shared/domain/records';
import {
  checkBatch,
  checkRecord,
  describeProblems,
  EMPTY_LOOKUP,
  type GateLookup,
} from '../../../shared/gate/gate';
import { isIsoDateTime } from '../../../shared/gate/schemas';
import { generateSample } from '../../../shared/sample/generate';

const sample = generateSample({ today: '2026-10-15', deals: 40, contacts: 60, companies: 30 });

/** A store over plain arrays, as the Dexie lookup reads tables. */
function arrayLookup(store: Partial<Record<RecordKind, BaseRecord[]>>): GateLookup {
  return {
    withValues: async (kind, field, values) =>
      (store[kind] ?? []).filter((r) => values.includes((r as unknown as Record<string, string>)[field]!)),
    withIds: async (kind, ids) => ids.map((id) => (store[kind] ?? []).find((r) => r.id === id)),
  };
}

const deal = (): Deal => structuredClone(sample.deals[0]!);
const contact = (): Contact => ({ ...structuredClone(sample.contacts[0]!), eventId: undefined });

describe('checkRecord', () => {
  it('passes every record the sample generator (the app itself) writes', () => {
    const kinds = {
      deal: sample.deals,
      contact: sample.contacts,
      company: sample.companies,
      event: sample.events,
      followUp: sample.followUps,
    };
    for (const [kind, rows] of Object.entries(kinds)) {
      for (const r of rows) {
        const res = checkRecord(kind as RecordKind, r);
        expect(res.ok ? 'ok' : describeProblems(res.problems)).toBe('ok');
      }
    }
  });

  it.each([
    ['stageHistory: null', { stageHistory: null }, '阶段变更'],
    ['stage "hacked"', { stage: 'hacked' }, '阶段无效'],
    ['name 12345', { name: 12345 }, '应为文字'],
    ['a label for an enum', { projectType: '新建' }, '格式不规范'],
    ['updatedAt "zzzzzzzzzz"', { updatedAt: 'zzzzzzzzzz' }, '不是有效的时间'],
    ['updatedAt year 9999', { updatedAt: '9999-12-31T00:00:00.000Z' }, '不是有效的时间'],
    ['updatedAt without ms', { updatedAt: '2026-05-01T08:00:00Z' }, '不是有效的时间'],
    ['an impossible day', { signedDate: '2026-02-30' }, '日期'],
    ['a negative amount', { agreedInvestment: -5 }, '负'],
    ['an amount with fractions of 元', { agreedInvestment: 1.5 }, '格式不规范'],
    ['an unknown field', { __proto__x: 1, constructor: 'x' }, '不认识的字段'],
    ['a name of 101 characters', { name: '项'.repeat(101) }, '不能超过100个字'],
    ['milestones not an array', { milestones: { a: 1 } }, '节点'],
    ['history out of step with the stage', { stage: 'producing' }, '不一致'],
  ])('refuses a deal with %s, naming the record and the field in Chinese', (_, patch, words) => {
    const d = Object.assign(deal(), patch);
    const r = checkRecord('deal', d);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = describeProblems(r.problems);
    expect(text).toContain(
      `签约项目「${typeof d.name === 'string' ? d.name.slice(0, 40) : `编号 ${d.id}`}」`,
    );
    expect(text).toContain(words);
    expect(text).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses a contact whose mobile is not a real one or not normalised', () => {
    expect(checkRecord('contact', { ...contact(), mobile: '12345' }).ok).toBe(false);
    expect(checkRecord('contact', { ...contact(), mobile: '138 0013 8000' }).ok).toBe(false);
    expect(checkRecord('contact', { ...contact(), mobile: '13800138000' }).ok).toBe(true);
  });

  it('refuses a registered company without its USCC, and a USCC with a wrong check digit', () => {
    const c = sample.companies.find((x) => x.uscc && x.status !== 'withdrawn')!;
    const r = checkRecord('company', { ...c, uscc: undefined });
    expect(r.ok).toBe(false);
    const wrong = c.uscc!.slice(0, 17) + (c.uscc!.endsWith('0') ? '1' : '0');
    expect(checkRecord('company', { ...c, uscc: wrong }).ok).toBe(false);
  });

  it('reads only real ISO date-times in the one spelling that sorts', () => {
    expect(isIsoDateTime('2026-10-15T02:00:00.000Z')).toBe(true);
    expect(isIsoDateTime('2028-02-29T23:59:59.999Z')).toBe(true);
    expect(isIsoDateTime('2027-02-29T00:00:00.000Z')).toBe(false);
    expect(isIsoDateTime('2026-10-15T24:00:00.000Z')).toBe(false);
    expect(isIsoDateTime('+010000-01-01T00:00:00.000Z')).toBe(false);
    expect(isIsoDateTime(1760493600000)).toBe(false);
  });

  it('agrees with the Date round trip on every spelling near the edges', () => {
    // The reference: what toISOString writes back for what Date.parse reads, within 1900–2199.
    const roundTrips = (s: string) => {
      const ms = Date.parse(s);
      const year = Number(s.slice(0, 4));
      return Number.isFinite(ms) && new Date(ms).toISOString() === s && year >= 1900 && year <= 2199;
    };
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    let checked = 0;
    for (const year of [1899, 1900, 2000, 2026, 2027, 2028, 2100, 2199, 2200])
      for (const month of [0, 1, 2, 4, 12, 13])
        for (const day of [0, 1, 28, 29, 30, 31, 32])
          for (const [h, mi, sec] of [
            [0, 0, 0],
            [23, 59, 59],
            [24, 0, 0],
            [12, 60, 0],
            [12, 0, 60],
          ] as const) {
            const s = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(h)}:${pad(mi)}:${pad(sec)}.${pad(day * 7, 3)}Z`;
            expect(isIsoDateTime(s), s).toBe(roundTrips(s));
            checked++;
          }
    for (const s of [
      '2026-10-15T02:00:00Z',
      '2026-10-15T02:00:00.000+08:00',
      '2026-10-15 02:00:00.000Z',
      ' 2026-10-15T02:00:00.000Z',
    ])
      expect(isIsoDateTime(s), s).toBe(false);
    expect(checked).toBe(9 * 6 * 7 * 5);
  });
});

describe('checkBatch', () => {
  it('refuses two live contacts with one mobile, in the batch or against the store', async () => {
    const a = { ...contact(), id: 'a', mobile: '13800138000' };
    const b = { ...contact(), id: 'b', name: '李四', mobile: '13800138000' };
    const inBatch = await checkBatch({ contact: [a, b] }, EMPTY_LOOKUP);
    expect(describeProblems(inBatch)).toContain('客商「李四」的「手机」：手机号已属于客商');
    const stored = await checkBatch({ contact: [b] }, arrayLookup({ contact: [a] }));
    expect(stored).toHaveLength(1);
    // A deleted holder does not count, and a stored record the batch rewrites holds the batch's value.
    expect(
      await checkBatch({ contact: [b] }, arrayLookup({ contact: [{ ...a, deletedAt: a.updatedAt }] })),
    ).toEqual([]);
    expect(
      await checkBatch({ contact: [b, { ...a, mobile: '13900139000' }] }, arrayLookup({ contact: [a] })),
    ).toEqual([]);
  });

  it('refuses references to missing records; merge mode accepts a deleted target, a form save does not', async () => {
    const ev = sample.events[0]!;
    const d = { ...deal(), eventId: ev.id };
    expect(describeProblems(await checkBatch({ deal: [d] }, EMPTY_LOOKUP))).toContain(
      '所选签约活动不存在或已删除',
    );
    expect(await checkBatch({ deal: [d], event: [ev] }, EMPTY_LOOKUP)).toEqual([]);
    const gone = arrayLookup({ event: [{ ...ev, deletedAt: ev.updatedAt }] });
    expect(await checkBatch({ deal: [d] }, gone, { references: 'live' })).toHaveLength(1);
    expect(await checkBatch({ deal: [d] }, gone, { references: 'exists' })).toEqual([]);
  });

  it('refuses the same id twice, and ids such as __proto__ are plain data', async () => {
    const a = { ...contact(), id: '__proto__', mobile: undefined };
    const b = { ...contact(), id: 'constructor', mobile: undefined };
    expect(await checkBatch({ contact: [a, b] }, EMPTY_LOOKUP)).toEqual([]);
    const twice = await checkBatch({ contact: [a, { ...a }] }, EMPTY_LOOKUP);
    expect(describeProblems(twice)).toContain('同一编号的记录出现了两次');
  });

  it('checks a follow-up against the kind of record it follows', async () => {
    const f = sample.followUps[0]!;
    const targets = { deal: sample.deals, contact: sample.contacts, company: sample.companies };
    expect(await checkBatch({ followUp: [f] }, arrayLookup(targets))).toEqual([]);
    const wrongKind = { ...f, targetKind: f.targetKind === 'deal' ? 'contact' : 'deal' };
    expect(describeProblems(await checkBatch({ followUp: [wrongKind] }, arrayLookup(targets)))).toContain(
      '跟进对象不存在或已删除',
    );
  });
});

describe('messages', () => {
  it('tells a missing field from one of the wrong type', () => {
    const missing = { ...deal() } as Record<string, unknown>;
    delete missing.stageHistory;
    const m = checkRecord('deal', missing);
    expect(m.ok ? '' : describeProblems(m.problems)).toContain('「阶段变更」：缺少此项');
    const wrong = checkRecord('deal', { ...deal(), stageHistory: null });
    expect(wrong.ok ? '' : describeProblems(wrong.problems)).toContain('「阶段变更」：应为变更列表');
  });
});
