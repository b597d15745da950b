import { ABILITIES, type Abilities } from '../../../../shared/sync/roles';
import type { SyncUiState } from './initialState';

export type BadgeTone = 'success' | 'processing' | 'warning' | 'error' | 'default';

export interface Badge {
  label: '已同步' | '同步中' | '离线' | '有冲突' | '未登录' | '同步出错';
  tone: BadgeTone;
}

/** The header's sync state; null when no server is configured (the badge is hidden). */
export function badge(s: SyncUiState): Badge | null {
  switch (s.phase) {
    case 'none':
      return null;
    case 'signed-out':
      return { label: '未登录', tone: 'default' };
    case 'syncing':
      return { label: '同步中', tone: 'processing' };
    case 'offline':
      return { label: '离线', tone: 'warning' };
    case 'error':
      return { label: '同步出错', tone: 'error' };
    case 'idle':
      return s.conflicts.length ? { label: '有冲突', tone: 'warning' } : { label: '已同步', tone: 'success' };
  }
}

/** Without a server the laptop's user may do everything; signed in, what the role allows. */
const LOCAL: Abilities = { manageUsers: false, read: true, write: true };

export function abilities(s: SyncUiState): Abilities {
  return s.session ? ABILITIES[s.session.user.role] : LOCAL;
}

export const canWrite = (s: SyncUiState): boolean => abilities(s).write;
export const canManageUsers = (s: SyncUiState): boolean => abilities(s).manageUsers;
