/** Push local changes, pull what changed since a checkpoint. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { checkSyncedRecordJson } from '../../shared/sync/records';
import { API, pullQuery, pushBody } from '../../shared/sync/protocol';
import { actorOf } from '../access';
import type { ServerOptions } from '../config';
import type { Db } from '../db';
import { pullJson, push, pushAnswerJson, RefusedError, type GatedChange } from '../sync';

/**
 * The push schema plus the record gate: every record is checked whole before
 * anything is written. Each change leaves with its record's JSON text, written
 * once by the gate's size check and reused for the database and the answer.
 */
const gatedPush = pushBody.transform((body, ctx): { changes: GatedChange[] } => {
  const changes: GatedChange[] = [];
  for (const [i, change] of body.changes.entries()) {
    const r = checkSyncedRecordJson(change.kind, change.record);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', path: ['changes', i, 'record'], message: r.error });
      return z.NEVER;
    }
    changes.push({ ...change, record: r.value.record, json: r.value.json });
  }
  return { changes };
});

export function syncRoutes(app: FastifyInstance, db: Db, opts: ServerOptions): void {
  app.post(API.push, { config: { access: 'write', body: gatedPush } }, async (request, reply) => {
    const { changes } = request.body as { changes: GatedChange[] };
    try {
      const results = await push(db, actorOf(request.user!), changes, opts);
      // A PushAnswer, with each record the client sent spliced in as the text the gate wrote.
      return reply.type('application/json; charset=utf-8').send(pushAnswerJson(results, changes));
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
