import type { Table } from 'dexie';
import { CONTACT_FIELDS } from '../../../../shared/domain/fields';
import type { Contact } from '../../../../shared/domain/records';
import { RecordRepository, type Reference, type Unique } from './base';

export class ContactRepository extends RecordRepository<Contact> {
  protected readonly kind = 'contact' as const;
  protected readonly specs = CONTACT_FIELDS;
  protected readonly noun = '客商';

  protected table(): Table<Contact, string> {
    return this.ctx.db.contacts;
  }

  protected override extraTables(): Table[] {
    return [this.ctx.db.events];
  }

  protected override initialFields(): Partial<Contact> {
    return { tags: [] };
  }

  /** The mobile is the natural key (SPEC §2.2): two live contacts never share one. */
  protected override uniques(): Unique<Contact>[] {
    return [{ field: 'mobile', message: (other) => `手机号已属于客商「${other.name}」` }];
  }

  protected override references(): Reference[] {
    return [{ field: 'eventId', table: this.ctx.db.events, message: '所选来源活动不存在或已删除' }];
  }

  async findByMobile(mobile: string): Promise<Contact | undefined> {
    const rows = await this.ctx.db.contacts.where('mobile').equals(mobile).toArray();
    return rows.find((c) => !c.deletedAt);
  }
}
