/**
 * App lifecycle. Order matters: the data folder and the privileged scheme
 * are fixed before `ready`; guards are installed before the first
 * WebContents exists; the window loads only after the protocol is handled.
 */
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  utilityProcess,
} from 'electron';
import {
  APP_HOST,
  APP_ID,
  APP_SCHEME,
  BACKUP_REQUEST_CHANNEL,
  CHANNELS,
  DATA_FOLDER,
  MENU_COMMAND_CHANNEL,
  OPENED_FILE_CHANNEL,
  PRODUCT_NAME,
  type HandlerMap,
  type MenuCommand,
} from '../../shared/contract';
import { createBackupService, createCloseGuard } from './backups';
import { createFileHandlers } from './files';
import { registerIpcHandlers, createSenderCheck } from './ipc';
import { buildMenuTemplate } from './menu';
import { createOpenedFileQueue, exchangeFilesInArgv } from './opened-files';
import { createParseService, utilityHost } from './parse';
import { createAppProtocolHandler } from './protocol';
import { createTokenService } from './secrets';
import {
  appOrigins,
  blockExternalRequests,
  installPermissionHandlers,
  installSecurityGuards,
} from './security';
import { createSettingsService } from './settings';
import { createMainWindow, createWindowStateStore } from './window';

// electron-vite sets this only for `electron-vite dev`; a packaged app never loads a dev URL.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const allowedOrigins = appOrigins(devServerUrl);
const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

// SPEC §7: the data folder never follows the product name.
app.setName(PRODUCT_NAME);
app.setPath('userData', join(app.getPath('appData'), DATA_FOLDER));
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: {
      standard: true,
      secure: true,
      supportFetchAPI: true,
      corsEnabled: true,
      stream: true,
    },
  },
]);

let mainWindow: BrowserWindow | null = null;
let quitting = false;

const backups = createBackupService({
  dir: () => join(app.getPath('userData'), 'backups'),
  now: () => new Date(),
});

// Exchange files opened from the OS wait here until the page takes them.
const openedFiles = createOpenedFileQueue(() => {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(OPENED_FILE_CHANNEL);
});

function focusMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function sendMenuCommand(command: MenuCommand): void {
  const target = BrowserWindow.getFocusedWindow() ?? mainWindow;
  if (target && !target.isDestroyed()) target.webContents.send(MENU_COMMAND_CHANNEL, command);
}

function showAbout(): void {
  const options = {
    type: 'info' as const,
    title: `关于${PRODUCT_NAME}`,
    message: PRODUCT_NAME,
    detail: `版本 ${app.getVersion()}\n数据文件夹：${app.getPath('userData')}`,
    buttons: ['确定'],
  };
  if (mainWindow) void dialog.showMessageBox(mainWindow, options);
  else void dialog.showMessageBox(options);
}

function openMainWindow(): void {
  const appPath = app.getAppPath();
  mainWindow = createMainWindow({
    BrowserWindow,
    screen,
    stateStore: createWindowStateStore(),
    preloadPath: join(appPath, 'out', 'preload', 'index.cjs'),
    url: devServerUrl ?? APP_ENTRY_URL,
    // Packaged builds take their icon from the installer's desktop entry.
    ...(app.isPackaged ? {} : { icon: join(appPath, 'build', 'icon.png') }),
  });
  const win = mainWindow;
  // SPEC §7: a snapshot on quit. The page encodes it; the close waits for it (bounded).
  const guard = createCloseGuard({
    requestSnapshot: () => {
      if (win.isDestroyed() || win.webContents.isCrashed()) return false;
      win.webContents.send(BACKUP_REQUEST_CHANNEL);
      return true;
    },
    proceed: () => {
      if (quitting) app.quit();
      else if (!win.isDestroyed()) win.close();
    },
  });
  const stopListening = backups.onWritten((info) => guard.onSnapshotWritten(info.reason));
  win.on('close', (event) => {
    guard.onClose(event);
  });
  win.on('closed', () => {
    stopListening();
    mainWindow = null;
  });
}

async function start(): Promise<void> {
  await app.whenReady();

  const settings = createSettingsService();
  const teamServer = () => settings.get().serverOrigin;
  const tokens = createTokenService(safeStorage, app.getPath('userData'));
  const rendererDir = join(app.getAppPath(), 'out', 'renderer');
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir, teamServer));

  installPermissionHandlers(session.defaultSession);
  blockExternalRequests(session.defaultSession, allowedOrigins, teamServer);

  const files = createFileHandlers({
    dialog,
    getWindow: () => mainWindow,
    documentsDir: () => app.getPath('documents'),
  });
  // Spreadsheets are parsed in their own process with a heap limit: running out of memory there ends that process, not the window.
  const parser = createParseService(
    utilityHost(utilityProcess.fork, join(app.getAppPath(), 'out', 'main', 'parseHost.js')),
  );
  app.on('before-quit', () => parser.stopAll());
  const handlers: HandlerMap = {
    [CHANNELS.settingsGet]: () => settings.get(),
    [CHANNELS.settingsUpdate]: (patch) => settings.update(patch),
    [CHANNELS.filesSave]: (args) => files.saveFile(args),
    [CHANNELS.filesOpen]: (args) => files.openFile(args),
    [CHANNELS.openedFilesTake]: () => openedFiles.take(),
    [CHANNELS.backupsWrite]: (args) => backups.write(args),
    [CHANNELS.backupsList]: () => backups.list(),
    [CHANNELS.backupsRead]: (name) => backups.read(name),
    [CHANNELS.tokenLoad]: (origin) => tokens.load(origin),
    [CHANNELS.tokenSave]: (origin, token) => tokens.save(origin, token),
    [CHANNELS.parseSpreadsheet]: (args) => parser.parse(args),
    [CHANNELS.parseCancel]: (id) => parser.cancel(id),
    [CHANNELS.appInfo]: () => ({
      version: app.getVersion(),
      platform: process.platform,
      dataPath: app.getPath('userData'),
    }),
  };
  registerIpcHandlers(
    ipcMain,
    handlers,
    createSenderCheck(allowedOrigins, () => mainWindow?.webContents),
  );

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate(sendMenuCommand, {
        isPackaged: app.isPackaged,
        platform: process.platform,
        onAbout: showAbout,
      }),
    ),
  );

  openMainWindow();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  openedFiles.add(exchangeFilesInArgv(process.argv, process.cwd()));
  app.on('second-instance', (_event, argv, workingDirectory) => {
    openedFiles.add(exchangeFilesInArgv(argv, workingDirectory));
    focusMainWindow();
  });
  // macOS delivers double-clicked files this way, also before `ready`.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openedFiles.add([path]);
    focusMainWindow();
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  installSecurityGuards(app, allowedOrigins, (url) => shell.openExternal(url));
  start().catch((error: unknown) => {
    dialog.showErrorBox(
      `${PRODUCT_NAME}无法启动`,
      error instanceof Error ? (error.stack ?? error.message) : String(error),
    );
    app.exit(1);
  });
}
