import { useLiveQuery } from 'dexie-react-hooks';
import type { ImportBatch } from '../../../../shared/domain/records';
import { importSelectors } from './selectors';

export function useImportBatches(): ImportBatch[] | undefined {
  return useLiveQuery(importSelectors.batches, []);
}
