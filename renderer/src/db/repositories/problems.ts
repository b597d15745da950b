import type { Table } from 'dexie';
import { PROBLEM_FIELDS } from '../../../../shared/domain/fields';
import type { Problem } from '../../../../shared/domain/records';
import { RecordRepository, type Reference } from './base';
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

  protected override references(): Reference[] {
    return [{ field: 'dealId', table: this.ctx.db.deals, message: '所属项目不存在或已删除' }];
  }

  protected override ownChecks(p: Problem): Record<string, string> {
    const errors: Record<string, string> = {};
    if (p.deadline && p.deadline < p.raisedDate) errors.deadline = '办结时限不能早于提出日期';
    if (p.status === 'resolved') {
      if (!p.resolution) errors.resolution = '问题已解决时请填写解决情况';
      if (!p.resolvedDate) errors.resolvedDate = '问题已解决时请填写解决日期';
      else if (p.resolvedDate < p.raisedDate) errors.resolvedDate = '解决日期不能早于提出日期';
    }
    return errors;
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
