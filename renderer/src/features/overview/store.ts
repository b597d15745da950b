/**
 * The overview's reads and its one write (loading the sample data). It reads
 * what the summary report reads (ledgerSelectors.reportInput), and both are
 * computed by shared/domain/overview, so the two cannot disagree.
 */
import { repos } from '../../app/services';
import { ledgerSelectors } from '../../ledger/store';

export const overviewSelectors = {
  /** The records the overview is computed from, and whether the ledger is still empty. */
  async input() {
    const [input, empty] = await Promise.all([ledgerSelectors.reportInput(), repos().sample.isEmpty()]);
    const live = <T extends { deletedAt?: string }>(rows: T[]) => rows.filter((r) => !r.deletedAt);
    return {
      deals: live(input.deals),
      companies: live(input.companies),
      events: live(input.events),
      followUps: input.followUps,
      problems: live(input.problems),
      empty,
    };
  },
};

export const overviewActions = {
  /** Fills an empty ledger with the generated sample (示例数据). */
  loadSample: () => repos().sample.loadGenerated(),
};
