/**
 * The team server's wire protocol (SPEC §11): request bodies as zod schemas,
 * checked by the server on every request, and the answers' types, used by the
 * app's sync client. Paths are constants so both sides name them once.
 */
import { z } from 'zod';
import type { BaseRecord, RecordKind } from '../domain/records';
import { RECORD_KINDS } from './records';
import { ROLES, type Role } from './roles';

export const API = {
  health: '/api/health',
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  session: '/api/auth/session',
  users: '/api/users',
  user: '/api/users/:id',
  push: '/api/sync/push',
  pull: '/api/sync/pull',
} as const;

/** Most changes one push may carry; the app sends its outbox in batches of this. */
export const MAX_PUSH = 500;
/** Most records one pull answers with; `more` says to ask again. */
export const MAX_PULL = 2000;

const name = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[^\s]+$/, '用户名不能含空格');
const password = z.string().min(8, '密码至少 8 位').max(200);

export const loginBody = z.object({ name: z.string().min(1).max(40), password: z.string().min(1).max(200) });
export const createUserBody = z.object({
  name,
  displayName: z.string().trim().min(1).max(40),
  role: z.enum(ROLES),
  team: z.string().trim().max(40).optional(),
  password,
});
export const updateUserBody = z
  .object({
    displayName: z.string().trim().min(1).max(40).optional(),
    role: z.enum(ROLES).optional(),
    team: z.string().trim().max(40).nullable().optional(),
    password: password.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, '没有要修改的内容');

const changeId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '变更编号格式不对');
export const pushBody = z.object({
  changes: z
    .array(
      z.object({
        changeId,
        kind: z.enum(RECORD_KINDS),
        /** The server sequence of the version this edit was made on; 0 for a record the client never pulled. */
        baseSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
        /**
         * Only its outline here, taken as it came (not copied): the server passes every record
         * through the whole gate (`checkSyncedRecord`) before anything is written.
         */
        record: z.custom<{ id: string } & Record<string, unknown>>(
          (v) =>
            typeof v === 'object' &&
            v !== null &&
            !Array.isArray(v) &&
            typeof (v as { id?: unknown }).id === 'string',
          { error: '应为带编号的记录' },
        ),
        cause: z.string().max(40).optional(),
      }),
    )
    .min(1)
    .max(MAX_PUSH),
});
export const pullQuery = z.object({
  since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL).default(MAX_PULL),
});

export interface PushChange {
  changeId: string;
  kind: RecordKind;
  baseSeq: number;
  record: BaseRecord;
  cause?: string;
}
export interface PushBody {
  changes: PushChange[];
}

export interface PublicUser {
  id: string;
  name: string;
  displayName: string;
  role: Role;
  team: string | null;
  disabled: boolean;
}

export interface LoginAnswer {
  token: string;
  expiresAt: string;
  user: PublicUser;
}

export interface SyncConflict {
  changeId: string;
  kind: RecordKind;
  id: string;
  /** The version the client pushed. */
  local: BaseRecord;
  /** The server's version it met, changed by someone else since the client's base. */
  server: BaseRecord;
  /** The version kept (the newer one). */
  winner: 'local' | 'server';
}

export interface PushResult {
  changeId: string;
  kind: RecordKind;
  id: string;
  /** `duplicate`: this change id was applied by an earlier push. */
  status: 'applied' | 'kept-server' | 'duplicate';
  /** The server's version after the push, and its sequence. */
  seq: number;
  record: BaseRecord;
  conflict?: SyncConflict;
}

export interface PushAnswer {
  results: PushResult[];
}

export interface PulledRecord {
  seq: number;
  kind: RecordKind;
  record: BaseRecord;
}

export interface PullAnswer {
  records: PulledRecord[];
  /** Ask again with this as `since`. */
  checkpoint: number;
  more: boolean;
}

export interface ApiError {
  error: string;
}
