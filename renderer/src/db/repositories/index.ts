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
import { SampleRepository } from './sample';
import { ImportRepository } from './imports';
import { TargetRepository } from './targets';
import { FundReportRepository } from './fundReports';
import { ProblemRepository } from './problems';
import { SyncRepository } from './sync';
import { FactsRepository } from './facts';

export { NotFoundError, ValidationError, type RepoContext } from './context';
export { ImportRowError } from './imports';

export interface Repositories {
  deals: DealRepository;
  contacts: ContactRepository;
  companies: CompanyRepository;
  events: EventRepository;
  followUps: FollowUpRepository;
  changes: ChangeLogRepository;
  sample: SampleRepository;
  imports: ImportRepository;
  quickEntry: QuickEntryRepository;
  exchange: ExchangeRepository;
  snapshots: SnapshotRepository;
  targets: TargetRepository;
  fundReports: FundReportRepository;
  problems: ProblemRepository;
  sync: SyncRepository;
  facts: FactsRepository;
}

export function createRepositories(ctx: RepoContext): Repositories {
  const deals = new DealRepository(ctx);
  const contacts = new ContactRepository(ctx);
  const companies = new CompanyRepository(ctx);
  const events = new EventRepository(ctx);
  const ledgers = { deal: deals, contact: contacts, company: companies, event: events };
  return {
    deals,
    contacts,
    companies,
    events,
    followUps: new FollowUpRepository(ctx),
    changes: new ChangeLogRepository(ctx),
    sample: new SampleRepository(ctx),
    imports: new ImportRepository(
      ctx,
      // The import handles its four kinds' records as plain field maps; each
      // repository's record type is narrower than that map, and RecordRepository
      // is invariant in it (it both takes and returns records).
      ledgers as unknown as ConstructorParameters<typeof ImportRepository>[1],
    ),
    quickEntry: new QuickEntryRepository(ctx, deals, contacts),
    exchange: new ExchangeRepository(ctx),
    snapshots: new SnapshotRepository(ctx),
    targets: new TargetRepository(ctx),
    fundReports: new FundReportRepository(ctx),
    problems: new ProblemRepository(ctx),
    sync: new SyncRepository(ctx),
    facts: new FactsRepository(ctx),
  };
}
