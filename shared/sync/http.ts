/**
 * The sync client's transport over HTTP(S) to the team server, for the app
 * (desktop and browser edition) and the tests. Only the origin the user
 * configured is ever asked; an answer that is not the server's JSON is an
 * error with a Chinese message, never a half-applied result.
 */
import type { SyncTransport } from './client';
import {
  API,
  type ApiError,
  type LoginAnswer,
  type PullAnswer,
  type PushAnswer,
  type PublicUser,
  type PushBody,
} from './protocol';
import type { Role } from './roles';

export class SyncHttpError extends Error {
  /** 0 when the server could not be reached at all. */
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'SyncHttpError';
    this.status = status;
  }
}

export { serverOrigin } from './origin';

export type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<{
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}>;

async function call<T>(
  fetchImpl: Fetch,
  origin: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<T> {
  let r;
  try {
    r = await fetchImpl(origin + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new SyncHttpError(0, '连不上团队服务器，将在网络恢复后自动同步');
  }
  let data: unknown;
  try {
    data = await r.json();
  } catch {
    throw new SyncHttpError(r.status, '团队服务器的回答无法读取');
  }
  if (!r.ok) {
    const message = (data as ApiError | null)?.error;
    throw new SyncHttpError(
      r.status,
      typeof message === 'string' ? message : `团队服务器出错（${r.status}）`,
    );
  }
  return data as T;
}

export function signIn(
  origin: string,
  name: string,
  password: string,
  fetchImpl: Fetch = fetch,
): Promise<LoginAnswer> {
  return call<LoginAnswer>(fetchImpl, origin, 'POST', API.login, undefined, { name, password });
}

export async function signOut(origin: string, token: string, fetchImpl: Fetch = fetch): Promise<void> {
  await call(fetchImpl, origin, 'POST', API.logout, token);
}

export function httpTransport(origin: string, token: string, fetchImpl: Fetch = fetch): SyncTransport {
  return {
    push: (body: PushBody) => call<PushAnswer>(fetchImpl, origin, 'POST', API.push, token, body),
    pull: (since: number) => call<PullAnswer>(fetchImpl, origin, 'GET', `${API.pull}?since=${since}`, token),
  };
}

export interface NewUser {
  name: string;
  displayName: string;
  role: Role;
  team?: string;
  password: string;
}

export interface UserPatch {
  displayName?: string;
  role?: Role;
  team?: string | null;
  password?: string;
  disabled?: boolean;
}

/** The administrator's user routes. */
export function usersClient(origin: string, token: string, fetchImpl: Fetch = fetch) {
  return {
    list: () => call<{ users: PublicUser[] }>(fetchImpl, origin, 'GET', API.users, token),
    create: (user: NewUser) => call<{ user: PublicUser }>(fetchImpl, origin, 'POST', API.users, token, user),
    update: (id: string, patch: UserPatch) =>
      call<{ user: PublicUser }>(
        fetchImpl,
        origin,
        'PATCH',
        API.user.replace(':id', encodeURIComponent(id)),
        token,
        patch,
      ),
  };
}
