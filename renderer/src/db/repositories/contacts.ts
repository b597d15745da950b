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

  async findByMobile(mobile: string): Promise<Contact | undefined> {
    const rows = await this.ctx.db.contacts.where('mobile').equals(mobile).toArray();
    return rows.find((c) => !c.deletedAt);
  }
}
