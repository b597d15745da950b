/**
 * The team server's session tokens, kept in `<userData>/session-tokens.json`
 * encrypted with Electron safeStorage (the system keychain: DPAPI on Windows,
 * Keychain on macOS, libsecret/kwallet on Linux), one per server origin. When
 * the system offers no encryption the token is kept in memory only, for this
 * run, and never written in clear: the user signs in again after a restart.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';

export const TOKENS_FILE = 'session-tokens.json';

export interface TokenService {
  load(origin: string): string | null;
  save(origin: string, token: string | null): void;
}

export function createTokenService(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>,
  dir: string,
): TokenService {
  const file = join(dir, TOKENS_FILE);
  const memory = new Map<string, string>();

  function read(): Record<string, string> {
    if (!existsSync(file)) return {};
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
      return Object.fromEntries(
        Object.entries(data as Record<string, unknown>).filter(
          (e): e is [string, string] => typeof e[1] === 'string',
        ),
      );
    } catch {
      // A damaged file only means signing in again.
      return {};
    }
  }

  function write(data: Record<string, string>): void {
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 });
    renameSync(tmp, file);
  }

  return {
    load(origin) {
      const kept = memory.get(origin);
      if (kept) return kept;
      const sealed = read()[origin];
      if (!sealed || !safeStorage.isEncryptionAvailable()) return null;
      try {
        return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        // Encrypted under another user or keychain: sign in again.
        return null;
      }
    },
    save(origin, token) {
      memory.delete(origin);
      const data = read();
      delete data[origin];
      if (token) {
        if (safeStorage.isEncryptionAvailable()) {
          data[origin] = safeStorage.encryptString(token).toString('base64');
        } else {
          memory.set(origin, token);
        }
      }
      write(data);
    },
  };
}
