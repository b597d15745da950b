/**
 * The one contract between the renderer and the main process: IPC_TABLE
 * lists every invoke channel once, with its preload method, argument schema
 * and result type. The preload builds its methods from the table in a loop,
 * and main registers exactly one handler per row, checking arguments against
 * the row's schema before the handler runs.
 */
import { z } from 'zod';
import type { Settings } from './settings';
import { settingsPatchSchema } from './settings';
import { CHANNELS } from './channels';
import { SNAPSHOT_NAME_RE, type BackupReason } from './backup/snapshot';
import type { Channel, MenuCommand } from './channels';
import type { Result } from './domain/result';
import { DEFAULT_LIMITS } from './excel/limits';
import type { ParsedWorkbook } from './excel/workbook';

export {
  BACKUP_REQUEST_CHANNEL,
  CHANNELS,
  EXCHANGE_FILE_EXTENSION,
  MENU_COMMAND_CHANNEL,
  MENU_COMMANDS,
  OPENED_FILE_CHANNEL,
  isMenuCommand,
} from './channels';
export type { Channel, MenuCommand } from './channels';

/** Largest file the renderer may hand to main for writing, or read through main. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

// Strict objects: a key the contract does not name is refused, not silently dropped.
const fileFilter = z.strictObject({
  name: z.string().min(1).max(80),
  extensions: z
    .array(z.string().regex(/^[a-z0-9*]{1,10}$/i))
    .min(1)
    .max(10),
});

/** A plain file name: no folders, no control characters. */
const fileName = z
  .string()
  .min(1)
  .max(200)
  // Control characters are exactly what a file name must not contain.
  // eslint-disable-next-line no-control-regex
  .refine((s) => !/[\\/\u0000-\u001f]/.test(s) && s !== '.' && s !== '..', '文件名无效');

export const saveFileArgs = z.strictObject({
  defaultName: fileName,
  filters: z.array(fileFilter).max(10),
  data: z.instanceof(Uint8Array).refine((d) => d.byteLength <= MAX_FILE_BYTES, '文件过大'),
});
export type SaveFileArgs = z.infer<typeof saveFileArgs>;

export const openFileArgs = z.strictObject({
  filters: z.array(fileFilter).max(10),
  maxBytes: z.number().int().positive().max(MAX_FILE_BYTES),
});
export type OpenFileArgs = z.infer<typeof openFileArgs>;

/** A spreadsheet for the desktop parse process; the id lets the page cancel it. */
export const parseSpreadsheetArgs = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  fileName,
  data: z.instanceof(Uint8Array).refine((d) => d.byteLength <= DEFAULT_LIMITS.maxBytes, '文件过大'),
});
export type ParseSpreadsheetArgs = z.infer<typeof parseSpreadsheetArgs>;
/** The grids the browser's parse worker would answer, or the Chinese reason it could not. */
export type ParseAnswer = Result<ParsedWorkbook> & { cancelled?: boolean };

export type SaveFileResult = { saved: false } | { saved: true; path: string };
export type OpenFileResult =
  | { ok: true; name: string; data: Uint8Array }
  | { ok: false; reason: 'cancelled' | 'too-large' | 'unreadable'; message?: string };

/** An exchange file the OS asked the app to open, read by main (size-checked). */
export type OpenedFile =
  | { ok: true; path: string; name: string; data: Uint8Array }
  | { ok: false; path: string; name: string; reason: 'too-large' | 'unreadable'; message: string };
export const writeBackupArgs = z.strictObject({
  data: z
    .instanceof(Uint8Array)
    .refine((d) => d.byteLength > 0 && d.byteLength <= MAX_FILE_BYTES, '备份数据为空或过大'),
});
export type WriteBackupArgs = z.infer<typeof writeBackupArgs>;

/** A backup file's name as main lists it; nothing else may be read through backups:read. */
export const backupName = z.string().max(80).regex(SNAPSHOT_NAME_RE, '备份文件名无效');

export interface BackupInfo {
  name: string;
  createdAt: string;
  reason: BackupReason;
  size: number;
  /** Rows per table. */
  counts: Record<string, number>;
}

export interface AppInfo {
  version: string;
  platform: string;
  /** Folder that holds the database, settings and backups. */
  dataPath: string;
}

/** A team server origin as settings keep it (scheme://host[:port], nothing after). */
export const tokenOrigin = z
  .string()
  .max(200)
  .regex(/^https?:\/\/[^/\s?#@]+$/, '服务器地址无效');
/** A session token as the server issues it. */
export const sessionToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, '登录凭据格式不对');

/** A result type carried by the table for the compiler only; it is never read at run time. */
export interface Returns<T> {
  readonly __result?: T;
}
const returns = <T>(): Returns<T> => ({});

/**
 * THE IPC table: one row per invoke channel, naming the preload method, its
 * channel, the schema main checks the arguments against, and the result.
 * `DesktopApi`, main's `HandlerMap`, the preload's invoke methods (built by a
 * loop) and the renderer's desktop `Platform` are all derived from it.
 * `exposed: false` rows are called by the preload itself, never by the page.
 */
export const IPC_TABLE = [
  {
    method: 'getSettings',
    channel: CHANNELS.settingsGet,
    args: z.tuple([]),
    result: returns<Settings>(),
    exposed: true,
  },
  {
    method: 'updateSettings',
    channel: CHANNELS.settingsUpdate,
    args: z.tuple([settingsPatchSchema]),
    result: returns<Settings>(),
    exposed: true,
  },
  {
    method: 'saveFile',
    channel: CHANNELS.filesSave,
    args: z.tuple([saveFileArgs]),
    result: returns<SaveFileResult>(),
    exposed: true,
  },
  {
    method: 'openFile',
    channel: CHANNELS.filesOpen,
    args: z.tuple([openFileArgs]),
    result: returns<OpenFileResult>(),
    exposed: true,
  },
  {
    method: 'getAppInfo',
    channel: CHANNELS.appInfo,
    args: z.tuple([]),
    result: returns<AppInfo>(),
    exposed: true,
  },
  {
    method: 'takeOpenedFiles',
    channel: CHANNELS.openedFilesTake,
    args: z.tuple([]),
    result: returns<OpenedFile[]>(),
    exposed: false,
  },
  {
    /** Hands main a snapshot (encoded by shared/backup/snapshot) to keep under <userData>/backups. */
    method: 'writeBackup',
    channel: CHANNELS.backupsWrite,
    args: z.tuple([writeBackupArgs]),
    result: returns<BackupInfo>(),
    exposed: true,
  },
  {
    method: 'listBackups',
    channel: CHANNELS.backupsList,
    args: z.tuple([]),
    result: returns<BackupInfo[]>(),
    exposed: true,
  },
  {
    method: 'readBackup',
    channel: CHANNELS.backupsRead,
    args: z.tuple([backupName]),
    result: returns<Uint8Array>(),
    exposed: true,
  },
  {
    /** The team server's session token for an origin, decrypted by main (safeStorage); null when none. */
    method: 'loadSessionToken',
    channel: CHANNELS.tokenLoad,
    args: z.tuple([tokenOrigin]),
    result: returns<string | null>(),
    exposed: true,
  },
  {
    /** Keeps (encrypted with safeStorage) or, with null, forgets the session token for an origin. */
    method: 'saveSessionToken',
    channel: CHANNELS.tokenSave,
    args: z.tuple([tokenOrigin, sessionToken.nullable()]),
    result: returns<void>(),
    exposed: true,
  },
  {
    /** Reads a spreadsheet in main's parse process (electron/main/parse.ts), not in the window. */
    method: 'parseSpreadsheet',
    channel: CHANNELS.parseSpreadsheet,
    args: z.tuple([parseSpreadsheetArgs]),
    result: returns<ParseAnswer>(),
    exposed: true,
  },
  {
    method: 'cancelParse',
    channel: CHANNELS.parseCancel,
    args: z.tuple([parseSpreadsheetArgs.shape.id]),
    result: returns<void>(),
    exposed: true,
  },
] as const;

export type IpcRow = (typeof IPC_TABLE)[number];
export type IpcMethod = IpcRow['method'];
/** The table's row for a method. */
export type IpcRowOf<M extends IpcMethod> = Extract<IpcRow, { method: M }>;
/** The table's row for a channel. */
export type IpcRowOn<C extends Channel> = Extract<IpcRow, { channel: C }>;
/** The channel a method is wired to, as the table says. */
export type ChannelOf<M extends IpcMethod> = IpcRowOf<M>['channel'];
type ArgsOf<R extends IpcRow> = z.infer<R['args']>;
type ResultOf<R extends IpcRow> = R['result'] extends Returns<infer T> ? T : never;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never;
type IsOne<T> = [T] extends [never] ? false : [T] extends [UnionToIntersection<T>] ? true : false;
type AllTrue<T extends boolean> = false extends T ? false : true;
/** Every channel has exactly one row, every method names exactly one row. */
type TableIsOneToOne = AllTrue<
  { [C in Channel]: IsOne<IpcRowOn<C>> }[Channel] | { [M in IpcMethod]: IsOne<IpcRowOf<M>> }[IpcMethod]
>;
const tableIsOneToOne: TableIsOneToOne = true;
void tableIsOneToOne;

/** The invoke methods, one per row: the preload builds these in a loop. */
export type InvokeApi = {
  [R in IpcRow as R['method']]: (...args: ArgsOf<R>) => Promise<ResultOf<R>>;
};
/** Methods the preload keeps to itself (see `exposed`). */
export type InternalMethod = Extract<IpcRow, { exposed: false }>['method'];

/** The push subscriptions, written by hand in the preload (they filter and drain). */
export interface DesktopSubscriptions {
  /** Subscribes to menu clicks; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /**
   * Subscribes to exchange files opened from the OS, including any opened
   * before the call (e.g. the file the app was launched with); returns the
   * unsubscribe function.
   */
  onOpenedFile(listener: (file: OpenedFile) => void): () => void;
  /** Main asks for a snapshot before the window closes; returns the unsubscribe function. */
  onBackupRequest(listener: () => void): () => void;
}

/** What the preload exposes as `window.desktop`. */
export type DesktopApi = Omit<InvokeApi, InternalMethod> & DesktopSubscriptions;

/** Handler map type that main's ipc.ts must fill, one function per channel, typed by its row. */
export type HandlerMap = {
  [R in IpcRow as R['channel']]: (...args: ArgsOf<R>) => ResultOf<R> | Promise<ResultOf<R>>;
};

/** The row wired to a channel (every channel has one: see EveryChannelOnce). */
export function ipcRowOn<C extends Channel>(channel: C): IpcRowOn<C> {
  const row = IPC_TABLE.find((r) => r.channel === channel);
  if (!row) throw new Error(`IPC 通道没有登记：${channel}`);
  return row as IpcRowOn<C>;
}

/** Sends one call over a channel (ipcRenderer.invoke in the preload). */
export type Invoke = (channel: Channel, ...args: unknown[]) => Promise<unknown>;

/** One method per table row, each calling exactly its row's channel. */
export function buildInvokeApi(invoke: Invoke): InvokeApi {
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const row of IPC_TABLE) api[row.method] = (...args) => invoke(row.channel, ...args);
  // The loop wires each row's method to that row's channel; the compiler cannot follow a loop.
  return api as InvokeApi;
}

/** `window.desktop`: the table's exposed methods plus the push subscriptions. */
export function buildDesktopApi(
  invoke: Invoke,
  subscriptions: (api: InvokeApi) => DesktopSubscriptions,
): DesktopApi {
  const all = buildInvokeApi(invoke);
  const exposed: Partial<InvokeApi> = {};
  for (const row of IPC_TABLE) if (row.exposed) Object.assign(exposed, { [row.method]: all[row.method] });
  return { ...(exposed as Omit<InvokeApi, InternalMethod>), ...subscriptions(all) };
}

/** Fixed identity: changing any of these orphans users' data (SPEC §7). */
export const APP_ID = 'cn.zhaoshang.ledger';
export const PRODUCT_NAME = '招商台账';
/** Folder name under the OS app-data folder; never derived from the product name. */
export const DATA_FOLDER = 'zhaoshang-ledger';
export const APP_SCHEME = 'app';
export const APP_HOST = 'ledger';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
