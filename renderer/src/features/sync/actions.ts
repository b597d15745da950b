/**
 * The sync client's loop (SPEC §11): sign in and out, and a background sync
 * that runs on start, shortly after local writes, every `intervalMs`, and
 * backs off while the server cannot be reached. Each sync is a chain of small
 * awaited steps (one transaction per page of records), so typing is never
 * blocked. A sync cut at any point resumes on the next run: an entry leaves
 * the outbox only once the server answered for it (shared/sync/client.ts).
 */
import type { BaseRecord, RecordKind } from '../../../../shared/domain/records';
import { pendingCount, syncOnce, type SyncState } from '../../../../shared/sync/client';
import {
  httpTransport,
  serverOrigin,
  signIn as httpSignIn,
  signOut as httpSignOut,
  SyncHttpError,
  usersClient,
  type Fetch,
  type NewUser,
  type UserPatch,
} from '../../../../shared/sync/http';
import type { PublicUser } from '../../../../shared/sync/protocol';
import { ABILITIES } from '../../../../shared/sync/roles';
import type { ConflictChoice, SyncRepository, SyncSession } from '../../db/repositories/sync';
import type { SyncUiState } from './initialState';

export interface TokenStore {
  load(origin: string): Promise<string | null>;
  save(origin: string, token: string | null): Promise<void>;
}

export interface SyncDeps {
  repo: SyncRepository;
  tokens: TokenStore;
  /** The configured server origin, kept in settings (main derives the CSP from it). */
  origin(): string | null;
  setOrigin(origin: string | null): Promise<void>;
  fetch: Fetch;
  now(): Date;
  newId(): string;
  /** Calls back after each committed local write that was journaled; returns the unsubscribe. */
  onLocalWrite(listener: () => void): () => void;
  /** The browser edition served by the team server itself: signs in to its own origin. */
  sameOrigin?: string;
}

export const SYNC_INTERVAL_MS = 60_000;
export const SYNC_DEBOUNCE_MS = 1_500;
const MAX_BACKOFF_MS = 5 * 60_000;

type Set = (patch: Partial<SyncUiState>) => void;
type Get = () => SyncUiState;

/** A Chinese message for a failed sign-in. */
function signInMessage(e: unknown): string {
  if (e instanceof SyncHttpError) {
    if (e.timedOut) return '团队服务器没有回应，请稍后再试；一直如此时请管理员检查服务器';
    if (e.status === 0) return '连不上团队服务器，请检查地址、网络，或确认服务器已启动';
    return e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

export class SyncController {
  private deps: SyncDeps | undefined;
  private state: SyncState | undefined;
  private token: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly set: Set,
    private readonly get: Get,
  ) {}

  private need(): SyncDeps {
    if (!this.deps) throw new Error('sync not started');
    return this.deps;
  }

  /** Loads what was kept and, when signed in, starts the loop. */
  async start(deps: SyncDeps): Promise<void> {
    this.stop();
    this.deps = deps;
    this.state = await deps.repo.loadState();
    const origin = deps.sameOrigin ?? deps.origin();
    const session = (await deps.repo.session()) ?? null;
    this.token = origin ? await deps.tokens.load(origin) : null;
    this.set({
      origin,
      session: session && session.origin === origin ? session : null,
      conflicts: Object.values(this.state.conflicts),
      pending: pendingCount(this.state) + (await deps.repo.journalSize()),
      phase: !origin ? 'none' : this.token && session ? 'idle' : 'signed-out',
    });
    this.unsubscribe = deps.onLocalWrite(() => this.schedule(SYNC_DEBOUNCE_MS));
    if (this.token && session) this.schedule(0);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Signs in; on success remembers the server and starts syncing. Changes nothing on failure. */
  async signIn(address: string, name: string, password: string): Promise<PublicUser> {
    const deps = this.need();
    let originValue: string;
    if (deps.sameOrigin) originValue = deps.sameOrigin;
    else {
      const r = serverOrigin(address);
      if (!r.ok) throw new Error(r.error);
      originValue = r.value;
    }
    if (!name.trim()) throw new Error('请填写用户名');
    if (!password) throw new Error('请填写密码');
    let answer;
    try {
      answer = await httpSignIn(originValue, name.trim(), password, deps.fetch);
    } catch (e) {
      throw new Error(signInMessage(e), { cause: e });
    }
    const previous = deps.origin();
    if (previous && previous !== originValue && !deps.sameOrigin) {
      // Another server: what was kept for the old one means nothing there.
      await deps.repo.reset();
      this.state = await deps.repo.loadState();
    }
    // A laptop joining a server brings its ledger: queued now, saved with the session below.
    const state = this.state ?? (await deps.repo.loadState());
    this.state = state;
    if (ABILITIES[answer.user.role].write && (await deps.repo.queueExisting(state))) {
      await deps.repo.saveState(state);
    }
    const session: SyncSession = { origin: originValue, user: answer.user, expiresAt: answer.expiresAt };
    await deps.tokens.save(originValue, answer.token);
    await deps.repo.saveSession(session);
    await deps.setOrigin(originValue);
    this.token = answer.token;
    this.failures = 0;
    this.set({ origin: originValue, session, phase: 'idle', message: null });
    this.schedule(0);
    return answer.user;
  }

  /** Ends the session on the server (when reachable) and here; local changes stay queued. */
  async signOut(): Promise<void> {
    const deps = this.need();
    const origin = this.get().origin;
    const token = this.token;
    clearTimeout(this.timer);
    if (this.running) await this.running;
    this.token = null;
    if (origin) await deps.tokens.save(origin, null);
    await deps.repo.saveSession(undefined);
    this.set({ session: null, phase: origin ? 'signed-out' : 'none', message: null });
    if (origin && token) {
      try {
        await httpSignOut(origin, token, deps.fetch);
      } catch {
        // Offline or already expired: the token is forgotten here and expires there.
      }
    }
  }

  /** Runs a sync soon (at once with 0); several calls while one runs make one more run. */
  schedule(delayMs: number): void {
    if (!this.deps) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.syncNow(), delayMs);
  }

  /** One sync now; resolves when it and any run asked for meanwhile are done. */
  syncNow(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.schedule(SYNC_DEBOUNCE_MS);
      }
    });
    return this.running;
  }

  private async run(): Promise<void> {
    const deps = this.need();
    const origin = this.get().origin;
    const session = this.get().session;
    const state = this.state;
    if (!origin || !this.token || !session || !state) return;
    clearTimeout(this.timer);
    this.set({ phase: 'syncing' });
    let next = SYNC_INTERVAL_MS;
    try {
      await deps.repo.drainJournal(state);
      this.set({ pending: pendingCount(state) });
      // A role that may not write only pulls; its queued changes wait for a role that may.
      const mayWrite = ABILITIES[session.user.role].write;
      const view: SyncState = mayWrite ? state : { ...state, outbox: {} };
      let remote: { kind: RecordKind; record: BaseRecord }[] = [];
      const refused = [...this.get().refused];
      await syncOnce(view, httpTransport(origin, this.token, deps.fetch), {
        applyRemote: async (kind, record) => {
          remote.push({ kind, record });
        },
        save: async () => {
          state.checkpoint = view.checkpoint;
          const batch = remote;
          remote = [];
          refused.push(...(await deps.repo.saveWithRemote(state, batch)));
          this.set({ pending: pendingCount(state) });
        },
        newId: deps.newId,
      });
      this.failures = 0;
      this.set({
        phase: 'idle',
        lastSyncAt: deps.now().toISOString(),
        conflicts: Object.values(state.conflicts),
        pending: pendingCount(state) + (await deps.repo.journalSize()),
        refused: refused.slice(-50),
        message: null,
      });
    } catch (e) {
      // The state in memory is what was last saved or ahead of it by answered steps only.
      this.state = await deps.repo.loadState();
      const status = e instanceof SyncHttpError ? e.status : -1;
      if (status === 401) {
        this.token = null;
        await deps.tokens.save(origin, null);
        this.set({ phase: 'signed-out', message: '登录已过期，请重新登录后继续同步' });
        return;
      }
      this.failures++;
      next = Math.min(MAX_BACKOFF_MS, 5_000 * 2 ** (this.failures - 1));
      if (status === 0) {
        this.set({ phase: 'offline', message: '连不上团队服务器，本机照常使用，网络恢复后自动同步' });
      } else {
        const text = e instanceof Error ? e.message : String(e);
        this.set({ phase: 'error', message: status === 429 ? text : `同步未完成：${text}` });
      }
    }
    this.schedule(next);
  }

  /** Settles a conflict; a choice that changes the record is pushed by the next sync. */
  async resolveConflict(changeId: string, choice: ConflictChoice): Promise<void> {
    const deps = this.need();
    if (this.running) await this.running;
    const state = this.state;
    const conflict = state?.conflicts[changeId];
    if (!state || !conflict) return;
    await deps.repo.resolveConflict(state, conflict, choice);
    this.set({ conflicts: Object.values(state.conflicts) });
    this.schedule(0);
  }

  private users() {
    const origin = this.get().origin;
    if (!origin || !this.token) throw new Error('请先登录团队服务器');
    return usersClient(origin, this.token, this.need().fetch);
  }

  async listUsers(): Promise<PublicUser[]> {
    return (await this.users().list()).users;
  }

  async createUser(user: NewUser): Promise<PublicUser> {
    return (await this.users().create(user)).user;
  }

  async updateUser(id: string, patch: UserPatch): Promise<PublicUser> {
    return (await this.users().update(id, patch)).user;
  }
}
