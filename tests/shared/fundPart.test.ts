import { describe, expect, it } from 'vitest';
import { fundMonthsIn, fundPartOf, fundTotalsOf } from '../../shared/domain/derived';
import { fundTotalsByDeal } from '../../shared/domain/progress';
import type { FundReport } from '../../shared/domain/records';

let n = 0;
function report(month: string, kind: FundReport['kind'], amount: number, deletedAt?: string): FundReport {
  const at = '2026-11-30T08:00:00.000Z';
  return {
    id: `f${++n}`,
    dealId: 'deal-1',
    kind,
    month,
    amount,
    createdAt: at,
    updatedAt: at,
    createdBy: '甘霞',
    updatedBy: '甘霞',
    ...(deletedAt ? { deletedAt } : {}),
  };
}

describe("a deal row's fund part", () => {
  it('sums the live reports by month, oldest month first, and reads back the same amounts', () => {
    const reports = [
      report('2026-07', 'funds', 12_000_000),
      report('2026-06', 'funds', 84_370_000),
      report('2026-06', 'invested', 0.1),
      report('2026-06', 'invested', 0.2),
      report('2026-07', 'funds', 5_000_000, '2026-11-30T09:00:00.000Z'),
      report('2025-12', 'invested', 1_234_567_890_123.45),
    ];
    const part = fundPartOf(reports);
    expect(part).toBe('2025-12,0,1234567890123.45;2026-06,84370000,0.30000000000000004;2026-07,12000000,0');
    expect(fundMonthsIn({ funds: part })).toEqual([
      { month: '2025-12', funds: 0, invested: 1_234_567_890_123.45 },
      { month: '2026-06', funds: 84_370_000, invested: 0.1 + 0.2 },
      { month: '2026-07', funds: 12_000_000, invested: 0 },
    ]);
    expect(fundTotalsOf({ funds: part })).toEqual({
      funds: 96_370_000,
      invested: 1_234_567_890_123.45 + 0.1 + 0.2,
    });
    const whole = fundTotalsByDeal(reports).get('deal-1')!;
    expect(fundTotalsOf({ funds: part }).funds).toBe(whole.funds);
    expect(fundTotalsOf({ funds: part }).invested).toBeCloseTo(whole.invested, 2);
  });

  it('is absent for a deal with no live report', () => {
    expect(fundPartOf([])).toBeUndefined();
    expect(fundPartOf([report('2026-06', 'funds', 100, '2026-11-30T09:00:00.000Z')])).toBeUndefined();
    expect(fundMonthsIn({})).toEqual([]);
    expect(fundTotalsOf(undefined)).toEqual({ funds: 0, invested: 0 });
  });
});
