/**
 * Who may call what, in one place (DESIGN habit 18). Every route declares its
 * access in its config; the hooks registered here run before any handler:
 * `onRequest` signs the caller in from the bearer token and checks the role,
 * `preValidation` parses the body and query with the route's schema from
 * `shared/`. Every record of a push is role-checked against what the database
 * holds by `refusedChange`, inside the push's transaction under its record
 * locks (server/sync.ts), once. A route without an access rule is refused.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { BaseRecord, RecordKind } from '../shared/domain/records';
import type { PushChange } from '../shared/sync/protocol';
import {
  ABILITIES,
  ROLE_LABELS,
  writeRefusal,
  type Abilities,
  type Actor,
  type HeldRecord,
} from '../shared/sync/roles';
import { publicUser, sessionUser, type UserRow } from './auth';
import type { ServerOptions } from './config';
import type { Db } from './db';

export type Access = 'public' | 'signed-in' | keyof Abilities;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    body?: z.ZodType;
    query?: z.ZodType;
  }
  interface FastifyRequest {
    user?: UserRow;
    token?: string;
  }
}

export function actorOf(user: UserRow): Actor {
  return { userId: user.id, role: user.role, team: user.team };
}

export function bearer(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(h);
  return m?.[1];
}

function refuse(reply: FastifyReply, status: number, error: string) {
  return reply.code(status).send({ error });
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return '请求内容不正确';
  const where = issue.path.map(String).join('.');
  return where ? `请求内容不正确（${where}：${issue.message}）` : `请求内容不正确（${issue.message}）`;
}

export interface HeldRow {
  kind: RecordKind;
  id: string;
  seq: number;
  data: BaseRecord;
  created_by_user: string;
}

export function heldMap(rows: readonly HeldRow[]): Map<string, HeldRecord & { seq: number }> {
  const held = new Map<string, HeldRecord & { seq: number }>();
  for (const r of rows)
    held.set(`${r.kind}:${r.id}`, { seq: Number(r.seq), record: r.data, createdByUser: r.created_by_user });
  return held;
}

/** The first change of a push the actor may not make, with the reason; checked per record. */
export function refusedChange(
  actor: Actor,
  changes: readonly PushChange[],
  held: Map<string, HeldRecord>,
): { index: number; reason: string } | undefined {
  for (const [index, c] of changes.entries()) {
    const reason = writeRefusal(
      actor,
      c.kind,
      held.get(`${c.kind}:${c.record.id}`),
      c.record as unknown as BaseRecord,
    );
    if (reason) return { index, reason };
  }
  return undefined;
}

export function registerAccess(app: FastifyInstance, db: Db, opts: ServerOptions): void {
  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config?.access;
    if (!request.routeOptions.url) return; // no route: the 404 handler answers
    if (access === undefined) return refuse(reply, 403, '没有访问权限');
    if (access === 'public') return;
    const token = bearer(request);
    const user = token ? await sessionUser(db, token, opts) : undefined;
    if (!user || !token) return refuse(reply, 401, '未登录或登录已过期，请重新登录');
    request.user = user;
    request.token = token;
    if (access !== 'signed-in' && !ABILITIES[user.role][access]) {
      return refuse(reply, 403, `${roleName(user)}没有此项权限`);
    }
  });

  app.addHook('preValidation', async (request, reply) => {
    const { body, query } = request.routeOptions.config ?? {};
    if (body) {
      const r = body.safeParse(request.body);
      if (!r.success) return refuse(reply, 400, firstIssue(r.error));
      request.body = r.data;
    }
    if (query) {
      const r = query.safeParse(request.query);
      if (!r.success) return refuse(reply, 400, firstIssue(r.error));
      request.query = r.data;
    }
  });
}

function roleName(user: UserRow): string {
  return `${publicUser(user).displayName}（${ROLE_LABELS[user.role]}）`;
}
