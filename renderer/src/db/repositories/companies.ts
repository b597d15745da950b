import type { Table } from 'dexie';
import { COMPANY_FIELDS } from '../../../../shared/domain/fields';
import type { Company, CompanyStatus } from '../../../../shared/domain/records';
import { changeCompanyStatus } from '../../../../shared/domain/stages';
import { validateField } from '../../../../shared/domain/validate';
import { RecordRepository } from './base';
import { ValidationError } from './context';

export class CompanyRepository extends RecordRepository<Company> {
  protected readonly kind = 'company' as const;
  protected readonly specs = COMPANY_FIELDS;
  protected readonly noun = '企业';

  protected table(): Table<Company, string> {
    return this.ctx.db.companies;
  }

  protected override extraTables(): Table[] {
    return [this.ctx.db.deals];
  }

  protected override initialFields(value: Record<string, unknown>, today: string): Partial<Company> {
    return {
      status: 'signed',
      statusHistory: [
        {
          stage: 'signed',
          date: (value.signedDate as string | undefined) ?? today,
          by: this.ctx.actor(),
          at: this.nowIso(),
        },
      ],
      contactIds: [],
    };
  }

  /**
   * Moves the company along its status path. Registering needs the USCC and
   * the registration date; they may be given here and are written together.
   */
  async changeStatus(
    id: string,
    to: CompanyStatus,
    date: string,
    registration: { uscc?: string; registeredDate?: string } = {},
  ): Promise<Company> {
    return this.mutate(
      id,
      (company) => {
        const next = { ...company };
        const errors: Record<string, string> = {};
        for (const key of ['uscc', 'registeredDate'] as const) {
          if (registration[key] === undefined || registration[key] === '') continue;
          const spec = COMPANY_FIELDS.find((f) => f.key === key)!;
          const r = validateField(spec, registration[key]);
          if (r.ok) next[key] = r.value as string;
          else errors[key] = r.error;
        }
        if (Object.keys(errors).length) throw new ValidationError(errors);
        const r = changeCompanyStatus(next, to, date, this.ctx.actor(), this.nowIso());
        if (!r.ok) throw new ValidationError({ status: r.error });
        return { ...next, status: to, statusHistory: r.value };
      },
      'update',
    );
  }

  async forDeal(dealId: string): Promise<Company[]> {
    const rows = await this.ctx.db.companies.where('dealId').equals(dealId).toArray();
    return rows.filter((c) => !c.deletedAt);
  }

  async forContact(contactId: string): Promise<Company[]> {
    const rows = await this.ctx.db.companies.where('contactIds').equals(contactId).toArray();
    return rows.filter((c) => !c.deletedAt);
  }
}
