import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from '../../electron/main/menu';
import type { MenuCommand } from '../../shared/contract';

type Item = MenuItemConstructorOptions;

function build(opts: { isPackaged?: boolean; platform?: NodeJS.Platform } = {}) {
  const send = vi.fn<(c: MenuCommand) => void>();
  const onAbout = vi.fn();
  const template = buildMenuTemplate(send, {
    isPackaged: opts.isPackaged ?? true,
    platform: opts.platform ?? 'linux',
    onAbout,
  });
  return { template, send, onAbout };
}

const submenu = (template: Item[], label: string): Item[] => {
  const menu = template.find((m) => m.label === label);
  expect(menu, `menu ${label}`).toBeDefined();
  return (menu!.submenu as Item[]).filter((i) => i.type !== 'separator');
};
const labels = (items: Item[]) => items.map((i) => i.label);
const click = (item: Item | undefined) => (item!.click as unknown as () => void)();

describe('application menu', () => {
  it('has the Chinese top-level menus', () => {
    expect(labels(build().template)).toEqual(['文件', '编辑', '视图', '帮助']);
  });

  it('文件 holds the SPEC §8 items', () => {
    expect(labels(submenu(build().template, '文件'))).toEqual([
      '导入Excel…',
      '导出汇总报表…',
      '备份…',
      '恢复…',
      '交换文件…',
      '快速登记',
      '设置',
      '退出',
    ]);
  });

  it.each([
    ['导入Excel…', 'import-excel'],
    ['导出汇总报表…', 'export-report'],
    ['备份…', 'backup'],
    ['恢复…', 'restore'],
    ['交换文件…', 'exchange'],
    ['快速登记', 'quick-entry'],
    ['设置', 'open-settings'],
  ] as const)('clicking %s sends %s', (label, command) => {
    const { template, send } = build();
    click(submenu(template, '文件').find((i) => i.label === label));
    expect(send).toHaveBeenCalledExactlyOnceWith(command);
  });

  it('快速登记 has CmdOrCtrl+N and 退出 is the quit role', () => {
    const file = submenu(build().template, '文件');
    expect(file.find((i) => i.label === '快速登记')?.accelerator).toBe('CmdOrCtrl+N');
    expect(file.find((i) => i.label === '退出')?.role).toBe('quit');
  });

  it('编辑 uses roles with Chinese labels', () => {
    const edit = submenu(build().template, '编辑');
    expect(edit.map((i) => [i.label, i.role])).toEqual([
      ['撤销', 'undo'],
      ['重做', 'redo'],
      ['剪切', 'cut'],
      ['复制', 'copy'],
      ['粘贴', 'paste'],
      ['全选', 'selectAll'],
    ]);
  });

  it('视图 shows developer tools only when not packaged', () => {
    expect(labels(submenu(build({ isPackaged: true }).template, '视图'))).toEqual([
      '重新加载',
      '实际大小',
      '放大',
      '缩小',
      '全屏',
    ]);
    const dev = submenu(build({ isPackaged: false }).template, '视图');
    expect(dev.some((i) => i.role === 'toggleDevTools')).toBe(true);
  });

  it('帮助 → 关于招商台账 opens the about box', () => {
    const { template, onAbout, send } = build();
    click(submenu(template, '帮助').find((i) => i.label === '关于招商台账'));
    expect(onAbout).toHaveBeenCalledTimes(1);
    expect(send).not.toHaveBeenCalled();
  });

  it('on macOS puts 设置 and quit in the app menu', () => {
    const { template, send } = build({ platform: 'darwin' });
    expect(labels(template)).toEqual(['招商台账', '文件', '编辑', '视图', '帮助']);
    click(submenu(template, '招商台账').find((i) => i.label === '设置'));
    expect(send).toHaveBeenCalledWith('open-settings');
    expect(labels(submenu(template, '文件'))).not.toContain('退出');
  });
});
