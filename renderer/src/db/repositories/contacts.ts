import type { Table } from 'dexie';
import { CONTACT_FIELDS } from '../../../../shared/domain/fields';
import type { Contact } from '../../../../shared/domain/records';
import { RecordRepository } from './base';

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
  protected override async crossCheck(contact: Contact): Promise<Record<string, string>> {
    const errors: Record<string, string> = {};
    if (contact.mobile) {
      const same = await this.ctx.db.contacts.where('mobile').equals(contact.mobile).toArray();
      const other = same.find((c) => c.id !== contact.id && !c.deletedAt);
      if (other) errors.mobile = `手机号已属于客商「${other.name}」`;
    }
    if (contact.eventId) {
      const event = await this.ctx.db.events.get(contact.eventId);
      if (!event || event.deletedAt) errors.eventId = '所选来源活动不存在或已删除';
    }
    return errors;
  }

  async findByMobile(mobile: string): Promise<Contact | undefined> {
    const rows = await this.ctx.db.contacts.where('mobile').equals(mobile).toArray();
    return rows.find((c) => !c.deletedAt);
  }
}
