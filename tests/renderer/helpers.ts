import 'fake-indexeddb/auto';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { createRepositories } from '../../renderer/src/db/repositories';
import { LedgerDb } from '../../renderer/src/db/schema';
import { SearchIndex } from '../../renderer/src/db/searchIndex';
import { syncJournalMiddleware } from '../../renderer/src/db/syncJournal';

let n = 0;

/** A fresh database and repositories acting as 张三 on a fixed clock. */
export function setup(opts: { now?: string; settings?: Partial<Settings> } = {}) {
  const db = new LedgerDb(`test-${Date.now()}-${n++}`);
  const searchIndex = new SearchIndex();
  db.use(searchIndex.middleware());
  const settings: Settings = { ...DEFAULT_SETTINGS, userName: '张三', ...opts.settings };
  db.use(syncJournalMiddleware(() => !!settings.serverOrigin));
  const clock = { now: new Date(opts.now ?? '2017-10-20T09:00:00+08:00') };
  const repos = createRepositories({
    db,
    actor: () => settings.userName,
    settings: () => settings,
    now: () => clock.now,
  });
  const advance = (ms = 60_000) => {
    clock.now = new Date(clock.now.getTime() + ms);
  };
  return { db, repos, clock, advance, settings, searchIndex };
}
