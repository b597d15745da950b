/**
 * The one describeError (SPEC §7): every failure a user sees goes through it
 * and comes out as Chinese that says what happened and what to do. Raw
 * exception text (BulkError, Invalid time value, could not be cloned, The
 * quota has been exceeded) never reaches the screen: a message is passed on
 * only when the app wrote it itself (it is Chinese).
 */

const CJK = /[\u4e00-\u9fff]/;

/** The names of an error and of what it wraps (Dexie keeps the IndexedDB error as `inner`, a BulkError its `failures`). */
function namesOf(error: unknown, depth = 0): string[] {
  if (!error || typeof error !== 'object' || depth > 4) return [];
  const e = error as {
    name?: unknown;
    inner?: unknown;
    cause?: unknown;
    failures?: unknown;
    failuresByPos?: unknown;
  };
  const out = typeof e.name === 'string' ? [e.name] : [];
  out.push(...namesOf(e.inner, depth + 1), ...namesOf(e.cause, depth + 1));
  const failures = Array.isArray(e.failures)
    ? e.failures
    : e.failuresByPos && typeof e.failuresByPos === 'object'
      ? Object.values(e.failuresByPos)
      : [];
  for (const f of failures.slice(0, 5)) out.push(...namesOf(f, depth + 1));
  return out;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return '';
}

const RETRY = '请重试；如仍失败，请先「立即备份」，再重新启动应用。';

export function describeError(error: unknown): string {
  const names = namesOf(error);
  const message = messageOf(error);
  const has = (n: string) => names.includes(n);
  if (has('QuotaExceededError') || /quota/i.test(message)) {
    return '存储空间不足（磁盘已满或超出浏览器配额），数据未保存。请清理磁盘空间后重试。';
  }
  if (has('ValidationError') || has('NotFoundError') || has('RefusedAtError')) {
    return CJK.test(message) ? message : `内容未通过检查，未保存。${RETRY}`;
  }
  if (has('ConstraintError') || (has('BulkError') && /Key already exists|constraint/i.test(message))) {
    return '有记录的编号与已有记录重复，未写入任何内容。如果是恢复或合并文件，请换一个文件；否则请重新加载后再试。';
  }
  if (has('DatabaseClosedError') || has('InvalidStateError')) {
    return '数据库已关闭（可能在另一个窗口升级或被系统关闭），数据未保存。请重新启动应用。';
  }
  if (has('VersionError')) return '数据库版本比本程序新，请安装最新版本。';
  if (has('DataCloneError') || /could not be cloned/i.test(message)) {
    return '记录中有无法保存的内容，未写入任何内容。如果来自文件，请换一个文件或让对方重新导出。';
  }
  if (has('AbortError') || has('TransactionInactiveError')) return `操作被中断，未保存任何内容。${RETRY}`;
  if (has('TimeoutError')) return `操作超时，未完成。${RETRY}`;
  if (/Invalid time value|Invalid Date/i.test(message)) {
    return '记录中有无效的日期或时间，操作未完成。请检查相关记录的日期；如来自文件，请换一个文件。';
  }
  if (has('OpenFailedError') || has('MissingAPIError')) {
    return '无法打开本机数据库（浏览器可能禁用了存储，或处于无痕模式）。请换用普通窗口或检查浏览器设置。';
  }
  // The app's own messages are Chinese and already say what to do.
  if (CJK.test(message)) return message;
  return `操作失败，未完成。${RETRY}`;
}
