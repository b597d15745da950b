import type { Table } from 'dexie';
import { TARGET_FIELDS } from '../../../../shared/domain/fields';
import { MAX_YEAR, MIN_YEAR } from '../../../../shared/domain/dates';
import type { ChangeCause, Target } from '../../../../shared/domain/records';
import { cleanText } from '../../../../shared/domain/text';
import { RecordRepository } from './base';
import { ValidationError } from './context';

const EDIT: ChangeCause = { type: 'edit' };

export interface TargetRow {
  /** '' for the county. */
  team: string;
  values: Record<string, unknown>;
}

/**
 * Targets (目标任务): one record per year and team ('' for the county), its
 * figures edited in place; every change goes to the change log.
 */
export class TargetRepository extends RecordRepository<Target> {
  protected readonly kind = 'target' as const;
  protected readonly specs = TARGET_FIELDS;
  protected readonly noun = '目标任务';

  protected table(): Table<Target, string> {
    return this.ctx.db.targets;
  }

  /** Live targets of one year. */
  async forYear(year: number): Promise<Target[]> {
    return (await this.ctx.db.targets.where('year').equals(year).toArray()).filter((t) => !t.deletedAt);
  }

  /** Every live target (the overview and reports need this year's and last year's). */
  async all(): Promise<Target[]> {
    return (await this.ctx.db.targets.toArray()).filter((t) => !t.deletedAt);
  }

  /**
   * Moves the targets of team `from` to `to`, each change logged, except a
   * year where `to` already has its own: that one stays under the old name,
   * which the rename keeps as an alias, so it still counts for the team.
   */
  async renameTeam(from: string, to: string): Promise<number> {
    return this.ctx.db.transaction('rw', this.tablesForWrite(), async () => {
      let moved = 0;
      for (const t of await this.ctx.db.targets
        .toCollection()
        .filter((x) => x.team === from)
        .toArray()) {
        const taken = await this.ctx.db.targets.where('[year+team]').equals([t.year, to]).first();
        if (taken) continue;
        await this.replacePrepared(t, { ...t, team: to }, 'update', EDIT);
        moved += 1;
      }
      return moved;
    });
  }

  /**
   * Sets the figures of many teams of one year at once (the settings grid,
   * an imported sheet), in one transaction: a team without a record gets
   * one, a deleted one is restored, a team left with no figure keeps its
   * record with the figures cleared. All or nothing: one bad cell refuses
   * the whole grid with the team named.
   */
  async setYear(year: number, rows: readonly TargetRow[], cause: ChangeCause = EDIT): Promise<number> {
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR)
      throw new ValidationError({ year: '年度无效' }, `年度无效：${year}`);
    const prepared = rows.map((row) => {
      const team = cleanText(row.team, 60) ?? '';
      try {
        return { team, value: this.validate(row.values) };
      } catch (e) {
        if (e instanceof ValidationError)
          throw new ValidationError(
            e.fieldErrors,
            `${team || '全县'}：${Object.values(e.fieldErrors).join('；')}`,
          );
        throw e;
      }
    });
    return this.ctx.db.transaction('rw', this.tablesForWrite(), async () => {
      let changed = 0;
      for (const { team, value } of prepared) {
        const existing = await this.ctx.db.targets.where('[year+team]').equals([year, team]).first();
        if (!existing) {
          if (!Object.keys(value).length) continue;
          await this.insertPrepared(this.prepareCreate(value, { fixed: { year, team } }), cause);
          changed += 1;
          continue;
        }
        let next = this.prepareUpdate(existing, value);
        for (const spec of this.specs)
          if (value[spec.key] === undefined) Reflect.deleteProperty(next, spec.key);
        if (next.deletedAt) {
          next = { ...next };
          delete next.deletedAt;
        }
        const written = await this.replacePrepared(
          existing,
          next,
          existing.deletedAt ? 'restore' : 'update',
          cause,
        );
        if (written !== existing) changed += 1;
      }
      return changed;
    });
  }
}
