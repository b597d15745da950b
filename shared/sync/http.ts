/**
 * The sync client's transport over HTTP(S) to the team server, for the app
 * (desktop and browser edition) and the tests. Only the origin the user
 * configured is ever asked; an answer that is not the server's JSON is an
 * error with a Chinese message, never a half-applied result.
 */
import { err, ok, type Result } from '../domain/result';
import type { SyncTransport } from './client';
import {
  API,
  type ApiError,
  type LoginAnswer,
  type PullAnswer,
  type PushAnswer,
  type PushBody,
} from './protocol';

export class SyncHttpError extends Error {
  /** 0 when the server could not be reached at all. */
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'SyncHttpError';
    this.status = status;
  }
}

/** `10.0.0.5:8787`, `http://ledger.local/` → the origin; a Chinese message for anything else. */
export function serverOrigin(input: string): Result<string> {
  const text = input.trim();
  if (!text) return err('请填写服务器地址');
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    return err('服务器地址格式不对，例如 http://192.168.1.10:8787');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return err('服务器地址应以 http:// 或 https:// 开头');
  if (url.username || url.password) return err('服务器地址里不能带用户名或密码');
  return ok(url.origin);
}

type Fetch = (
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
