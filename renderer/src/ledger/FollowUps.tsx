import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Form, Input, Select, Space, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FOLLOW_UP_KIND_LABELS } from '../../../shared/domain/fields';
import type { FollowUp, FollowUpKind } from '../../../shared/domain/records';
import { addFollowUp } from './actions';
import { FormDialog } from '../components/FormDialog';
import { useToastAction } from '../components/useToastAction';
import { useFollowUps } from './hooks';
import { Writable } from '../features/sync/Writable';

interface Values {
  date: Dayjs;
  kind: FollowUpKind;
  summary: string;
  by?: string;
}

interface Props {
  targetKind: FollowUp['targetKind'];
  targetId: string;
  /** Other dated progress of the record (stage changes, ticked milestones) that counts for 最近进展. */
  otherProgress?: readonly (string | undefined)[];
}

/** Follow-ups of a deal, contact or company, newest first; the newest dates the record's 最近进展. */
export function FollowUps({ targetKind, targetId, otherProgress = [] }: Props) {
  const items = useFollowUps(targetKind, targetId);
  let lastProgress: string | undefined;
  for (const d of [items?.[0]?.date, ...otherProgress])
    if (d && (!lastProgress || d > lastProgress)) lastProgress = d;
  const act = useToastAction();

  return (
    <Card
      title="跟进记录"
      size="small"
      extra={
        <Space>
          <Typography.Text type="secondary">最近进展：{lastProgress ?? '暂无'}</Typography.Text>
          <FormDialog<Values>
            title="添加跟进"
            initialValues={{ date: dayjs(), kind: 'visit' }}
            onSubmit={(v) =>
              act(
                () =>
                  addFollowUp(targetKind, targetId, {
                    date: v.date.format('YYYY-MM-DD'),
                    kind: v.kind,
                    summary: v.summary,
                    by: v.by,
                  }),
                '已添加跟进记录',
              )
            }
            trigger={(show) => (
              <Writable>
                <Button size="small" icon={<PlusOutlined />} onClick={show}>
                  添加跟进
                </Button>
              </Writable>
            )}
          >
            <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="kind" label="方式" rules={[{ required: true, message: '请选择方式' }]}>
              <Select
                options={Object.entries(FOLLOW_UP_KIND_LABELS).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
            <Form.Item name="summary" label="内容" rules={[{ required: true, message: '请填写跟进内容' }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name="by" label="跟进人">
              <Input maxLength={40} placeholder="默认为当前用户" />
            </Form.Item>
          </FormDialog>
        </Space>
      }
    >
      {items && items.length === 0 ? (
        <Empty description="暂无跟进" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          items={(items ?? []).map((f) => ({
            key: f.id,
            content: (
              <div>
                <Typography.Text strong>{f.date}</Typography.Text> · {FOLLOW_UP_KIND_LABELS[f.kind]}
                {f.by ? ` · ${f.by}` : ''}
                <div style={{ whiteSpace: 'pre-wrap' }}>{f.summary}</div>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
