import type { Table } from 'dexie';
import { DEAL_FIELDS } from '../../../../shared/domain/fields';
import { LIGHTS, MAX_OVERRIDE_REASON } from '../../../../shared/domain/lights';
import { editMilestones, tickMilestone, untickMilestone } from '../../../../shared/domain/milestones';
import type { ChangeCause, Deal, DealStage, Light, Milestone } from '../../../../shared/domain/records';
import { milestonesAfterStageChange, stageAfterTick } from '../../../../shared/domain/stageMilestones';
import { changeDealStage } from '../../../../shared/domain/stages';
import { RecordRepository } from './base';
import { ValidationError } from './context';

const EDIT: ChangeCause = { type: 'edit' };

export class DealRepository extends RecordRepository<Deal> {
  protected readonly kind = 'deal' as const;
  protected readonly specs = DEAL_FIELDS;
  protected readonly noun = '签约项目';

  protected table(): Table<Deal, string> {
    return this.ctx.db.deals;
  }

  protected override extraTables(): Table[] {
    return [this.ctx.db.events, this.ctx.db.contacts];
  }

  /**
   * Moves every deal of team `from` (deleted ones too, so a restore shows the
   * current name) to `to` in one transaction, each with its change-log entry:
   * the ledger shows the new name, the history keeps the old one.
   */
  async renameTeam(from: string, to: string): Promise<number> {
    return this.ctx.db.transaction('rw', this.tablesForWrite(), async () => {
      const deals = await this.ctx.db.deals.where('team').equals(from).toArray();
      for (const deal of deals) await this.replacePrepared(deal, { ...deal, team: to }, 'update', EDIT);
      return deals.filter((d) => !d.deletedAt).length;
    });
  }

  /**
   * A new deal starts at 已签约 when it has a signing date (the usual case:
   * logged at the signing), else at 在谈; its milestones come from the template.
   */
  protected override initialFields(value: Record<string, unknown>, today: string): Partial<Deal> {
    const signedDate = value.signedDate as string | undefined;
    const stage: DealStage = signedDate ? 'signed' : 'negotiating';
    const milestones: Milestone[] = this.ctx.settings().milestoneTemplate.map((name) => ({ name }));
    const signing = milestones.find((m) => m.name === '签约');
    if (signing && signedDate) {
      signing.plannedDate = signedDate;
      signing.doneDate = signedDate;
      signing.doneBy = this.ctx.actor();
      signing.doneAt = this.nowIso();
    }
    return {
      stage,
      stageHistory: [{ stage, date: signedDate ?? today, by: this.ctx.actor(), at: this.nowIso() }],
      milestones,
      contactIds: [],
    };
  }

  async changeStage(id: string, to: DealStage, date: string): Promise<Deal> {
    return this.mutate(
      id,
      (deal) => {
        const by = this.ctx.actor();
        const at = this.nowIso();
        const r = changeDealStage(deal.stageHistory, deal.stage, to, date, by, at);
        if (!r.ok) throw new ValidationError({ stage: r.error });
        // The stage's own milestone is ticked with it (shared/domain/stageMilestones.ts).
        const { milestones } = milestonesAfterStageChange(deal.milestones, to, date, by, at);
        return { ...deal, stage: to, stageHistory: r.value, milestones: [...milestones] };
      },
      'update',
    );
  }

  async linkContact(id: string, contactId: string): Promise<Deal> {
    return this.mutate(
      id,
      async (deal) => {
        const contact = await this.ctx.db.contacts.get(contactId);
        if (!contact || contact.deletedAt)
          throw new ValidationError({ contactIds: '所选客商不存在或已删除' });
        if (deal.contactIds.includes(contactId)) return deal;
        return { ...deal, contactIds: [...deal.contactIds, contactId] };
      },
      'update',
    );
  }

  async unlinkContact(id: string, contactId: string): Promise<Deal> {
    return this.mutate(
      id,
      (deal) => ({ ...deal, contactIds: deal.contactIds.filter((c) => c !== contactId) }),
      'update',
    );
  }

  async forContact(contactId: string): Promise<Deal[]> {
    const rows = await this.ctx.db.deals.where('contactIds').equals(contactId).toArray();
    return rows.filter((d) => !d.deletedAt);
  }

  async forEvent(eventId: string): Promise<Deal[]> {
    const rows = await this.ctx.db.deals.where('eventId').equals(eventId).toArray();
    return rows.filter((d) => !d.deletedAt);
  }

  /**
   * Ticks a milestone off (销号) on `date` (today by default), recording who
   * and when; a milestone that stands for a later stage moves the deal to it
   * on the same date (shared/domain/stageMilestones.ts).
   */
  async tickMilestone(id: string, name: string, date?: string): Promise<Deal> {
    return this.mutate(
      id,
      (deal) => {
        const today = this.today();
        const on = date ?? today;
        const by = this.ctx.actor();
        const at = this.nowIso();
        const r = tickMilestone(deal.milestones, name, on, by, at, today);
        if (!r.ok) throw new ValidationError({ milestones: r.error });
        const to = stageAfterTick(deal, name, on);
        if (!to) return { ...deal, milestones: r.value };
        const h = changeDealStage(deal.stageHistory, deal.stage, to, on, by, at);
        if (!h.ok) return { ...deal, milestones: r.value };
        return { ...deal, milestones: r.value, stage: to, stageHistory: h.value };
      },
      'update',
    );
  }

  /** Takes a tick back; the change log keeps who ticked it and when. */
  async untickMilestone(id: string, name: string): Promise<Deal> {
    return this.mutate(
      id,
      (deal) => {
        const r = untickMilestone(deal.milestones, name);
        if (!r.ok) throw new ValidationError({ milestones: r.error });
        return { ...deal, milestones: r.value };
      },
      'update',
    );
  }

  /** Replaces the deal's milestone list (add, remove, rename, reorder, planned dates); ticks stay with their names. */
  async setMilestones(id: string, edited: { name: string; plannedDate?: string }[]): Promise<Deal> {
    return this.mutate(
      id,
      (deal) => {
        const r = editMilestones(deal.milestones, edited);
        if (!r.ok) throw new ValidationError({ milestones: r.error });
        return { ...deal, milestones: r.value };
      },
      'update',
    );
  }

  /** A leader's override of the computed light; the reason is required. */
  async setLightOverride(id: string, light: Light, reason: string): Promise<Deal> {
    const text = typeof reason === 'string' ? reason.trim() : '';
    if (!LIGHTS.includes(light)) throw new ValidationError({ lightOverride: '请选择红灯、黄灯或绿灯' });
    if (!text) throw new ValidationError({ lightOverride: '请填写调整原因' });
    if (text.length > MAX_OVERRIDE_REASON) {
      throw new ValidationError({ lightOverride: `调整原因不能超过${MAX_OVERRIDE_REASON}个字` });
    }
    return this.mutate(
      id,
      (deal) => ({
        ...deal,
        lightOverride: { light, reason: text, by: this.ctx.actor(), at: this.nowIso() },
      }),
      'update',
    );
  }

  /** Back to the computed light. */
  async clearLightOverride(id: string): Promise<Deal> {
    return this.mutate(
      id,
      (deal) => {
        if (!deal.lightOverride) throw new ValidationError({ lightOverride: '该项目没有人工调整的亮灯' });
        const next = { ...deal };
        delete next.lightOverride;
        return next;
      },
      'update',
    );
  }
}
