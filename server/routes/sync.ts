/** Push local changes, pull what changed since a checkpoint. */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { checkSyncedRecord } from '../../shared/sync/records';
import { API, pullQuery, pushBody, type PushAnswer, type PushBody } from '../../shared/sync/protocol';
import { actorOf } from '../access';
import type { ServerOptions } from '../config';
import type { Db } from '../db';
import { pullJson, push, RefusedError } from '../sync';

/** The push schema plus the record gate: every record is checked whole before anything is written. */
const gatedPush = pushBody.superRefine((body, ctx) => {
  for (const [i, change] of body.changes.entries()) {
    const r = checkSyncedRecord(change.kind, change.record);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', path: ['changes', i, 'record'], message: r.error });
      return;
    }
  }
});

export function syncRoutes(app: FastifyInstance, db: Db, opts: ServerOptions): void {
  app.post(API.push, { config: { access: 'write', body: gatedPush } }, async (request, reply) => {
    const { changes } = request.body as PushBody;
    try {
      const answer: PushAnswer = { results: await push(db, actorOf(request.user!), changes, opts) };
      return answer;
    } catch (e) {
      if (e instanceof RefusedError) return reply.code(403).send({ error: e.message });
      throw e;
    }
  });

  app.get(API.pull, { config: { access: 'read', query: pullQuery } }, async (request, reply) => {
    const { since, limit } = request.query as z.infer<typeof pullQuery>;
    // A PullAnswer, written as text straight from the database's JSON (see pullJson).
    return reply.type('application/json; charset=utf-8').send(await pullJson(db, since, limit));
  });
}
