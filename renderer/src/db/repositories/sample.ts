import { todayIso } from '../../../../shared/domain/dates';
import type { ChangeCause, ChangeEntry, RecordKind } from '../../../../shared/domain/records';
import { generateSample, type SampleData, type SampleOptions } from '../../../../shared/sample/generate';
import { diffRecords, makeChangeEntry } from './changeLog';
import type { RepoContext } from './context';
import { ValidationError } from './context';

const SAMPLE: ChangeCause = { type: 'sample' };

/** The sample dataset (示例数据): offered when the ledger is empty, written in one transaction. */
export class SampleRepository {
  constructor(private readonly ctx: RepoContext) {}

  /** True when the ledger holds no records at all (deleted ones count as records). */
  async isEmpty(): Promise<boolean> {
    const db = this.ctx.db;
    // One key of each table, not a count: counting walks every row of a large table.
    const firstKeys = await Promise.all(
      [
        db.deals,
        db.contacts,
        db.companies,
        db.events,
        db.followUps,
        db.targets,
        db.fundReports,
        db.problems,
      ].map((t) => t.limit(1).primaryKeys()),
    );
    return firstKeys.every((keys) => keys.length === 0);
  }

  /** Generates the sample relative to today and loads it. */
  async loadGenerated(opts: Omit<SampleOptions, 'today'> = {}): Promise<SampleData> {
    const data = generateSample({
      ...opts,
      today: todayIso(this.ctx.now()),
      actor: this.ctx.actor() || '示例数据',
    });
    await this.load(data);
    return data;
  }

  /**
   * Writes the records and one create entry each in the change log, all or
   * nothing. Refused when the ledger is not empty, so sample records never mix
   * into real ones.
   */
  async load(data: SampleData, opts: { allowNonEmpty?: boolean } = {}): Promise<void> {
    const db = this.ctx.db;
    await db.transaction(
      'rw',
      [
        db.deals,
        db.contacts,
        db.companies,
        db.events,
        db.followUps,
        db.targets,
        db.fundReports,
        db.problems,
        db.changes,
      ],
      async () => {
        if (!opts.allowNonEmpty && !(await this.isEmpty())) {
          throw new ValidationError({}, '台账中已有数据，不能加载示例数据');
        }
        const at = this.ctx.now().toISOString();
        const entries: ChangeEntry[] = [];
        const logged = <T extends { id: string }>(kind: RecordKind, rows: T[]) => {
          for (const row of rows)
            entries.push(
              makeChangeEntry(this.ctx, kind, row.id, 'create', diffRecords(undefined, row), SAMPLE, at),
            );
          return rows;
        };
        await db.events.bulkAdd(logged('event', data.events));
        await db.contacts.bulkAdd(logged('contact', data.contacts));
        await db.deals.bulkAdd(logged('deal', data.deals));
        await db.companies.bulkAdd(logged('company', data.companies));
        await db.followUps.bulkAdd(logged('followUp', data.followUps));
        await db.targets.bulkAdd(logged('target', data.targets));
        await db.fundReports.bulkAdd(logged('fundReport', data.fundReports));
        await db.problems.bulkAdd(logged('problem', data.problems));
        await db.changes.bulkAdd(entries);
      },
    );
  }
}
