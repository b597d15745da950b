import type { FieldSpec } from '../../../../shared/domain/fields';
import { FIELDS_BY_KIND, KIND_LABELS } from '../../../../shared/domain/fields';
import type { BaseRecord } from '../../../../shared/domain/records';
import { repos } from '../../app/services';
import type { RecordRepository } from '../../db/repositories/base';

export type LedgerKind = 'deal' | 'contact' | 'company' | 'event';

export interface KindInfo {
  kind: LedgerKind;
  noun: string;
  section: string;
  fields: FieldSpec[];
  repo(): RecordRepository<BaseRecord & Record<string, unknown>>;
}

const repoOf = (kind: LedgerKind) => () => {
  const r = repos();
  const map = { deal: r.deals, contact: r.contacts, company: r.companies, event: r.events };
  return map[kind] as unknown as RecordRepository<BaseRecord & Record<string, unknown>>;
};

export const KINDS: Record<LedgerKind, KindInfo> = {
  deal: {
    kind: 'deal',
    noun: KIND_LABELS.deal,
    section: 'deals',
    fields: FIELDS_BY_KIND.deal,
    repo: repoOf('deal'),
  },
  contact: {
    kind: 'contact',
    noun: KIND_LABELS.contact,
    section: 'contacts',
    fields: FIELDS_BY_KIND.contact,
    repo: repoOf('contact'),
  },
  company: {
    kind: 'company',
    noun: KIND_LABELS.company,
    section: 'companies',
    fields: FIELDS_BY_KIND.company,
    repo: repoOf('company'),
  },
  event: {
    kind: 'event',
    noun: KIND_LABELS.event,
    section: 'events',
    fields: FIELDS_BY_KIND.event,
    repo: repoOf('event'),
  },
};
