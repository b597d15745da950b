import { ChangeLogRepository } from './changeLog';
import { CompanyRepository } from './companies';
import { ContactRepository } from './contacts';
import type { RepoContext } from './context';
import { DealRepository } from './deals';
import { EventRepository } from './events';
import { ExchangeRepository } from './exchange';
import { QuickEntryRepository } from './quickEntry';
import { SnapshotRepository } from './snapshots';
import { FollowUpRepository } from './followUps';

export { NotFoundError, ValidationError, type RepoContext } from './context';

export interface Repositories {
  deals: DealRepository;
  contacts: ContactRepository;
  companies: CompanyRepository;
  events: EventRepository;
  followUps: FollowUpRepository;
  changes: ChangeLogRepository;
  quickEntry: QuickEntryRepository;
  exchange: ExchangeRepository;
  snapshots: SnapshotRepository;
}

export function createRepositories(ctx: RepoContext): Repositories {
  const deals = new DealRepository(ctx);
  const contacts = new ContactRepository(ctx);
  return {
    deals,
    contacts,
    companies: new CompanyRepository(ctx),
    events: new EventRepository(ctx),
    followUps: new FollowUpRepository(ctx),
    changes: new ChangeLogRepository(ctx),
    quickEntry: new QuickEntryRepository(ctx, deals, contacts),
    exchange: new ExchangeRepository(ctx),
    snapshots: new SnapshotRepository(ctx),
  };
}
