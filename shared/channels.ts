/**
 * Channel names and menu commands: the names only. contract.ts wires them
 * to methods and schemas in IPC_TABLE.
 */
export const CHANNELS = {
  settingsGet: 'settings:get',
  settingsUpdate: 'settings:update',
  filesSave: 'files:save',
  filesOpen: 'files:open',
  appInfo: 'app:info',
  openedFilesTake: 'app:opened-files:take',
  backupsWrite: 'backups:write',
  backupsList: 'backups:list',
  backupsRead: 'backups:read',
  tokenLoad: 'secrets:token-load',
  tokenSave: 'secrets:token-save',
  parseSpreadsheet: 'parse:spreadsheet',
  parseCancel: 'parse:cancel',
} as const;
export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];

/**
 * Main → renderer push: an exchange file was opened from the OS (double-click,
 * "open with", a second launch). Carries nothing; the preload then takes the
 * queued files through CHANNELS.openedFilesTake, so none is lost before the
 * page subscribes.
 */
export const OPENED_FILE_CHANNEL = 'app:opened-file';
/** The exchange file's extension, registered with the OS by the installers. */
export const EXCHANGE_FILE_EXTENSION = 'zsjh';

/** Main → renderer push channel for menu clicks. */
export const MENU_COMMAND_CHANNEL = 'menu:command';

/** Main → renderer: write a snapshot now (the window is closing). */
export const BACKUP_REQUEST_CHANNEL = 'backups:request';

export const MENU_COMMANDS = [
  'import-excel',
  'export-report',
  'backup',
  'restore',
  'exchange',
  'quick-entry',
  'open-settings',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
