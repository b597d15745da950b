// Reading electronegativity 1.10.3's output files. Kept apart from the script
// that runs the tool so the parsing can be unit-tested on known inputs.
//
// Two quirks of 1.10.3 shape this code:
// - SARIF (one write, always complete) has no severity: its `level` only says
//   whether the finding needs a manual review.
// - CSV has the severity, but the CLI writes the header and the rows with two
//   concurrent fs.writeFile calls, so the header can truncate or overwrite the
//   rows. A CSV is therefore only trusted when it is intact and agrees with
//   the SARIF run finding for finding.

export const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'];
export const GLOBAL_FILE = '(global)';
const CSV_HEADER = 'issue, severity, confidence, filename, location, sample, description, url';

function normaliseFile(file) {
  if (typeof file !== 'string' || file === '' || file === 'N/A' || file === 'file:///') return GLOBAL_FILE;
  return file.replaceAll('\\', '/').replace(/^\.\//, '');
}

/** Findings of a SARIF run: check id, file (project-relative, or GLOBAL_FILE), 1-based line and column. */
export function parseSarif(text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new Error(`SARIF is not JSON: ${error.message}`, { cause: error });
  }
  if (!doc || !Array.isArray(doc.runs) || doc.runs.length === 0) throw new Error('SARIF has no runs');
  const findings = [];
  for (const run of doc.runs) {
    if (!run || !Array.isArray(run.results)) throw new Error('SARIF run has no results array');
    for (const invocation of run.invocations ?? []) {
      if (invocation && invocation.executionSuccessful === false)
        throw new Error('electronegativity reported an unsuccessful run');
    }
    for (const result of run.results) {
      if (!result || typeof result.ruleId !== 'string' || !result.ruleId)
        throw new Error('SARIF result without ruleId');
      const physical = result.locations?.[0]?.physicalLocation;
      const region = physical?.region ?? {};
      findings.push({
        check: result.ruleId,
        file: normaliseFile(physical?.artifactLocation?.uri),
        line: Number.isInteger(region.startLine) ? region.startLine : 1,
        column: Number.isInteger(region.startColumn) ? region.startColumn : 1,
        level: typeof result.level === 'string' ? result.level : 'warning',
        message: typeof result.message?.text === 'string' ? result.message.text : '',
      });
    }
  }
  return findings;
}

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
function csvRecords(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
    i += 1;
  }
  if (quoted) return { records, unterminated: true };
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return { records, unterminated: false };
}

/**
 * Rows of the CSV with locations converted to SARIF's convention (line 0 is
 * written as 1, columns are 1-based), and whether the file is intact.
 */
export function parseCsv(text) {
  const lines = text.split(/\r?\n/);
  let intact = lines[0] === CSV_HEADER;
  const { records, unterminated } = csvRecords(text);
  if (unterminated) intact = false;
  const rows = [];
  for (const record of records.slice(1)) {
    if (record.length === 1 && record[0] === '') continue;
    const [check, severity, confidence, file, location] = record;
    const loc = /^(\d+|undefined):(\d+|undefined)$/.exec(location ?? '');
    if (record.length !== 8 || !/^[A-Z0-9_]+$/.test(check ?? '') || !SEVERITIES.includes(severity) || !loc) {
      intact = false;
      continue;
    }
    const line = loc[1] === 'undefined' ? 1 : Math.max(1, Number(loc[1]));
    const column = loc[2] === 'undefined' ? 1 : Number(loc[2]) + 1;
    rows.push({ check, severity, confidence, file: normaliseFile(file), line, column });
  }
  return { rows, intact };
}

const keyOf = (f) => `${f.check}\u0000${f.file}\u0000${f.line}\u0000${f.column}`;

/**
 * Gives each SARIF finding the severity of the matching CSV row. `complete`
 * is true only when the CSV is intact and the two runs found exactly the same
 * findings; otherwise unmatched findings get severity 'UNKNOWN'.
 */
export function attachSeverities(findings, csv) {
  const pool = new Map();
  for (const row of csv.rows) {
    const k = keyOf(row);
    pool.set(k, [...(pool.get(k) ?? []), row]);
  }
  let matched = 0;
  const out = findings.map((f) => {
    const candidates = pool.get(keyOf(f));
    const row = candidates?.shift();
    if (!row) return { ...f, severity: 'UNKNOWN' };
    matched += 1;
    return { ...f, severity: row.severity, confidence: row.confidence };
  });
  const complete = csv.intact && matched === findings.length && csv.rows.length === findings.length;
  return { findings: out, complete };
}

/** The allow-list: an array of { check, file, reason }, each with a real reason. */
export function parseAllowList(text) {
  let entries;
  try {
    entries = JSON.parse(text);
  } catch (error) {
    throw new Error(`allow-list is not JSON: ${error.message}`, { cause: error });
  }
  if (!Array.isArray(entries)) throw new Error('allow-list must be a JSON array');
  return entries.map((e, i) => {
    if (!e || typeof e !== 'object') throw new Error(`allow-list entry ${i} is not an object`);
    const extra = Object.keys(e).filter((k) => !['check', 'file', 'reason'].includes(k));
    if (extra.length) throw new Error(`allow-list entry ${i} has unknown keys: ${extra.join(', ')}`);
    if (typeof e.check !== 'string' || !/^[A-Z0-9_]+$/.test(e.check))
      throw new Error(`allow-list entry ${i} needs a check id`);
    if (typeof e.file !== 'string' || !e.file)
      throw new Error(`allow-list entry ${i} needs a file (or "${GLOBAL_FILE}")`);
    if (typeof e.reason !== 'string' || e.reason.trim().length < 20) {
      throw new Error(`allow-list entry ${i} (${e.check}) needs a reason of at least 20 characters`);
    }
    return { check: e.check, file: normaliseFile(e.file), reason: e.reason.trim() };
  });
}

/**
 * Splits findings into those that block (above INFORMATIONAL, or of unknown
 * severity, and not allow-listed), allowed ones, informational ones, and
 * allow-list entries that matched nothing.
 */
export function evaluate(findings, allowList) {
  const used = new Set();
  const blocking = [];
  const allowed = [];
  const informational = [];
  for (const f of findings) {
    if (f.severity === 'INFORMATIONAL') {
      informational.push(f);
      continue;
    }
    const entry = allowList.find((e) => e.check === f.check && e.file === f.file);
    if (entry) {
      used.add(entry);
      allowed.push({ ...f, reason: entry.reason });
    } else blocking.push(f);
  }
  return { blocking, allowed, informational, unused: allowList.filter((e) => !used.has(e)) };
}
