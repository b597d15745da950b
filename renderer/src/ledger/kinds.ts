import type { FieldSpec } from '../../../shared/domain/fields';
import { FIELDS_BY_KIND, KIND_LABELS } from '../../../shared/domain/fields';
import type { LedgerKind } from '../../../shared/domain/records';

export type { LedgerKind } from '../../../shared/domain/records';

/** What the list, form and detail pages need to know about one kind (its repository: store.ts). */
export interface KindInfo<K extends LedgerKind> {
  kind: K;
  noun: string;
  section: string;
  fields: FieldSpec[];
}

function info<K extends LedgerKind>(kind: K, section: string): KindInfo<K> {
  return { kind, noun: KIND_LABELS[kind], section, fields: FIELDS_BY_KIND[kind] };
}

/** Kind → its page section and fields. */
export const KINDS: { [K in LedgerKind]: KindInfo<K> } = {
  deal: info('deal', 'deals'),
  contact: info('contact', 'contacts'),
  company: info('company', 'companies'),
  event: info('event', 'events'),
};
