import type { Table } from 'dexie';
import { FUND_REPORT_FIELDS } from '../../../../shared/domain/fields';
import { parseMonth } from '../../../../shared/domain/progress';
import type { FundReport } from '../../../../shared/domain/records';
import { RecordRepository } from './base';
import { ValidationError } from './context';

export const MONTH_HINT = '月份应为如 2026-03 或 2026年3月';

/** 到位资金 and 完成投资 reported against a deal, month by month. */
export class FundReportRepository extends RecordRepository<FundReport> {
  protected readonly kind = 'fundReport' as const;
  protected readonly specs = FUND_REPORT_FIELDS;
  protected readonly noun = '资金记录';

  protected table(): Table<FundReport, string> {
    return this.ctx.db.fundReports;
  }

  protected override extraTables(): Table[] {
    return [this.ctx.db.deals];
  }

  /** The month is normalised (`2026年3月` → `2026-03`) before the field rules. */
  protected override validate(input: Record<string, unknown>): Record<string, unknown> {
    const raw = input.month;
    if (raw === undefined || raw === null || raw === '') return super.validate(input);
    const month = parseMonth(raw);
    if (!month) throw new ValidationError({ month: `${MONTH_HINT}：${String(raw)}` });
    return super.validate({ ...input, month });
  }

  /** Adds a report to a deal; `by` defaults to the user. */
  async add(dealId: string, input: Record<string, unknown>): Promise<FundReport> {
    if (typeof dealId !== 'string' || !dealId) throw new ValidationError({ dealId: '所属项目无效' });
    return this.create({ by: this.ctx.actor() || undefined, ...input }, { fixed: { dealId } });
  }

  /** A deal's live reports, newest month first. */
  async forDeal(dealId: string): Promise<FundReport[]> {
    const rows = await this.ctx.db.fundReports.where('dealId').equals(dealId).toArray();
    return rows
      .filter((f) => !f.deletedAt)
      .sort((a, b) =>
        a.month === b.month ? (a.createdAt < b.createdAt ? 1 : -1) : a.month < b.month ? 1 : -1,
      );
  }

  async all(): Promise<FundReport[]> {
    return (await this.ctx.db.fundReports.toArray()).filter((f) => !f.deletedAt);
  }
}
