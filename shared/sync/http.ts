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
  /** True when the server took the request and did not answer within REQUEST_TIMEOUT_MS. */
  readonly timedOut: boolean;
  constructor(status: number, message: string, timedOut = false) {
    super(message);
    this.name = 'SyncHttpError';
    this.status = status;
    this.timedOut = timedOut;
  }
}

export { serverOrigin } from './origin';

export type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<{
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}>;

/**
 * How long one request may go unanswered. A server that accepts the
 * connection and then says nothing (hung, or a half-open link on a fair's
 * Wi-Fi) must not leave 登录 or 立即同步 spinning: the request counts as
 * unreachable and the loop tries again later. A pull or push page is small.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

const NO_ANSWER = '团队服务器没有回应，将稍后自动重试';

async function call<T>(
  fetchImpl: Fetch,
  origin: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<T> {
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Raced as well as aborted: a transport that ignores the signal still ends.
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new SyncHttpError(0, NO_ANSWER, true));
    }, REQUEST_TIMEOUT_MS);
  });
  try {
    let r;
    try {
      r = await Promise.race([
        fetchImpl(origin + path, {
          method,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: abort.signal,
        }),
        late,
      ]);
    } catch (e) {
      if (e instanceof SyncHttpError) throw e;
      throw new SyncHttpError(0, '连不上团队服务器，将在网络恢复后自动同步');
    }
    return await answerOf<T>(r, late);
  } finally {
    clearTimeout(timer);
  }
}

async function answerOf<T>(r: Awaited<ReturnType<Fetch>>, late: Promise<never>): Promise<T> {
  let data: unknown;
  try {
    data = await Promise.race([r.json(), late]);
  } catch (e) {
    if (e instanceof SyncHttpError) throw e;
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
