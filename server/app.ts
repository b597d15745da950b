/**
 * The team server as a Fastify instance: the access hooks, one route file per
 * resource, the browser edition, and one error handler that turns every bad
 * request into a clear Chinese 4xx and hides the details of a 500.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAccess } from './access';
import { DEFAULT_OPTIONS, type ServerOptions } from './config';
import type { Db } from './db';
import { authRoutes } from './routes/auth';
import { healthRoutes } from './routes/health';
import { syncRoutes } from './routes/sync';
import { userRoutes } from './routes/users';
import { staticRoutes } from './static';
import { registerCors } from './cors';

/** A push of MAX_PUSH records of ordinary size fits well within this. */
export const BODY_LIMIT = 8 * 1024 * 1024;

const CLIENT_ERRORS: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: '请求内容不是有效的 JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: '请求内容为空',
  FST_ERR_CTP_BODY_TOO_LARGE: '请求内容过大，请分批同步',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: '请求内容类型不受支持（应为 application/json）',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: '请求长度不正确',
};

export interface AppParts {
  db: Db;
  options?: Partial<ServerOptions>;
  https?: { cert: Buffer; key: Buffer };
  logger?: boolean;
}

export function buildApp({ db, options, https, logger = false }: AppParts): FastifyInstance {
  const opts: ServerOptions = { ...DEFAULT_OPTIONS, ...options };
  const app = Fastify({
    logger,
    bodyLimit: BODY_LIMIT,
    // Behind nginx the client's address arrives in X-Forwarded-For.
    trustProxy: process.env.TRUST_PROXY === '1',
    ...(https ? { https } : {}),
  }) as unknown as FastifyInstance;

  app.setErrorHandler((error: { statusCode?: number; code?: string; message?: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ error: (error.code && CLIENT_ERRORS[error.code]) || '请求不正确' });
    }
    request.log.error(error);
    return reply.code(500).send({ error: '服务器内部错误，请稍后重试' });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: '没有这个接口' }));

  registerCors(app);
  registerAccess(app, db, opts);
  healthRoutes(app, db);
  authRoutes(app, db, opts);
  userRoutes(app, db, opts);
  syncRoutes(app, db, opts);
  if (opts.staticDir) staticRoutes(app, opts.staticDir);
  return app;
}
