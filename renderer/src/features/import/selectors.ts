/** The import pages' reads outside the wizard's own state: past batches and the events to link to. */
import { repos } from '../../app/services';

export const importSelectors = {
  batches: () => repos().imports.list(),
  /** Live events by id and name, for mapping an unknown 签约活动 to one. */
  async events(): Promise<{ id: string; name: string }[]> {
    const list = await repos().events.list();
    return list.map((e) => ({ id: e.id, name: e.name }));
  },
};
