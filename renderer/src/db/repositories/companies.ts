import type { Table } from 'dexie';
import { COMPANY_FIELDS } from '../../../../shared/domain/fields';
import type { Company, CompanyStatus } from '../../../../shared/domain/records';
import { changeCompanyStatus, COMPANY_MAIN_PATH } from '../../../../shared/domain/stages';
import { validateField } from '../../../../shared/domain/validate';
import { RecordRepository, type Reference, type Unique } from './base';
import { ValidationError } from './context';

const REGISTERED_OR_LATER = new Set<CompanyStatus>(
  COMPANY_MAIN_PATH.slice(COMPANY_MAIN_PATH.indexOf('registered')),
);

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

  protected override ownChecks(company: Company): Record<string, string> {
    const errors: Record<string, string> = {};
    if (REGISTERED_OR_LATER.has(company.status)) {
      if (!company.uscc) errors.uscc = '已注册的企业必须有统一社会信用代码';
      if (!company.registeredDate) errors.registeredDate = '已注册的企业必须有注册日期';
    }
    return errors;
  }

  protected override uniques(): Unique<Company>[] {
    return [{ field: 'uscc', message: (other) => `统一社会信用代码已属于企业「${other.name}」` }];
  }

  protected override references(): Reference[] {
    return [{ field: 'dealId', table: this.ctx.db.deals, message: '所选关联项目不存在或已删除' }];
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
