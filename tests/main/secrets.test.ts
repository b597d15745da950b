import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTokenService, TOKENS_FILE } from '../../electron/main/secrets';
import { IPC_TABLE } from '../../shared/contract';

vi.mock('electron', () => ({}));

/** A stand-in for the system keychain: reversible, but never the clear text. */
function fakeSafeStorage(available = true) {
  return {
    isEncryptionAvailable: vi.fn(() => available),
    encryptString: vi.fn((s: string) => Buffer.from(`sealed:${[...s].reverse().join('')}`)),
    decryptString: vi.fn((b: Buffer) => {
      const text = b.toString();
      if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext');
      return [...text.slice(7)].reverse().join('');
    }),
  };
}

const dirs: string[] = [];
function dir() {
  const d = mkdtempSync(join(tmpdir(), 'zs-tokens-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const ORIGIN = 'http://192.168.1.10:8787';
const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';

describe('session tokens with safeStorage', () => {
  it('keeps the token encrypted on disk, per origin, and forgets it on sign-out', () => {
    const d = dir();
    const s = createTokenService(fakeSafeStorage(), d);
    s.save(ORIGIN, TOKEN);
    s.save('https://ledger.example.gov.cn', 'another-token-0123456789');
    const onDisk = readFileSync(join(d, TOKENS_FILE), 'utf8');
    expect(onDisk).not.toContain(TOKEN);
    // A new run (a new service) reads it back.
    const again = createTokenService(fakeSafeStorage(), d);
    expect(again.load(ORIGIN)).toBe(TOKEN);
    expect(again.load('http://192.168.1.10:8788')).toBeNull();
    again.save(ORIGIN, null);
    expect(createTokenService(fakeSafeStorage(), d).load(ORIGIN)).toBeNull();
    expect(createTokenService(fakeSafeStorage(), d).load('https://ledger.example.gov.cn')).toBe(
      'another-token-0123456789',
    );
  });

  it('without system encryption keeps the token in memory for this run only, never in clear', () => {
    const d = dir();
    const s = createTokenService(fakeSafeStorage(false), d);
    s.save(ORIGIN, TOKEN);
    expect(s.load(ORIGIN)).toBe(TOKEN);
    expect(readFileSync(join(d, TOKENS_FILE), 'utf8')).not.toContain(TOKEN);
    expect(createTokenService(fakeSafeStorage(false), d).load(ORIGIN)).toBeNull();
  });

  it('a token sealed under another keychain, or a damaged file, means signing in again', () => {
    const d = dir();
    createTokenService(fakeSafeStorage(), d).save(ORIGIN, TOKEN);
    const other = fakeSafeStorage();
    other.decryptString.mockImplementation(() => {
      throw new Error('Error while decrypting the ciphertext');
    });
    expect(createTokenService(other, d).load(ORIGIN)).toBeNull();
  });

  it('the IPC rows check the origin and the token before main sees them', () => {
    const load = IPC_TABLE.find((r) => r.method === 'loadSessionToken')!;
    const save = IPC_TABLE.find((r) => r.method === 'saveSessionToken')!;
    expect(load.args.safeParse([ORIGIN]).success).toBe(true);
    expect(load.args.safeParse(['http://a.b/path']).success).toBe(false);
    expect(load.args.safeParse(['file:///etc/passwd']).success).toBe(false);
    expect(save.args.safeParse([ORIGIN, TOKEN]).success).toBe(true);
    expect(save.args.safeParse([ORIGIN, null]).success).toBe(true);
    expect(save.args.safeParse([ORIGIN, 'short']).success).toBe(false);
    expect(save.args.safeParse([ORIGIN, `${TOKEN}\n`]).success).toBe(false);
  });
});
