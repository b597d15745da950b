/**
 * Quick entry state: the draft being typed, and the outcome of the last
 * save. A failed save leaves the draft exactly as typed (SPEC §7: the unsaved
 * input stays on screen).
 */
import { create } from 'zustand';
import { parseAmount } from '../../../../shared/domain/money';
import type { Settings } from '../../../../shared/settings';
import { repos } from '../../app/services';
import { describeError } from '../../components/errors';
import type {
  QuickEntryInput,
  QuickEntryRepository,
  QuickEntryResult,
} from '../../db/repositories/quickEntry';

export const QUICK_FIELDS = [
  'name',
  'investor',
  'amount',
  'industry',
  'team',
  'eventId',
  'contactName',
  'mobile',
  'notes',
] as const;
export type QuickField = (typeof QUICK_FIELDS)[number];
export type Draft = Record<QuickField, string>;

/** Kept from one signing to the next: at a fair the team and the event rarely change. */
const STICKY: QuickField[] = ['team', 'eventId'];

export const emptyDraft = (): Draft => Object.fromEntries(QUICK_FIELDS.map((f) => [f, ''])) as Draft;

export interface QuickEntryState {
  draft: Draft;
  saving: boolean;
  /** Set only after the transaction committed. */
  saved?: QuickEntryResult | undefined;
  error?: string | undefined;
  fieldErrors: Partial<Record<QuickField, string>>;
  /** Bumped after each save so the page can put the cursor back in 项目名称. */
  round: number;
}

export const initialState: QuickEntryState = {
  draft: emptyDraft(),
  saving: false,
  saved: undefined,
  error: undefined,
  fieldErrors: {},
  round: 0,
};

interface QuickEntryActions {
  reset(): void;
  set(field: QuickField, value: string): void;
  init(defaults: Partial<Draft>): void;
  save(repo: Pick<QuickEntryRepository, 'save'>, settings: Settings): Promise<boolean>;
}

/** Repository field names → the fields of this form. */
const FIELD_OF: Record<string, QuickField> = { agreedInvestment: 'amount', contactName: 'contactName' };

export const useQuickEntry = create<QuickEntryState & QuickEntryActions>((set, get) => ({
  ...initialState,
  reset: () => set({ ...initialState, draft: emptyDraft() }),
  set(field, value) {
    set((s) => ({
      draft: { ...s.draft, [field]: value },
      fieldErrors: { ...s.fieldErrors, [field]: undefined },
    }));
  },
  init(defaults) {
    set((s) => {
      const draft = { ...s.draft };
      for (const [k, v] of Object.entries(defaults) as [QuickField, string][]) if (!draft[k]) draft[k] = v;
      return { draft };
    });
  },
  async save(repo, settings) {
    if (get().saving) return false;
    const draft = get().draft;
    const amount = parseAmount(draft.amount, settings.amountUnit);
    if (!amount.ok) {
      set({ fieldErrors: { amount: amount.error }, saved: undefined });
      return false;
    }
    const input: QuickEntryInput = {
      name: draft.name,
      investor: draft.investor,
      agreedInvestment: amount.value ?? undefined,
      industry: draft.industry || undefined,
      team: draft.team || undefined,
      eventId: draft.eventId || undefined,
      contactName: draft.contactName,
      mobile: draft.mobile,
      notes: draft.notes || undefined,
    };
    set({ saving: true, error: undefined, saved: undefined });
    try {
      const result = await repo.save(input);
      const next = emptyDraft();
      for (const f of STICKY) next[f] = draft[f];
      set((s) => ({ draft: next, saving: false, saved: result, fieldErrors: {}, round: s.round + 1 }));
      return true;
    } catch (error) {
      const fieldErrors = (error as { fieldErrors?: Record<string, string> }).fieldErrors ?? {};
      const mapped: Partial<Record<QuickField, string>> = {};
      for (const [key, msg] of Object.entries(fieldErrors))
        mapped[FIELD_OF[key] ?? (key as QuickField)] = msg;
      set({
        saving: false,
        fieldErrors: mapped,
        error: Object.keys(fieldErrors).length ? undefined : describeError(error),
      });
      return false;
    }
  },
}));

/** The quick-entry page's reads: today's tally and the repository `save` writes through. */
export const quickEntrySelectors = {
  tallyToday: (eventId: string | null) => repos().quickEntry.tallyToday(eventId),
  repository: () => repos().quickEntry,
};
