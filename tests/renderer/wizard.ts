/**
 * The import wizard's path against a real database, without the page: read
 * the file, detect the layout and mapping, list unknown event names and
 * decide them (all created unless told otherwise), convert, match against the
 * stored records, plan under the mode and write through
 * ImportRepository.run — the same shared functions the wizard's store calls.
 */
import { findMatches, planRows, writeRows, type ImportMode } from '../../shared/excel/duplicates';
import { createAll, eventMapOf, eventsToCreate, type EventDecision } from '../../shared/excel/linked';
import { previewSheet } from '../../shared/excel/preview';
import { unknownEvents, type ImportRow } from '../../shared/excel/rows';
import type { ImportKind } from '../../shared/excel/synonyms';
import { readWorkbook } from '../../shared/excel/workbook';
import type { Repositories } from '../../renderer/src/db/repositories';
import type { Settings } from '../../shared/settings';

export interface WizardOptions {
  kind?: ImportKind;
  mode?: ImportMode;
  /** The page's today (local), so no result depends on the real date. */
  today: string;
  /** Per unknown event name: what the user chose; names not given are created. */
  events?: Record<string, 'leave' | { map: string }>;
  skip?: number[];
}

let ids = 0;

export async function wizardImport(
  env: { repos: Repositories; settings: Settings },
  bytes: Uint8Array,
  fileName: string,
  opts: WizardOptions,
) {
  const wb = readWorkbook(bytes, fileName);
  if (!wb.ok) throw new Error(wb.error);
  const refs = await env.repos.imports.refs();
  const ctx = { settings: env.settings, ...refs, today: opts.today };
  const first = previewSheet(wb.value.sheets[0]!.rows, opts.kind, ctx);
  if (!first.ok) throw new Error(first.error);
  const { kind, mapping, layout } = first.value;
  const unknown = unknownEvents(kind, first.value.rows, refs.events);
  const decisions: Record<string, EventDecision> = createAll(unknown, () => `new-event-${++ids}`);
  for (const [name, d] of Object.entries(opts.events ?? {}))
    decisions[name] = d === 'leave' ? { action: 'leave' } : { action: 'map', to: d.map };
  const p = previewSheet(
    wb.value.sheets[0]!.rows,
    kind,
    { ...ctx, eventMap: eventMapOf(unknown, decisions) },
    mapping,
  );
  if (!p.ok) throw new Error(p.error);
  const rows: ImportRow[] = p.value.rows;
  const matches = findMatches(kind, rows, await env.repos.imports.existing(kind));
  const mode = opts.mode ?? 'upsert';
  const plan = planRows(kind, rows, matches, mode, new Set(opts.skip ?? []));
  const writes = writeRows(rows, plan);
  const run = () =>
    env.repos.imports.run({
      kind,
      fileName,
      mode,
      rows: writes,
      skipped: plan.length - writes.length,
      newEvents: eventsToCreate(unknown, decisions, writes),
    });
  return { kind, layout, mapping, unknown, rows, plan, writes, run };
}
