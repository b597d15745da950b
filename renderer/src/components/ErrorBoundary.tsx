/**
 * The window never goes blank (SPEC §7): a rendering failure in a page, or
 * in the whole app, shows a Chinese error screen with the ways out — back up
 * now, export an exchange file, reload — and the data stays where it is
 * (nothing is written by the failure or by this screen, except what the
 * user asks for).
 */
import { Button, Result, Space, Typography } from 'antd';
import { Component, useState, type ReactNode } from 'react';
import { backupNow } from '../features/backups/actions';
import { exportExchange } from '../features/exchange/actions';
import { describeError } from './errors';

/**
 * A test-only way to provoke a render error (e2e): in the browser edition
 * only (no desktop bridge), a page whose route section equals the
 * localStorage entry RENDER_FAULT_KEY throws while rendering. No control in
 * the app sets this entry; users cannot reach it.
 */
export const RENDER_FAULT_KEY = 'zsjh:test-render-fault';

export function RenderFaultProbe({ section }: { section: string }) {
  if (!window.desktop && window.localStorage.getItem(RENDER_FAULT_KEY) === section) {
    throw new Error(`test render fault on ${section}`);
  }
  return null;
}

function ErrorScreen({ scope }: { scope: 'page' | 'app' }) {
  const [busy, setBusy] = useState<'backup' | 'export' | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const act = async (which: 'backup' | 'export') => {
    setBusy(which);
    setNote(null);
    try {
      if (which === 'backup') {
        const r = await backupNow('manual');
        setNote({
          ok: true,
          text:
            r.kind === 'written'
              ? `已备份：${r.info.name}`
              : r.kind === 'downloaded'
                ? `已下载备份：${r.name}`
                : '未保存备份',
        });
      } else {
        const r = await exportExchange();
        setNote({
          ok: true,
          text: r.saved ? `已导出交换文件（${r.records} 条记录）：${r.name}` : '未保存交换文件',
        });
      }
    } catch (e) {
      setNote({ ok: false, text: describeError(e) });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Result
      status="error"
      title={scope === 'page' ? '这个页面出错了' : '程序界面出错了'}
      subTitle={
        <Space orientation="vertical" size={4}>
          <span>数据没有丢失：已保存的记录都还在本机数据库中。</span>
          <span>
            可以先「立即备份」或「导出交换文件」留一份，再「重新加载」。如果重新加载后仍出错，请把备份文件交给技术人员。
          </span>
        </Space>
      }
      extra={
        <Space wrap>
          <Button loading={busy === 'backup'} onClick={() => void act('backup')}>
            立即备份
          </Button>
          <Button loading={busy === 'export'} onClick={() => void act('export')}>
            导出交换文件
          </Button>
          <Button type="primary" onClick={() => window.location.reload()}>
            重新加载
          </Button>
        </Space>
      }
    >
      {note && <Typography.Text type={note.ok ? 'success' : 'danger'}>{note.text}</Typography.Text>}
    </Result>
  );
}

interface Props {
  scope: 'page' | 'app';
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { error: unknown; failed: boolean }> {
  override state = { error: null as unknown, failed: false };

  static getDerivedStateFromError(error: unknown) {
    return { error, failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error('render failure', error);
  }

  override render() {
    if (this.state.failed) return <ErrorScreen scope={this.props.scope} />;
    return this.props.children;
  }
}
