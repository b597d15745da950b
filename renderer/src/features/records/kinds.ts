import type { FieldSpec } from '../../../../shared/domain/fields';
import { FIELDS_BY_KIND, KIND_LABELS } from '../../../../shared/domain/fields';
import { TABLE_OF_KIND, type LedgerKind, type RecordOf } from '../../../../shared/domain/records';
import { repos } from '../../app/services';
import type { RecordRepository } from '../../db/repositories/base';

export type { LedgerKind } from '../../../../shared/domain/records';

/** What the list, form and detail pages need to know about one kind. */
export interface KindInfo<K extends LedgerKind> {
  kind: K;
  noun: string;
  section: string;
  fields: FieldSpec[];
  repo(): RecordRepository<RecordOf<K>>;
}

function info<K extends LedgerKind>(
  kind: K,
  section: string,
  repo: () => RecordRepository<RecordOf<K>>,
): KindInfo<K> {
  return { kind, noun: KIND_LABELS[kind], section, fields: FIELDS_BY_KIND[kind], repo };
}

/** Kind → its page section, fields and repository (the table named by TABLE_OF_KIND). */
export const KINDS: { [K in LedgerKind]: KindInfo<K> } = {
  deal: info('deal', 'deals', () => repos()[TABLE_OF_KIND.deal]),
  contact: info('contact', 'contacts', () => repos()[TABLE_OF_KIND.contact]),
  company: info('company', 'companies', () => repos()[TABLE_OF_KIND.company]),
  event: info('event', 'events', () => repos()[TABLE_OF_KIND.event]),
};
