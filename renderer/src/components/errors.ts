/** Plain Chinese for the storage failures a user can act on (SPEC §7). */
export function describeError(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError' || /quota/i.test(message)) {
    return '存储空间不足（磁盘已满或超出浏览器配额），数据未保存。请清理磁盘空间后重试。';
  }
  if (name === 'DatabaseClosedError' || name === 'InvalidStateError') {
    return '数据库已关闭（可能在另一个窗口升级或被系统关闭），数据未保存。请重新启动应用。';
  }
  if (name === 'VersionError') return '数据库版本比本程序新，请安装最新版本。';
  if (name === 'ValidationError' || name === 'NotFoundError') return message;
  return `操作失败：${message}`;
}
