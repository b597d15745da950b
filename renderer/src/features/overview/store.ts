/**
 * The overview's reads and its one write (loading the sample data). The
 * screen starts from the derived rows the write path keeps (one small row per
 * deal and company), computed by the same shared/domain/overview core as the
 * summary report's figures from every record, so the two cannot disagree.
 */
import { repos } from '../../app/services';

export const overviewSelectors = {
  /**
   * What the first figures need: the start summary's few dozen rows and whether
   * the ledger is empty, read before (and apart from) one row per deal.
   */
  async summary() {
    const r = repos();
    const [buckets, empty] = await Promise.all([r.facts.summary(), r.sample.isEmpty()]);
    return { buckets, empty };
  },

  /** The derived rows, the events (for their names), and whether the ledger is still empty. */
  async input() {
    const r = repos();
    const [facts, events, empty] = await Promise.all([r.facts.all(), r.events.list(), r.sample.isEmpty()]);
    return { facts, events, empty };
  },
};

export const overviewActions = {
  /** Fills an empty ledger with the generated sample (示例数据). */
  loadSample: () => repos().sample.loadGenerated(),
};
