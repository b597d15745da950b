/** Administrators create users, set roles and teams, reset passwords and disable accounts. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API, createUserBody, updateUserBody } from '../../shared/sync/protocol';
import { createUser, hashPassword, publicUser, revokeUserSessions, userByName, type UserRow } from '../auth';
import type { ServerOptions } from '../config';
import type { Db } from '../db';

const idParams = z.object({ id: z.string().uuid() });

export function userRoutes(app: FastifyInstance, db: Db, opts: ServerOptions): void {
  app.get(API.users, { config: { access: 'manageUsers' } }, async () => {
    const rows = await db.query<UserRow & Record<string, unknown>>(
      'SELECT * FROM users ORDER BY created_at, name',
    );
    return { users: rows.map(publicUser) };
  });

  app.post(API.users, { config: { access: 'manageUsers', body: createUserBody } }, async (request, reply) => {
    const input = request.body as z.infer<typeof createUserBody>;
    if (await userByName(db, input.name))
      return reply.code(409).send({ error: `用户名“${input.name}”已存在` });
    const user = await createUser(db, input, opts);
    return reply.code(201).send({ user: publicUser(user) });
  });

  app.patch(API.user, { config: { access: 'manageUsers', body: updateUserBody } }, async (request, reply) => {
    const params = idParams.safeParse(request.params);
    if (!params.success) return reply.code(404).send({ error: '没有这个用户' });
    const input = request.body as z.infer<typeof updateUserBody>;
    const { id } = params.data;
    if (id === request.user!.id && (input.disabled || (input.role && input.role !== 'admin'))) {
      return reply.code(400).send({ error: '不能停用自己或取消自己的管理员身份' });
    }
    const updated = await db.transaction(async (q) => {
      const rows = await q.query<UserRow & Record<string, unknown>>(
        'SELECT * FROM users WHERE id = $1 FOR UPDATE',
        [id],
      );
      const user = rows[0];
      if (!user) return undefined;
      const next = {
        display_name: input.displayName ?? user.display_name,
        role: input.role ?? user.role,
        team: input.team === undefined ? user.team : input.team || null,
        password_hash: input.password ? await hashPassword(input.password, opts) : user.password_hash,
        disabled_at: input.disabled === undefined ? user.disabled_at : input.disabled ? opts.now() : null,
      };
      const out = await q.query<UserRow & Record<string, unknown>>(
        `UPDATE users SET display_name = $2, role = $3, team = $4, password_hash = $5, disabled_at = $6
         WHERE id = $1 RETURNING *`,
        [id, next.display_name, next.role, next.team, next.password_hash, next.disabled_at],
      );
      // A new password, a new role or a disabled account ends the user's sessions.
      if (input.password || input.disabled || (input.role && input.role !== user.role)) {
        await revokeUserSessions(q, id, opts);
      }
      return out[0];
    });
    if (!updated) return reply.code(404).send({ error: '没有这个用户' });
    return { user: publicUser(updated) };
  });
}
