import type { Table } from 'dexie';
import { latestFollowUpDates } from '../../../../shared/domain/lights';
import { FOLLOW_UP_FIELDS } from '../../../../shared/domain/fields';
import { TABLE_OF_KIND, type FollowUp } from '../../../../shared/domain/records';
import { RecordRepository } from './base';
import { ValidationError } from './context';

type Target = FollowUp['targetKind'];

export class FollowUpRepository extends RecordRepository<FollowUp> {
  protected readonly kind = 'followUp' as const;
  protected readonly specs = FOLLOW_UP_FIELDS;
  protected readonly noun = '跟进记录';

  protected table(): Table<FollowUp, string> {
    return this.ctx.db.followUps;
  }

  protected override extraTables(): Table[] {
    return [this.ctx.db.deals, this.ctx.db.contacts, this.ctx.db.companies];
  }

  private targetTable(kind: Target): Table<{ id: string; deletedAt?: string }, string> {
    return this.ctx.db[TABLE_OF_KIND[kind]];
  }

  /** Adds a follow-up to a deal, contact or company; `by` defaults to the user. */
  async add(targetKind: Target, targetId: string, input: Record<string, unknown>): Promise<FollowUp> {
    if (typeof targetId !== 'string' || !targetId) throw new ValidationError({ targetId: '跟进对象无效' });
    const withBy = { by: this.ctx.actor() || undefined, ...input };
    return this.create(withBy, { fixed: { targetKind, targetId } });
  }

  /** Follow-ups of one record, newest first. */
  async forTarget(targetKind: Target, targetId: string): Promise<FollowUp[]> {
    const rows = await this.ctx.db.followUps
      .where('[targetKind+targetId]')
      .equals([targetKind, targetId])
      .toArray();
    return rows
      .filter((f) => !f.deletedAt)
      .sort((a, b) => (a.date === b.date ? (a.createdAt < b.createdAt ? 1 : -1) : a.date < b.date ? 1 : -1));
  }

  /**
   * The newest live follow-up date of every record of one kind, by record
   * id: one indexed query for a whole list (ids are strings, so '' .. '\uffff'
   * spans them all). Lights need only this date.
   */
  async latestDates(targetKind: Target): Promise<Map<string, string>> {
    const rows = await this.ctx.db.followUps
      .where('[targetKind+targetId]')
      .between([targetKind, ''], [targetKind, '\uffff'], true, true)
      .toArray();
    return latestFollowUpDates(rows, targetKind);
  }

  /** Live follow-ups of every kind (for the overview and reports). */
  async all(): Promise<FollowUp[]> {
    return (await this.ctx.db.followUps.toArray()).filter((f) => !f.deletedAt);
  }
}
