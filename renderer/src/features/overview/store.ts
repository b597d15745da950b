/**
 * The overview's reads and its one write (loading the sample data). What the
 * overview shows is computed from these reads by shared/domain/overview.
 */
import { repos } from '../../app/services';

export const overviewSelectors = {
  /** The records the overview is computed from, and whether the ledger is still empty. */
  async input() {
    const r = repos();
    const [deals, companies, events, followUps, problems, empty] = await Promise.all([
      r.deals.list(),
      r.companies.list(),
      r.events.list(),
      r.followUps.all(),
      r.problems.all(),
      r.sample.isEmpty(),
    ]);
    return { deals, companies, events, followUps, problems, empty };
  },
};

export const overviewActions = {
  /** Fills an empty ledger with the generated sample (示例数据). */
  loadSample: () => repos().sample.loadGenerated(),
};
