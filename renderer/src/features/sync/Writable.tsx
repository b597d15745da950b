import type { ReactNode } from 'react';
import { useCanWrite } from './store';

/**
 * Shows its children only to a role that may change the ledger (SPEC §11:
 * the app hides what the role cannot do; the gate and the server still
 * refuse). Without a team server everyone may.
 */
export function Writable({ children, fallback = null }: { children: ReactNode; fallback?: ReactNode }) {
  return useCanWrite() ? children : fallback;
}
