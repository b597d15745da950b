/**
 * The company pages' store: the status change (注册进度) and the reads the
 * pages show. Status and registration live on the record; the page keeps no
 * shared state of its own.
 */
import type { CompanyStatus } from '../../../../shared/domain/records';
import { repos } from '../../app/services';

export const companyActions = {
  changeStatus: (
    companyId: string,
    to: CompanyStatus,
    date: string,
    registration?: { uscc?: string; registeredDate?: string },
  ) => repos().companies.changeStatus(companyId, to, date, registration),
};

export const companySelectors = {
  ofContact: (contactId: string) => repos().companies.forContact(contactId),
};
