import { validateMobile } from '../../../../shared/domain/mobile';
import type { Contact, Deal } from '../../../../shared/domain/records';
import type { ContactRepository } from './contacts';
import { ValidationError, type RepoContext } from './context';
import type { DealRepository } from './deals';

/** One signing as typed at the fair; amounts already in 元. */
export interface QuickEntryInput {
  name?: string;
  investor?: string;
  agreedInvestment?: number;
  industry?: string;
  team?: string;
  eventId?: string;
  contactName?: string;
  mobile?: string;
  notes?: string;
}

export interface QuickEntryResult {
  deal: Deal;
  contact?: Contact;
  /** True when the contact was new, false when the mobile matched an existing one. */
  contactCreated: boolean;
}

export interface DayTally {
  count: number;
  sum: number;
}

/**
 * Quick entry (SPEC §6): a signing, its contact and the link between them
 * are written in one transaction, so a crash leaves all three or none.
 */
export class QuickEntryRepository {
  constructor(
    private readonly ctx: RepoContext,
    private readonly deals: DealRepository,
    private readonly contacts: ContactRepository,
  ) {}

  private today(): string {
    const d = this.ctx.now();
    const p = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  }

  async save(input: QuickEntryInput): Promise<QuickEntryResult> {
    const db = this.ctx.db;
    const contactName = input.contactName?.trim() || undefined;
    const mobile = input.mobile?.trim() || undefined;
    let normalised: string | undefined;
    if (mobile) {
      const r = validateMobile(mobile);
      if (!r.ok) throw new ValidationError({ mobile: r.error });
      normalised = r.value;
    }
    const dealInput = {
      name: input.name,
      investor: input.investor,
      agreedInvestment: input.agreedInvestment,
      industry: input.industry,
      team: input.team,
      eventId: input.eventId,
      signedDate: this.today(),
      notes: input.notes,
    };
    // Nested repository writes join this transaction: one commit for all.
    return db.transaction('rw', [db.deals, db.contacts, db.events, db.changes], async () => {
      let contact: Contact | undefined;
      let contactCreated = false;
      if (contactName || mobile) {
        contact = normalised ? await this.contacts.findByMobile(normalised) : undefined;
        if (!contact) {
          // The mobile may belong to a known contact; only a new one needs a name.
          if (!contactName) throw new ValidationError({ contactName: '新客商请填写姓名' });
          contact = await this.contacts.create({
            name: contactName,
            mobile,
            company: input.investor,
            eventId: input.eventId,
          });
          contactCreated = true;
        }
      }
      const deal = await this.deals.create(dealInput, { fixed: contact ? { contactIds: [contact.id] } : {} });
      return { deal, contact, contactCreated };
    });
  }

  /** Signings dated today, at one event (or at all events when none is given). */
  async tallyToday(eventId: string | null): Promise<DayTally> {
    const today = this.today();
    const rows = eventId
      ? await this.ctx.db.deals.where('eventId').equals(eventId).toArray()
      : await this.ctx.db.deals.where('signedDate').equals(today).toArray();
    const live = rows.filter((d) => !d.deletedAt && d.signedDate === today);
    return { count: live.length, sum: live.reduce((s, d) => s + (d.agreedInvestment ?? 0), 0) };
  }
}
