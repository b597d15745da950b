import type { Table } from 'dexie';
import { PROBLEM_FIELDS } from '../../../../shared/domain/fields';
import type { Problem } from '../../../../shared/domain/records';
import { RecordRepository } from './base';
import { ValidationError } from './context';

/** The problem ledger (问题台账): problems raised on deals, followed to their resolution. */
export class ProblemRepository extends RecordRepository<Problem> {
  protected readonly kind = 'problem' as const;
  protected readonly specs = PROBLEM_FIELDS;
  protected readonly noun = '问题';

  protected table(): Table<Problem, string> {
    return this.ctx.db.problems;
  }

  protected override extraTables(): Table[] {
    return [this.ctx.db.deals];
  }

  /** Raises a problem on a deal: 待解决 and raised today unless the input says otherwise. */
  async raise(dealId: string, input: Record<string, unknown>): Promise<Problem> {
    if (typeof dealId !== 'string' || !dealId) throw new ValidationError({ dealId: '所属项目无效' });
    return this.create({ status: 'open', raisedDate: this.today(), ...input }, { fixed: { dealId } });
  }

  /** Marks a problem resolved with what was done; the date defaults to today. */
  async resolve(id: string, resolution: string, date?: string): Promise<Problem> {
    return this.update(id, { status: 'resolved', resolution, resolvedDate: date || this.today() });
  }

  async forDeal(dealId: string): Promise<Problem[]> {
    const rows = await this.ctx.db.problems.where('dealId').equals(dealId).toArray();
    return rows.filter((p) => !p.deletedAt).sort((a, b) => (a.raisedDate < b.raisedDate ? 1 : -1));
  }

  async all(): Promise<Problem[]> {
    return (await this.ctx.db.problems.toArray()).filter((p) => !p.deletedAt);
  }
}
