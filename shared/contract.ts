/**
 * The one contract between the renderer and the main process: the API the
 * preload exposes (DesktopApi), the channel names, and the schema of every
 * channel's arguments. The preload's object `satisfies DesktopApi`, and main
 * registers exactly one handler per channel, checking arguments against
 * ARG_SCHEMAS before the handler runs.
 */
import { z } from 'zod';
import type { Settings, SettingsPatch } from './settings';
import { settingsPatchSchema } from './settings';
import { CHANNELS } from './channels';
import { SNAPSHOT_NAME_RE, type BackupReason } from './backup/snapshot';
import type { Channel, MenuCommand } from './channels';

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

/** Argument tuples per channel, checked in main before any handler runs. */
export const ARG_SCHEMAS = {
  [CHANNELS.settingsGet]: z.tuple([]),
  [CHANNELS.settingsUpdate]: z.tuple([settingsPatchSchema]),
  [CHANNELS.filesSave]: z.tuple([saveFileArgs]),
  [CHANNELS.filesOpen]: z.tuple([openFileArgs]),
  [CHANNELS.appInfo]: z.tuple([]),
  [CHANNELS.openedFilesTake]: z.tuple([]),
  [CHANNELS.backupsWrite]: z.tuple([writeBackupArgs]),
  [CHANNELS.backupsList]: z.tuple([]),
  [CHANNELS.backupsRead]: z.tuple([backupName]),
} satisfies Record<Channel, z.ZodTuple>;

/** What the preload exposes as `window.desktop`. */
export interface DesktopApi {
  getSettings(): Promise<Settings>;
  updateSettings(patch: SettingsPatch): Promise<Settings>;
  saveFile(args: SaveFileArgs): Promise<SaveFileResult>;
  openFile(args: OpenFileArgs): Promise<OpenFileResult>;
  getAppInfo(): Promise<AppInfo>;
  /** Subscribes to menu clicks; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /**
   * Subscribes to exchange files opened from the OS, including any opened
   * before the call (e.g. the file the app was launched with); returns the
   * unsubscribe function.
   */
  onOpenedFile(listener: (file: OpenedFile) => void): () => void;
  /** Hands main a snapshot (encoded by shared/backup/snapshot) to keep under <userData>/backups. */
  writeBackup(args: WriteBackupArgs): Promise<BackupInfo>;
  listBackups(): Promise<BackupInfo[]>;
  readBackup(name: string): Promise<Uint8Array>;
  /** Main asks for a snapshot before the window closes; returns the unsubscribe function. */
  onBackupRequest(listener: () => void): () => void;
}

/** Handler map type that main's ipc.ts must fill, one function per channel. */
export type HandlerMap = {
  [CHANNELS.settingsGet]: () => Settings | Promise<Settings>;
  [CHANNELS.settingsUpdate]: (patch: SettingsPatch) => Settings | Promise<Settings>;
  [CHANNELS.filesSave]: (args: SaveFileArgs) => Promise<SaveFileResult>;
  [CHANNELS.filesOpen]: (args: OpenFileArgs) => Promise<OpenFileResult>;
  [CHANNELS.appInfo]: () => AppInfo;
  [CHANNELS.openedFilesTake]: () => Promise<OpenedFile[]>;
  [CHANNELS.backupsWrite]: (args: WriteBackupArgs) => Promise<BackupInfo>;
  [CHANNELS.backupsList]: () => Promise<BackupInfo[]>;
  [CHANNELS.backupsRead]: (name: string) => Promise<Uint8Array>;
};

/** Fixed identity: changing any of these orphans users' data (SPEC §7). */
export const APP_ID = 'cn.zhaoshang.ledger';
export const PRODUCT_NAME = '招商台账';
/** Folder name under the OS app-data folder; never derived from the product name. */
export const DATA_FOLDER = 'zhaoshang-ledger';
export const APP_SCHEME = 'app';
export const APP_HOST = 'ledger';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
