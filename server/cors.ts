/**
 * The laptops call the server from another origin (the desktop shell's
 * app://ledger, or a browser edition served elsewhere), so /api/ answers
 * CORS. Any origin may ask: the server never relies on cookies or other
 * credentials the browser sends by itself, only on the bearer token the app
 * holds, so a foreign page gains nothing it could not do from anywhere. A
 * preflight is answered here, before the access rules (it carries no token).
 */
import type { FastifyInstance } from 'fastify';

const HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PATCH',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-max-age': '600',
} as const;

export function registerCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    reply.headers({ 'access-control-allow-origin': '*' });
    if (request.method === 'OPTIONS') return reply.code(204).headers(HEADERS).send();
  });
}
