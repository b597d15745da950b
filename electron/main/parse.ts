/**
 * Spreadsheet parsing on the desktop, in its own process (parseHost.ts run by
 * Electron's utilityProcess.fork with a heap limit). A file that makes the
 * parser run out of memory or crash ends that process only: the window and
 * the ledger stay, and the page gets a Chinese message. A parse that runs
 * past the time limit is killed. One process per file, so nothing a broken
 * file left behind reaches the next one.
 *
 * The process is reached through `SpawnHost`, so the unit tests run the same
 * host script with Node's child_process.fork.
 */
import { DEFAULT_LIMITS, type ImportLimits } from '../../shared/excel/limits';
import {
  PARSE_CANCELLED,
  PARSE_PROCESS_STOPPED,
  parseTimeoutMessage,
  type ParseReply,
  type ParseRequest,
} from '../../shared/excel/parseMessages';
import type { ParseAnswer } from '../../shared/contract';

/** Heap of the parse process: the import's own limits keep a legal file well below it. */
export const PARSE_HEAP_MB = 1024;

/** The little of a child process the parse needs; Electron's UtilityProcess and Node's ChildProcess both fit. */
export interface HostProcess {
  send(request: ParseRequest): void;
  onMessage(listener: (reply: ParseReply) => void): void;
  /** Exit code, or null when a signal ended it. */
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}
export type SpawnHost = () => HostProcess;

export interface ParseJob {
  result: Promise<ParseAnswer>;
  cancel(): void;
}

/** Parses one file in a fresh host process; the process is gone when the result settles. */
export function parseInHost(
  spawn: SpawnHost,
  bytes: Uint8Array,
  fileName: string,
  limits: ImportLimits = DEFAULT_LIMITS,
): ParseJob {
  let settle: (a: ParseAnswer) => void = () => {};
  const result = new Promise<ParseAnswer>((resolve) => (settle = resolve));
  let settled = false;
  let child: HostProcess | undefined;
  const timer = setTimeout(() => done({ ok: false, error: parseTimeoutMessage(limits) }), limits.timeLimitMs);
  function done(answer: ParseAnswer) {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    try {
      child?.kill();
    } catch {
      // Already gone.
    }
    settle(answer);
  }
  try {
    child = spawn();
    child.onMessage((reply) => {
      if (reply.type === 'done') done(reply.result);
    });
    // Exiting before the answer is the out-of-memory (or crash) case.
    child.onExit(() => done({ ok: false, error: PARSE_PROCESS_STOPPED }));
    child.send({ bytes, fileName, limits });
  } catch {
    done({ ok: false, error: PARSE_PROCESS_STOPPED });
  }
  return { result, cancel: () => done({ ok: false, error: PARSE_CANCELLED, cancelled: true }) };
}

/** The IPC side: parses by id, so the page can cancel the one it started. */
export function createParseService(spawn: SpawnHost, limits: ImportLimits = DEFAULT_LIMITS) {
  const running = new Map<string, ParseJob>();
  return {
    async parse(args: { id: string; fileName: string; data: Uint8Array }): Promise<ParseAnswer> {
      running.get(args.id)?.cancel();
      const job = parseInHost(spawn, args.data, args.fileName, limits);
      running.set(args.id, job);
      try {
        return await job.result;
      } finally {
        if (running.get(args.id) === job) running.delete(args.id);
      }
    },
    cancel(id: string): void {
      running.get(id)?.cancel();
    },
    /** Stops every parse (the window is closing). */
    stopAll(): void {
      for (const job of running.values()) job.cancel();
    },
  };
}

/** Minimal shape of Electron's utilityProcess.fork, so this file does not import electron. */
export type UtilityFork = (
  modulePath: string,
  args: string[],
  options: { execArgv: string[]; serviceName: string; stdio: 'ignore' | 'inherit' },
) => {
  postMessage(message: unknown): void;
  on(event: 'spawn', listener: () => void): unknown;
  on(event: 'message', listener: (message: ParseReply) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
};

/** Production: the host script in a utility process with its own heap limit. */
export function utilityHost(fork: UtilityFork, script: string, heapMb = PARSE_HEAP_MB): SpawnHost {
  return () => {
    const child = fork(script, [], {
      execArgv: [`--max-old-space-size=${heapMb}`],
      serviceName: '招商台账 表格解析',
      stdio: 'ignore',
    });
    let spawned = false;
    let pending: ParseRequest | undefined;
    child.on('spawn', () => {
      spawned = true;
      if (pending) child.postMessage(pending);
      pending = undefined;
    });
    return {
      send: (request) => (spawned ? child.postMessage(request) : (pending = request)),
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.on('exit', listener),
      kill: () => void child.kill(),
    };
  };
}
