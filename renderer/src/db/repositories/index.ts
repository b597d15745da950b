import { ChangeLogRepository } from './changeLog';
import { CompanyRepository } from './companies';
import { ContactRepository } from './contacts';
import type { RepoContext } from './context';
import { DealRepository } from './deals';
import { EventRepository } from './events';
import { FollowUpRepository } from './followUps';
import { SampleRepository } from './sample';

export { NotFoundError, ValidationError, type RepoContext } from './context';

export interface Repositories {
  deals: DealRepository;
  contacts: ContactRepository;
  companies: CompanyRepository;
  events: EventRepository;
  followUps: FollowUpRepository;
  changes: ChangeLogRepository;
  sample: SampleRepository;
}

export function createRepositories(ctx: RepoContext): Repositories {
  return {
    deals: new DealRepository(ctx),
    contacts: new ContactRepository(ctx),
    companies: new CompanyRepository(ctx),
    events: new EventRepository(ctx),
    followUps: new FollowUpRepository(ctx),
    changes: new ChangeLogRepository(ctx),
    sample: new SampleRepository(ctx),
  };
}
