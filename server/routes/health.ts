/** GET /api/health: whether the service and its database answer (for load balancers and the app). */
import type { FastifyInstance } from 'fastify';
import { API } from '../../shared/sync/protocol';
import type { Db } from '../db';

export function healthRoutes(app: FastifyInstance, db: Db): void {
  app.get(API.health, { config: { access: 'public' } }, async (_request, reply) => {
    try {
      await db.query('SELECT 1');
      return { ok: true, engine: db.engine };
    } catch {
      return reply.code(503).send({ error: '数据库暂时无法访问' });
    }
  });
}
