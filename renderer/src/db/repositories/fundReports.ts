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

  /**
   * Imports rows of a funds sheet (项目名称, 月份, 到位资金 / 完成投资) in one
   * transaction: each project is found by its exact name among live deals.
   * All or nothing: an unknown or ambiguous name refuses the whole sheet with
   * the rows named.
   */
  async importByName(
    rows: readonly { row: number; name: string; month: string; funds?: number; invested?: number }[],
    note: string,
  ): Promise<number> {
    const db = this.ctx.db;
    return db.transaction('rw', this.tablesForWrite(), async () => {
      const names = [...new Set(rows.map((r) => r.name))];
      const found = (await db.deals.where('name').anyOf(names).toArray()).filter((d) => !d.deletedAt);
      const byName = new Map<string, string[]>();
      for (const d of found) byName.set(d.name, [...(byName.get(d.name) ?? []), d.id]);
      const problems = rows.flatMap((r) => {
        const ids = byName.get(r.name) ?? [];
        if (ids.length === 1) return [];
        return [`第${r.row}行「${r.name}」${ids.length ? '与多个项目同名' : '在台账中找不到'}`];
      });
      if (problems.length)
        throw new ValidationError(
          {},
          `未导入任何数据：${problems.slice(0, 3).join('；')}${problems.length > 3 ? `等${problems.length}处` : ''}。请先核对项目名称。`,
        );
      const records = rows.flatMap((r) =>
        (['funds', 'invested'] as const)
          .filter((kind) => r[kind])
          .map((kind) =>
            this.prepareCreate(
              { kind, month: r.month, amount: r[kind], note, by: this.ctx.actor() || undefined },
              { fixed: { dealId: byName.get(r.name)![0]! } },
            ),
          ),
      );
      await this.insertManyPrepared(records, { type: 'edit' });
      return records.length;
    });
  }

  async all(): Promise<FundReport[]> {
    return (await this.ctx.db.fundReports.toArray()).filter((f) => !f.deletedAt);
  }
}
