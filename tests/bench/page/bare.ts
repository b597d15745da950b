/**
 * The bare stack's start: Dexie opens the same database, reads the newest 50
 * deals and puts them in a plain table. The app's start and first rows are
 * compared against the time this page takes.
 */
import { Dexie } from 'dexie';

// No version declared: Dexie opens the existing database as it is (dynamic mode).
const db = new Dexie('zhaoshang-ledger');

async function run() {
  await db.open();
  const rows = await db.table('deals').orderBy('updatedAt').reverse().limit(50).toArray();
  const table = document.createElement('table');
  for (const r of rows as { name: string; investor: string }[]) {
    const tr = table.insertRow();
    tr.insertCell().textContent = r.name;
    tr.insertCell().textContent = r.investor;
  }
  document.getElementById('out')!.replaceChildren(table);
  requestAnimationFrame(() => {
    (window as unknown as { bareDone: number }).bareDone = performance.now();
  });
}

void run();
