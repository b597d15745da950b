/** Sign-in, sign-out and the current session. */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { API, loginBody, type LoginAnswer } from '../../shared/sync/protocol';
import {
  checkPassword,
  clearLoginFailures,
  loginAllowed,
  publicUser,
  recordLoginFailure,
  revokeSession,
  startSession,
  userByName,
} from '../auth';
import type { ServerOptions } from '../config';
import type { Db } from '../db';

export function authRoutes(app: FastifyInstance, db: Db, opts: ServerOptions): void {
  app.post(API.login, { config: { access: 'public', body: loginBody } }, async (request, reply) => {
    const { name, password } = request.body as z.infer<typeof loginBody>;
    const address = request.ip;
    if (!(await loginAllowed(db, name, address, opts))) {
      return reply.code(429).send({ error: '登录失败次数过多，请 15 分钟后再试' });
    }
    const user = await userByName(db, name);
    const good = await checkPassword(user, password, opts);
    if (!user || !good || user.disabled_at) {
      await recordLoginFailure(db, name, address, opts);
      return reply
        .code(401)
        .send({ error: user?.disabled_at && good ? '该账号已停用' : '用户名或密码不正确' });
    }
    await clearLoginFailures(db, name);
    const session = await startSession(db, user.id, opts);
    const answer: LoginAnswer = {
      token: session.token,
      expiresAt: session.expiresAt.toISOString(),
      user: publicUser(user),
    };
    return answer;
  });

  app.post(API.logout, { config: { access: 'signed-in' } }, async (request) => {
    await revokeSession(db, request.token!, opts);
    return { ok: true };
  });

  app.get(API.session, { config: { access: 'signed-in' } }, async (request) => ({
    user: publicUser(request.user!),
  }));
}
