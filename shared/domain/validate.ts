/**
 * Turns user input (form values, later spreadsheet cells) into the stored
 * shape of a record's editable fields, or field-level Chinese messages.
 */
import { parseDate } from './dates';
import type { FieldSpec } from './fields';
import { validateMobile } from './mobile';
import { parseAmount } from './money';
import type { Result } from './result';
import { cleanText } from './text';
import { validateUscc } from './uscc';

export interface Validated {
  value: Record<string, unknown>;
  errors: Record<string, string>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[0-9+()（）\-\s转]{5,30}$/;

function isEmpty(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    (typeof v === 'string' && v.trim() === '') ||
    (Array.isArray(v) && v.length === 0)
  );
}

function parseNumber(v: unknown, integer: boolean): Result<number> {
  const n = typeof v === 'number' ? v : Number(String(v).replace(/[,，\s]/g, ''));
  if (!Number.isFinite(n)) return { ok: false, error: `不是数字：${String(v)}` };
  if (n < 0) return { ok: false, error: '不能为负数' };
  if (integer && !Number.isInteger(n)) return { ok: false, error: '应为整数' };
  if (n > 1e12) return { ok: false, error: '数值过大' };
  return { ok: true, value: n };
}

function splitTags(v: unknown): string[] {
  const parts = Array.isArray(v) ? v.map(String) : String(v).split(/[,，、;；\s]+/);
  const seen = new Set<string>();
  for (const p of parts) {
    const t = cleanText(p, 20);
    if (t) seen.add(t);
  }
  return [...seen].slice(0, 30);
}

export function validateField(spec: FieldSpec, raw: unknown): Result<unknown> {
  if (isEmpty(raw)) {
    return spec.required ? { ok: false, error: `${spec.label}不能为空` } : { ok: true, value: undefined };
  }
  switch (spec.type) {
    case 'text':
    case 'list':
    case 'longtext': {
      if (typeof raw !== 'string' && typeof raw !== 'number')
        return { ok: false, error: `${spec.label}应为文字` };
      const max = spec.maxLength ?? 200;
      const text = cleanText(String(raw), Number.MAX_SAFE_INTEGER, { multiline: spec.type === 'longtext' });
      if (!text)
        return spec.required ? { ok: false, error: `${spec.label}不能为空` } : { ok: true, value: undefined };
      if (text.length > max) return { ok: false, error: `${spec.label}不能超过${max}个字` };
      return { ok: true, value: text };
    }
    case 'amount': {
      const r = parseAmount(raw, 'yuan');
      return r.ok ? { ok: true, value: r.value ?? undefined } : r;
    }
    case 'date': {
      const r = parseDate(raw);
      return r.ok ? { ok: true, value: r.value ?? undefined } : r;
    }
    case 'int':
    case 'decimal': {
      const r = parseNumber(raw, spec.type === 'int');
      return r.ok ? r : { ok: false, error: `${spec.label}${r.error}` };
    }
    case 'mobile':
      return validateMobile(String(raw));
    case 'phone': {
      const s = String(raw).trim();
      return PHONE.test(s) ? { ok: true, value: s } : { ok: false, error: `电话格式不正确：${s}` };
    }
    case 'email': {
      const s = String(raw).trim();
      return EMAIL.test(s) && s.length <= 100
        ? { ok: true, value: s }
        : { ok: false, error: `邮箱格式不正确：${s}` };
    }
    case 'uscc':
      return validateUscc(String(raw));
    case 'enum': {
      const s = String(raw);
      const opt = spec.options?.find((o) => o.value === s || o.label === s);
      return opt
        ? { ok: true, value: opt.value }
        : { ok: false, error: `${spec.label}应为：${(spec.options ?? []).map((o) => o.label).join('、')}` };
    }
    case 'tags':
      return { ok: true, value: splitTags(raw) };
    case 'eventRef':
    case 'dealRef': {
      if (typeof raw !== 'string' || raw.length > 64) return { ok: false, error: `${spec.label}无效` };
      return { ok: true, value: raw };
    }
  }
}

/** Validates every non-read-only field of `specs` present in `input`. */
export function validateFields(specs: readonly FieldSpec[], input: Record<string, unknown>): Validated {
  const value: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const spec of specs) {
    if (spec.readOnly) continue;
    const r = validateField(spec, input[spec.key]);
    if (r.ok) {
      if (r.value !== undefined) value[spec.key] = r.value;
    } else {
      errors[spec.key] = r.error;
    }
  }
  return { value, errors };
}
