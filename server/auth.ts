/**
 * Passwords (argon2id), sessions and the login rate limit. Everything lives in
 * the database: a token is 32 random bytes, and only its SHA-256 is stored, so
 * sessions survive a restart, are shared by every instance, and can be revoked.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id of @node-rs/argon2 (a const enum, which isolated modules cannot import).
const ARGON2ID = 2;
import type { PublicUser } from '../shared/sync/protocol';
import type { Role } from '../shared/sync/roles';
import type { ServerOptions } from './config';
import type { Queryable } from './db';

export interface UserRow {
  id: string;
  name: string;
  display_name: string;
  role: Role;
  team: string | null;
  password_hash: string;
  disabled_at: Date | null;
}

export function publicUser(u: UserRow): PublicUser {
  return {
    id: u.id,
    name: u.name,
    displayName: u.display_name,
    role: u.role,
    team: u.team,
    disabled: u.disabled_at !== null,
  };
}

export function hashPassword(password: string, opts: ServerOptions): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, ...(opts.argon ?? {}) });
}

// A hash to verify against when the name is unknown, so both cases take as long.
let dummyHash: Promise<string> | undefined;

export async function checkPassword(
  user: UserRow | undefined,
  password: string,
  opts: ServerOptions,
): Promise<boolean> {
  if (!user) {
    dummyHash ??= hashPassword('不存在的用户', opts);
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(user.password_hash, password).catch(() => false);
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createUser(
  q: Queryable,
  input: { name: string; displayName: string; role: Role; team?: string | null; password: string },
  opts: ServerOptions,
): Promise<UserRow> {
  const rows = await q.query<UserRow & Record<string, unknown>>(
    `INSERT INTO users (id, name, display_name, role, team, password_hash, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [
      randomUUID(),
      input.name,
      input.displayName,
      input.role,
      input.team || null,
      await hashPassword(input.password, opts),
      opts.now(),
    ],
  );
  return rows[0]!;
}

export async function userByName(q: Queryable, name: string): Promise<UserRow | undefined> {
  const rows = await q.query<UserRow & Record<string, unknown>>('SELECT * FROM users WHERE name = $1', [
    name,
  ]);
  return rows[0];
}

export async function startSession(
  q: Queryable,
  userId: string,
  opts: ServerOptions,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const now = opts.now();
  const expiresAt = new Date(now.getTime() + opts.sessionMs);
  await q.query(
    'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
    [tokenHash(token), userId, now, expiresAt],
  );
  return { token, expiresAt };
}

/** The user of a live session: not expired, not revoked, user not disabled. */
export async function sessionUser(
  q: Queryable,
  token: string,
  opts: ServerOptions,
): Promise<UserRow | undefined> {
  const rows = await q.query<UserRow & Record<string, unknown>>(
    `SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.disabled_at IS NULL`,
    [tokenHash(token), opts.now()],
  );
  return rows[0];
}

export async function revokeSession(q: Queryable, token: string, opts: ServerOptions): Promise<void> {
  await q.query('UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL', [
    tokenHash(token),
    opts.now(),
  ]);
}

export async function revokeUserSessions(q: Queryable, userId: string, opts: ServerOptions): Promise<void> {
  await q.query('UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [
    userId,
    opts.now(),
  ]);
}

/** Whether another sign-in may be tried for this name from this address now. */
export async function loginAllowed(
  q: Queryable,
  name: string,
  address: string,
  opts: ServerOptions,
): Promise<boolean> {
  const since = new Date(opts.now().getTime() - opts.loginWindowMs);
  const rows = await q.query<{ by_name: number; by_address: number }>(
    `SELECT count(*) FILTER (WHERE name = $1)::int AS by_name,
            count(*) FILTER (WHERE address = $2)::int AS by_address
     FROM login_failures WHERE at > $3 AND (name = $1 OR address = $2)`,
    [name, address, since],
  );
  const r = rows[0];
  // One address may try a few names (a shared office PC), but not many.
  return !r || (r.by_name < opts.loginLimit && r.by_address < opts.loginLimit * 4);
}

export async function recordLoginFailure(
  q: Queryable,
  name: string,
  address: string,
  opts: ServerOptions,
): Promise<void> {
  const now = opts.now();
  await q.query('INSERT INTO login_failures (name, address, at) VALUES ($1, $2, $3)', [name, address, now]);
  await q.query('DELETE FROM login_failures WHERE at < $1', [new Date(now.getTime() - 24 * 3600_000)]);
}

export async function clearLoginFailures(q: Queryable, name: string): Promise<void> {
  await q.query('DELETE FROM login_failures WHERE name = $1', [name]);
}
