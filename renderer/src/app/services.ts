/**
 * The renderer's long-lived services: the platform, the database and the
 * repositories. Started once before the first render; tests start their own.
 */
import type { Settings } from '../../../shared/settings';
import { createRepositories, type Repositories } from '../db/repositories';
import { LedgerDb } from '../db/schema';
import { SearchIndex } from '../db/searchIndex';
import { startSearchWorker } from '../db/searchWorker';
import { syncJournalMiddleware } from '../db/syncJournal';
import { backupBeforeUpgrade } from '../db/upgradeBackup';
import type { Platform } from '../platform';

export interface Services {
  platform: Platform;
  db: LedgerDb;
  repos: Repositories;
  searchIndex: SearchIndex;
  /** Whether the browser granted persistent storage (not evicted under pressure). */
  persisted: boolean;
}

let current: Services | undefined;

export function services(): Services {
  if (!current) throw new Error('services not started');
  return current;
}

export function repos(): Repositories {
  return services().repos;
}

export async function startServices(platform: Platform, getSettings: () => Settings): Promise<Services> {
  // A schema upgrade is the riskiest moment for the data: back up first.
  await backupBeforeUpgrade(platform.backups);
  const db = new LedgerDb();
  const searchIndex = new SearchIndex(startSearchWorker);
  db.use(searchIndex.middleware());
  // Committed local writes are journaled for the team server only while one is configured.
  db.use(syncJournalMiddleware(() => !!getSettings().serverOrigin));
  await db.open();
  // Built once the first screen is up and settled (or at the first search,
  // whichever comes first); until then a search falls back to a scan.
  setTimeout(() => void searchIndex.build(db), 3000);
  let persisted = false;
  try {
    persisted = (await navigator.storage?.persist?.()) ?? false;
  } catch {
    // Browsers may refuse; the desktop shell's backups cover that case.
  }
  const repos = createRepositories({
    db,
    actor: () => getSettings().userName,
    settings: getSettings,
    now: () => new Date(),
  });
  current = { platform, db, repos, searchIndex, persisted };
  return current;
}
