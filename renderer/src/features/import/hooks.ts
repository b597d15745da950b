import { useLiveQuery } from 'dexie-react-hooks';
import type { ImportBatch } from '../../../../shared/domain/records';
import { importSelectors } from './store';

export function useImportBatches(): ImportBatch[] | undefined {
  return useLiveQuery(importSelectors.batches, []);
}
