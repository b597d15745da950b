/**
 * The Chinese application menu (SPEC §8). Items that belong to the app send
 * a MenuCommand to the renderer; editing and view items use Electron roles
 * with Chinese labels.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { PRODUCT_NAME, type MenuCommand } from '../../shared/contract';

export interface MenuOptions {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  onAbout: () => void;
}

export const MENU_LABELS = {
  file: '文件',
  importExcel: '导入Excel…',
  exportReport: '导出汇总报表…',
  backup: '备份…',
  restore: '恢复…',
  exchange: '交换文件…',
  quickEntry: '快速登记',
  settings: '设置',
  quit: '退出',
  edit: '编辑',
  undo: '撤销',
  redo: '重做',
  cut: '剪切',
  copy: '复制',
  paste: '粘贴',
  selectAll: '全选',
  view: '视图',
  reload: '重新加载',
  resetZoom: '实际大小',
  zoomIn: '放大',
  zoomOut: '缩小',
  fullscreen: '全屏',
  devTools: '开发者工具',
  help: '帮助',
  about: `关于${PRODUCT_NAME}`,
} as const;

export function buildMenuTemplate(
  send: (command: MenuCommand) => void,
  opts: MenuOptions,
): MenuItemConstructorOptions[] {
  const L = MENU_LABELS;
  const command = (label: string, cmd: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(cmd),
  });
  const isMac = opts.platform === 'darwin';

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: PRODUCT_NAME,
      submenu: [
        { label: L.about, click: () => opts.onAbout() },
        { type: 'separator' },
        command(L.settings, 'open-settings', 'Cmd+,'),
        { type: 'separator' },
        { role: 'hide', label: `隐藏${PRODUCT_NAME}` },
        { role: 'hideOthers', label: '隐藏其他' },
        { role: 'unhide', label: '全部显示' },
        { type: 'separator' },
        { role: 'quit', label: `退出${PRODUCT_NAME}` },
      ],
    });
  }
  template.push(
    {
      label: L.file,
      submenu: [
        command(L.importExcel, 'import-excel'),
        command(L.exportReport, 'export-report'),
        { type: 'separator' },
        command(L.backup, 'backup'),
        command(L.restore, 'restore'),
        command(L.exchange, 'exchange'),
        { type: 'separator' },
        command(L.quickEntry, 'quick-entry', 'CmdOrCtrl+N'),
        ...(isMac
          ? []
          : [
              command(L.settings, 'open-settings'),
              { type: 'separator' as const },
              { role: 'quit' as const, label: L.quit },
            ]),
      ],
    },
    {
      label: L.edit,
      submenu: [
        { role: 'undo', label: L.undo },
        { role: 'redo', label: L.redo },
        { type: 'separator' },
        { role: 'cut', label: L.cut },
        { role: 'copy', label: L.copy },
        { role: 'paste', label: L.paste },
        { role: 'selectAll', label: L.selectAll },
      ],
    },
    {
      label: L.view,
      submenu: [
        { role: 'reload', label: L.reload },
        { type: 'separator' },
        { role: 'resetZoom', label: L.resetZoom },
        { role: 'zoomIn', label: L.zoomIn },
        { role: 'zoomOut', label: L.zoomOut },
        { type: 'separator' },
        { role: 'togglefullscreen', label: L.fullscreen },
        ...(opts.isPackaged
          ? []
          : [{ type: 'separator' as const }, { role: 'toggleDevTools' as const, label: L.devTools }]),
      ],
    },
    {
      label: L.help,
      role: 'help',
      submenu: [{ label: L.about, click: () => opts.onAbout() }],
    },
  );
  return template;
}
