/**
 * The bare stack's start: Dexie opens the same database, reads the newest 50
 * deals and puts them in a plain table. The app's start and first rows are
 * compared against the time this page takes.
 */
import { Dexie } from 'dexie';

// No version declared: Dexie opens the existing database as it is (dynamic mode).
const db = new Dexie('zhaoshang-ledger');

/** Reads the newest 50 deals and shows them; resolves on the frame after. */
async function showNewest(): Promise<void> {
  const rows = await db.table('deals').orderBy('updatedAt').reverse().limit(50).toArray();
  const table = document.createElement('table');
  for (const r of rows as { name: string; investor: string }[]) {
    const tr = table.insertRow();
    tr.insertCell().textContent = r.name;
    tr.insertCell().textContent = r.investor;
  }
  document.getElementById('out')!.replaceChildren(table);
  await new Promise((resolve) => requestAnimationFrame(resolve));
}

const bare = window as unknown as { bareDone: number; bareOpenList: () => Promise<number> };

/** The same list opened again in the running page: what opening a list costs the bare stack. */
bare.bareOpenList = async () => {
  document.getElementById('out')!.replaceChildren();
  const t0 = performance.now();
  await showNewest();
  return performance.now() - t0;
};

void db
  .open()
  .then(showNewest)
  .then(() => {
    bare.bareDone = performance.now();
  });
