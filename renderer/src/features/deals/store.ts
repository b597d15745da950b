/**
 * The deal pages' store: every write a deal page makes (milestones, lights,
 * stages, linked contacts) and every read it shows, so the components reach
 * the repositories through here only. The pages keep no shared state of their
 * own: what they show is read live from the database through the selectors.
 */
import type { DealStage, Light } from '../../../../shared/domain/records';
import { repos } from '../../app/services';

export type { DealActivity } from '../../db/repositories/facts';

export const dealActions = {
  tickMilestone: (dealId: string, name: string, date: string) =>
    repos().deals.tickMilestone(dealId, name, date),
  untickMilestone: (dealId: string, name: string) => repos().deals.untickMilestone(dealId, name),
  setMilestones: (dealId: string, rows: { name: string; plannedDate?: string }[]) =>
    repos().deals.setMilestones(dealId, rows),
  setLightOverride: (dealId: string, light: Light, reason: string) =>
    repos().deals.setLightOverride(dealId, light, reason),
  clearLightOverride: (dealId: string) => repos().deals.clearLightOverride(dealId),
  changeStage: (dealId: string, to: DealStage, date: string) => repos().deals.changeStage(dealId, to, date),
  linkContact: (dealId: string, contactId: string) => repos().deals.linkContact(dealId, contactId),
  unlinkContact: (dealId: string, contactId: string) => repos().deals.unlinkContact(dealId, contactId),
};

/** Reads for live queries (useLiveQuery re-runs them when the tables change). */
export const dealSelectors = {
  /** Newest follow-up day per deal id: one query for a whole list's lights. */
  latestFollowUps: () => repos().followUps.latestDates('deal'),
  /**
   * Each deal's newest follow-up day, open problems and 到位资金 / 完成投资
   * totals, from the derived rows: one read for a whole list's lights and fund columns.
   */
  dealActivity: () => repos().facts.dealActivity(),
  linkedContacts: (contactIds: readonly string[]) => repos().contacts.getMany(contactIds),
  allContacts: () => repos().contacts.list(),
  companiesOf: (dealId: string) => repos().companies.forDeal(dealId),
  ofEvent: (eventId: string) => repos().deals.forEvent(eventId),
  ofContact: (contactId: string) => repos().deals.forContact(contactId),
  byId: async (dealId: string | undefined) => (dealId ? ((await repos().deals.get(dealId)) ?? null) : null),
};
