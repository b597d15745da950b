import { describe, expect, it } from 'vitest';
import { generateSample } from '../../shared/sample/generate';
import { checkSyncedRecord, checkSyncedRecordJson } from '../../shared/sync/records';
import { resolveVersions } from '../../shared/sync/core';
import type { BaseRecord } from '../../shared/domain/records';

describe('the record check of sync', () => {
  const sample = generateSample({ today: '2026-10-15', deals: 300, contacts: 300, companies: 150 });
  const all = [
    ...sample.deals.map((r) => ['deal', r] as const),
    ...sample.contacts.map((r) => ['contact', r] as const),
    ...sample.companies.map((r) => ['company', r] as const),
    ...sample.events.map((r) => ['event', r] as const),
    ...sample.followUps.map((r) => ['followUp', r] as const),
  ];

  it('accepts every record the app itself writes (the sample ledger)', () => {
    for (const [kind, record] of all) {
      const r = checkSyncedRecord(kind, record);
      expect(r.ok ? 'ok' : `${kind} ${record.id}: ${r.error}`).toBe('ok');
    }
  });

  it('refuses wrong stored types through the gate, naming the field in Chinese', () => {
    const d = sample.deals[0]!;
    const r = checkSyncedRecord('deal', { ...d, agreedInvestment: '八亿' });
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toContain('协议投资额');
    expect(checkSyncedRecord('deal', { ...d, stage: 'flying' })).toMatchObject({ ok: false });
    expect(checkSyncedRecord('deal', { ...d, agreedInvestment: [] })).toMatchObject({ ok: false });
    expect(checkSyncedRecord('deal', { ...d, notes: '空\u0000字符' })).toMatchObject({ ok: false });
    expect(checkSyncedRecord('contact', { ...sample.contacts[0]!, mobile: '1381234' })).toMatchObject({
      ok: false,
    });
    expect(checkSyncedRecord('deal', { ...d, notes: '坏\ud800字' })).toMatchObject({ ok: false });
    expect(checkSyncedRecord('deal', { ...d, notes: '坏\udc00字' })).toMatchObject({ ok: false });
    expect(checkSyncedRecord('deal', { ...d, notes: '尾巴\ud842' })).toMatchObject({ ok: false });
  });

  it('keeps characters beyond the BMP (a surrogate pair) and gives the JSON it checked', () => {
    const d = { ...sample.deals[0]!, notes: '𠮷野家 𡈽 📈' };
    const r = checkSyncedRecordJson('deal', d);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.record).toBe(d);
      expect(JSON.parse(r.value.json)).toEqual(d);
    }
  });
});

describe('the merge core', () => {
  const v = (updatedAt: string, notes = ''): BaseRecord =>
    ({ id: 'x', createdAt: '2026-01-01', updatedAt, createdBy: 'a', updatedBy: 'a', notes }) as BaseRecord;

  it('keeps the newer version and lists a conflict only when both sides changed', () => {
    expect(resolveVersions(undefined, v('2026-10-15'), true)).toEqual({ take: true });
    expect(resolveVersions(v('2026-10-15'), v('2026-10-16'), false)).toEqual({ take: true });
    expect(resolveVersions(v('2026-10-16'), v('2026-10-15'), false)).toEqual({ take: false });
    expect(resolveVersions(v('2026-10-15'), v('2026-10-16'), true)).toEqual({
      take: true,
      conflict: { winner: 'incoming' },
    });
    expect(resolveVersions(v('2026-10-16'), v('2026-10-15'), true)).toEqual({
      take: false,
      conflict: { winner: 'held' },
    });
    expect(resolveVersions(v('2026-10-16', 'a'), v('2026-10-16', 'a'), true)).toEqual({ take: false });
  });

  it('picks the same winner whichever side holds which version', () => {
    const a = v('2026-10-16', '甲');
    const b = v('2026-10-16', '乙');
    expect(resolveVersions(a, b, true).take).toBe(!resolveVersions(b, a, true).take);
  });
});
