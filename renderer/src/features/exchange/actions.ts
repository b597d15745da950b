/** Exchange file actions called by the page: files in and out through the platform. */
import {
  decodeExchangeFile,
  encodeExchangeFile,
  EXCHANGE_EXTENSION,
  exchangeFileName,
} from '../../../../shared/exchange/format';
import { services } from '../../app/services';
import type { ConflictChoice, ImportPreview } from '../../db/repositories/exchange';
import { backupBefore } from '../backups/actions';

// What the page needs from the repositories to show a preview: conflict keys and field differences.
export {
  conflictKey,
  type ConflictChoice,
  type ImportPreview,
  type PeerState,
} from '../../db/repositories/exchange';
export { diffRecords } from '../../db/repositories/changeLog';

const FILTERS = [{ name: '交换文件', extensions: [EXCHANGE_EXTENSION] }];

export function identity() {
  return services().repos.exchange.identity();
}

export function peers() {
  return services().repos.exchange.peers();
}

export function renameCopy(name: string) {
  return services().repos.exchange.setName(name);
}

/** Builds and saves the file; remembers the export only once the file was saved. */
export async function exportExchange(
  peerId?: string,
): Promise<{ saved: boolean; records: number; name: string }> {
  const { repos, platform } = services();
  const file = await repos.exchange.buildFile(peerId);
  const name = exchangeFileName(file.source, new Date(file.exportedAt));
  const records = Object.values(file.records).reduce((n, rows) => n + rows.length, 0);
  const r = await platform.saveFile({ defaultName: name, filters: FILTERS, data: encodeExchangeFile(file) });
  if (!r.saved) return { saved: false, records, name };
  if (file.target) await repos.exchange.markExported(file.target, file.exportedAt);
  return { saved: true, records, name };
}

/** Reads a file and says what merging it would do; nothing is written. */
export async function previewExchange(): Promise<ImportPreview | null> {
  const { platform } = services();
  const r = await platform.openFile({ filters: FILTERS, maxBytes: 200 * 1024 * 1024 });
  if (!r.ok) {
    if (r.reason === 'cancelled') return null;
    throw new Error(r.message ?? '无法读取文件');
  }
  return previewExchangeBytes(r.data, r.name);
}

/** What merging these file bytes would do (a file picked, or one the system opened with the app). */
export async function previewExchangeBytes(data: Uint8Array, fileName: string): Promise<ImportPreview> {
  const decoded = decodeExchangeFile(data);
  if (!decoded.ok) throw new Error(decoded.error);
  return services().repos.exchange.preview(decoded.value, fileName);
}

export async function applyExchange(preview: ImportPreview, choices: Record<string, ConflictChoice>) {
  await backupBefore('before-merge');
  return services().repos.exchange.apply(preview, choices);
}
