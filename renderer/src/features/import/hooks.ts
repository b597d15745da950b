import { useLiveQuery } from 'dexie-react-hooks';
import type { ImportBatch } from '../../../../shared/domain/records';
import { repos } from '../../app/services';

export function useImportBatches(): ImportBatch[] | undefined {
  return useLiveQuery(() => repos().imports.list(), []);
}
