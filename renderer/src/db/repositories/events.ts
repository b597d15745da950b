import type { Table } from 'dexie';
import { EVENT_FIELDS } from '../../../../shared/domain/fields';
import type { LedgerEvent } from '../../../../shared/domain/records';
import { RecordRepository } from './base';

export class EventRepository extends RecordRepository<LedgerEvent> {
  protected readonly kind = 'event' as const;
  protected readonly specs = EVENT_FIELDS;
  protected readonly noun = '活动';

  protected table(): Table<LedgerEvent, string> {
    return this.ctx.db.events;
  }
}
