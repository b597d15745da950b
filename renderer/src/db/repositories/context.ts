import type { Settings } from '../../../../shared/settings';
import type { LedgerDb } from '../schema';

/** What every repository needs besides the database: who acts, and when. */
export interface RepoContext {
  db: LedgerDb;
  /** The user name from settings; written as createdBy/updatedBy and into the change log. */
  actor(): string;
  settings(): Settings;
  now(): Date;
}

/** Refused input: field key → Chinese message. Nothing was written. */
export class ValidationError extends Error {
  readonly fieldErrors: Record<string, string>;
  constructor(fieldErrors: Record<string, string>, message?: string) {
    super(message ?? `请检查：${Object.values(fieldErrors).join('；')}`);
    this.name = 'ValidationError';
    this.fieldErrors = fieldErrors;
  }
}

/** One of many records written together was refused: `index` says which. */
export class RefusedAtError extends ValidationError {
  constructor(
    readonly index: number,
    fieldErrors: Record<string, string>,
  ) {
    super(fieldErrors);
    this.name = 'RefusedAtError';
  }
}

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`找不到${what}，可能已被删除或清除`);
    this.name = 'NotFoundError';
  }
}

export function newId(): string {
  return crypto.randomUUID();
}
