/**
 * Accounts and roles of the team server (SPEC §11). The policy itself lives
 * here, in `shared/`, so the server enforces it and the app hides what a role
 * cannot do from the same table.
 */
import type { BaseRecord, RecordKind } from '../domain/records';

export const ROLES = ['admin', 'leader', 'member', 'readonly'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  leader: '局领导',
  member: '组团成员',
  readonly: '只读',
};

export interface Abilities {
  /** Create and disable users, set roles. */
  manageUsers: boolean;
  /** Pull the ledger, read, export reports. */
  read: boolean;
  /** Push changes at all (which records is decided per record). */
  write: boolean;
}

export const ABILITIES: Record<Role, Abilities> = {
  admin: { manageUsers: true, read: true, write: false },
  leader: { manageUsers: false, read: true, write: true },
  member: { manageUsers: false, read: true, write: true },
  readonly: { manageUsers: false, read: true, write: false },
};

export interface Actor {
  userId: string;
  role: Role;
  team?: string | null;
}

/** What the server knows of a record already held: its creator and its version. */
export interface HeldRecord {
  createdByUser: string;
  record: BaseRecord;
}

function teamOf(record: BaseRecord | undefined): string | undefined {
  const team = (record as { team?: unknown } | undefined)?.team;
  return typeof team === 'string' && team ? team : undefined;
}

/**
 * Whether `actor` may write `incoming` over `held` (absent for a new record).
 * 局领导 edit everything; 组团成员 edit records they created and deals of
 * their own team (and may not move a deal out of it); 管理员 and 只读 edit
 * nothing. Returns the Chinese reason when refused.
 */
export function writeRefusal(
  actor: Actor,
  kind: RecordKind,
  held: HeldRecord | undefined,
  incoming: BaseRecord,
): string | undefined {
  if (actor.role === 'leader') return undefined;
  if (actor.role !== 'member') return `${ROLE_LABELS[actor.role]}账号不能修改台账`;
  if (!held) return undefined;
  if (held.createdByUser === actor.userId) return undefined;
  if (kind === 'deal' && actor.team) {
    if (teamOf(held.record) === actor.team && teamOf(incoming) === actor.team) return undefined;
  }
  return '只能修改本组团的项目和自己录入的记录';
}
