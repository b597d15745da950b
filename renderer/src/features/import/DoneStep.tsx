import { Button, Result } from 'antd';
import { navigate } from '../../app/router';
import { KINDS } from '../records/kinds';
import { useImportStore } from './store';

export function DoneStep() {
  const { batch, kind, reset, createdEvents } = useImportStore();
  if (!batch) return null;
  return (
    <Result
      status="success"
      title={`导入完成：新建 ${batch.created} 条，更新 ${batch.updated} 条，跳过 ${batch.skipped ?? 0} 行`}
      subTitle={`${createdEvents.length ? `同时新建活动 ${createdEvents.length} 个：${createdEvents.join('、')}。` : ''}本次导入已记入下方的导入记录，可以整批撤销。`}
      extra={[
        <Button key="view" type="primary" onClick={() => navigate(KINDS[kind].section)}>
          查看{KINDS[kind].noun}
        </Button>,
        <Button key="again" onClick={reset}>
          继续导入
        </Button>,
      ]}
    />
  );
}
