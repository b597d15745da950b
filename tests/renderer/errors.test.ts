import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../renderer/src/components/errors';
import { ValidationError } from '../../renderer/src/db/repositories/context';

/** Latin letters but no Chinese: raw exception text. */
const rawText = (s: string) => /[A-Za-z]{3}/.test(s) && !/[\u4e00-\u9fff]/.test(s);

async function realFailures(): Promise<unknown[]> {
  const db = new Dexie(`errors-${Date.now()}`);
  db.version(1).stores({ t: 'id' });
  await db.open();
  const out: unknown[] = [];
  await db
    .table('t')
    .bulkAdd([{ id: 'a' }, { id: 'a' }])
    .catch((e: unknown) => out.push(e));
  await db
    .table('t')
    .add({ id: 'a' })
    .catch((e: unknown) => out.push(e));
  await db
    .table('t')
    .put({ id: 'b', f: () => 1 })
    .catch((e: unknown) => out.push(e));
  db.close();
  await db
    .table('t')
    .get('a')
    .catch((e: unknown) => out.push(e));
  return out;
}

describe('describeError', () => {
  it('turns the storage failures a user meets into Chinese that says what to do', async () => {
    const [bulk, constraint, clone, closed] = await realFailures();
    expect(describeError(bulk)).toContain('编号与已有记录重复');
    expect(describeError(constraint)).toContain('编号与已有记录重复');
    expect(describeError(clone)).toContain('无法保存的内容');
    expect(describeError(closed)).toContain('数据库已关闭');
    expect(describeError(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))).toContain(
      '存储空间不足',
    );
    const quotaInside = Object.assign(new Error('AbortError'), {
      name: 'AbortError',
      inner: new DOMException('x', 'QuotaExceededError'),
    });
    expect(describeError(quotaInside)).toContain('存储空间不足');
    let invalid: unknown;
    try {
      new Date(NaN).toISOString();
    } catch (e) {
      invalid = e;
    }
    expect(describeError(invalid)).toContain('无效的日期或时间');
    let cloneError: unknown;
    try {
      structuredClone({ f: () => 1 });
    } catch (e) {
      cloneError = e;
    }
    expect(describeError(cloneError)).toContain('无法保存的内容');
  });

  it('passes the app’s own Chinese messages on, and never raw English text', () => {
    expect(describeError(new ValidationError({ mobile: '手机号已属于客商「张三」' }))).toBe(
      '请检查：手机号已属于客商「张三」',
    );
    expect(describeError(new Error('无法读取文件'))).toBe('无法读取文件');
    for (const e of [
      new Error('Cannot read properties of undefined (reading "stage")'),
      new TypeError('x is not a function'),
      'something broke',
      null,
      undefined,
      42,
      { name: 'WeirdError', message: 'weird' },
    ]) {
      const text = describeError(e);
      expect(rawText(text), text).toBe(false);
      expect(text).toMatch(/[\u4e00-\u9fff]/);
      expect(text).not.toMatch(/undefined|function|broke|weird/);
    }
  });
});
