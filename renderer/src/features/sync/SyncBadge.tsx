import { Badge, Tooltip } from 'antd';
import { navigate } from '../../app/router';
import { badge } from './selectors';
import { useSyncStore } from './store';

/** The header's sync state (已同步, 同步中, 离线, 有冲突…); hidden without a team server. */
export function SyncBadge() {
  const state = useSyncStore();
  const b = badge(state);
  if (!b) return null;
  const hint =
    b.label === '有冲突'
      ? '点击到交换文件页处理冲突'
      : (state.message ?? (state.pending ? `${state.pending} 条本机修改待上传` : '团队服务器'));
  return (
    <Tooltip title={hint}>
      <button
        type="button"
        data-testid="sync-badge"
        onClick={() => navigate(b.label === '有冲突' ? 'exchange' : 'settings')}
        style={{ border: 'none', background: 'none', padding: 0, cursor: 'pointer', marginTop: 6 }}
      >
        <Badge status={b.tone} text={b.label} />
      </button>
    </Tooltip>
  );
}
