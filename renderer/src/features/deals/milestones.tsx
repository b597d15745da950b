import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Progress,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { todayIso } from '../../../../shared/domain/dates';
import { MAX_MILESTONE_NAME, milestoneOverdueDays } from '../../../../shared/domain/milestones';
import type { Deal, Milestone } from '../../../../shared/domain/records';
import { tickNote } from '../../../../shared/domain/stageMilestones';
import { dealActions } from './store';
import { useSettingsStore } from '../settings/store';
import { useToastAction } from '../../components/useToastAction';
import { Writable } from '../sync/Writable';
import { useCanWrite } from '../sync/store';

function StateTag({ m, today, redDays }: { m: Milestone; today: string; redDays: number }) {
  if (m.doneDate) return <Tag color="green">已销号</Tag>;
  const days = milestoneOverdueDays(m, today);
  if (days > redDays) return <Tag color="red">逾期{days}天</Tag>;
  if (days > 0) return <Tag color="gold">逾期{days}天</Tag>;
  if (!m.plannedDate) return <Tag>未定计划</Tag>;
  return <Tag color="blue">未到期</Tag>;
}

/** A deal's milestones as a checklist: tick off (销号) with a date, take a tick back, edit the list. */
export function MilestoneChecklist({ deal }: { deal: Deal }) {
  const redDays = useSettingsStore((s) => s.settings.lightThresholds.redOverdueDays);
  const [ticking, setTicking] = useState<Milestone>();
  const [tickDate, setTickDate] = useState<Dayjs | null>(dayjs());
  const [editing, setEditing] = useState(false);
  const act = useToastAction();
  const today = todayIso();
  // A deleted deal, or a role that may not change the ledger (SPEC §11).
  const canWrite = useCanWrite();
  const readOnly = !!deal.deletedAt || !canWrite;
  const done = deal.milestones.filter((m) => m.doneDate).length;

  async function tick() {
    if (!ticking || !tickDate) return;
    const ok = await act(
      () => dealActions.tickMilestone(deal.id, ticking.name, tickDate.format('YYYY-MM-DD')),
      `「${ticking.name}」已销号`,
    );
    if (ok) setTicking(undefined);
  }

  return (
    <Card
      title="销号节点"
      size="small"
      extra={
        <Space>
          <Progress
            percent={deal.milestones.length ? Math.round((done / deal.milestones.length) * 100) : 0}
            format={() => `${done}/${deal.milestones.length}`}
            size={[120, 8]}
          />
          {!readOnly && (
            <Writable>
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                修改节点
              </Button>
            </Writable>
          )}
        </Space>
      }
    >
      <Table<Milestone>
        rowKey="name"
        size="small"
        pagination={false}
        dataSource={deal.milestones}
        rowClassName={(m) => (milestoneOverdueDays(m, today) > 0 ? 'milestone-overdue' : '')}
        columns={[
          {
            title: '销号',
            key: 'tick',
            width: 60,
            render: (_: unknown, m: Milestone) =>
              m.doneDate ? (
                <Popconfirm
                  title={`撤销「${m.name}」的销号？`}
                  description="撤销会记入变更记录"
                  okText="撤销销号"
                  cancelText="取消"
                  disabled={readOnly}
                  onConfirm={() =>
                    act(() => dealActions.untickMilestone(deal.id, m.name), `已撤销「${m.name}」的销号`)
                  }
                >
                  <Checkbox checked aria-label={`撤销销号：${m.name}`} disabled={readOnly} />
                </Popconfirm>
              ) : (
                <Checkbox
                  checked={false}
                  aria-label={`销号：${m.name}`}
                  disabled={readOnly}
                  onChange={() => {
                    setTickDate(dayjs());
                    setTicking(m);
                  }}
                />
              ),
          },
          { title: '节点', dataIndex: 'name' },
          { title: '计划日期', dataIndex: 'plannedDate', render: (v?: string) => v ?? '—' },
          { title: '完成日期', dataIndex: 'doneDate', render: (v?: string) => v ?? '—' },
          {
            title: '销号人',
            key: 'by',
            render: (_: unknown, m: Milestone) =>
              m.doneDate ? (
                <Tooltip
                  title={m.doneAt ? `登记于 ${new Date(m.doneAt).toLocaleString('zh-CN')}` : undefined}
                >
                  {m.doneBy || '—'}
                </Tooltip>
              ) : (
                '—'
              ),
          },
          {
            title: '状态',
            key: 'state',
            render: (_: unknown, m: Milestone) => <StateTag m={m} today={today} redDays={redDays} />,
          },
        ]}
      />
      <Modal
        title={`销号：${ticking?.name ?? ''}`}
        open={!!ticking}
        onOk={tick}
        onCancel={() => setTicking(undefined)}
        okText="销号"
        cancelText="取消"
        okButtonProps={{ disabled: !tickDate }}
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <span>完成日期</span>
          <DatePicker
            aria-label="完成日期"
            value={tickDate}
            onChange={setTickDate}
            format="YYYY-MM-DD"
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            style={{ width: '100%' }}
          />
          {ticking && tickDate && tickNote(deal, ticking.name, tickDate.format('YYYY-MM-DD')) && (
            <Typography.Text type="secondary">
              {tickNote(deal, ticking.name, tickDate.format('YYYY-MM-DD'))}
            </Typography.Text>
          )}
        </Space>
      </Modal>
      {editing && <MilestoneEditor deal={deal} onClose={() => setEditing(false)} />}
    </Card>
  );
}

interface EditorRow {
  name: string;
  plannedDate?: Dayjs | null;
}

function MilestoneEditor({ deal, onClose }: { deal: Deal; onClose(): void }) {
  const [form] = Form.useForm<{ rows: EditorRow[] }>();
  const act = useToastAction();
  const initial = deal.milestones.map((m) => ({
    name: m.name,
    plannedDate: m.plannedDate ? dayjs(m.plannedDate) : null,
  }));

  async function save() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const rows = (v.rows ?? []).map((r) => ({
      name: r.name,
      plannedDate: r.plannedDate ? r.plannedDate.format('YYYY-MM-DD') : undefined,
    }));
    if (await act(() => dealActions.setMilestones(deal.id, rows), '销号节点已保存')) onClose();
  }

  return (
    <Modal
      title="编辑销号节点"
      open
      onOk={save}
      onCancel={onClose}
      okText="保存"
      cancelText="取消"
      width={560}
    >
      <Form form={form} initialValues={{ rows: initial }}>
        <Form.List name="rows">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item
                    name={[field.name, 'name']}
                    rules={[
                      { required: true, whitespace: true, message: '请填写节点名称' },
                      { max: MAX_MILESTONE_NAME, message: `不能超过${MAX_MILESTONE_NAME}个字` },
                    ]}
                  >
                    <Input aria-label={`节点名称${i + 1}`} placeholder="节点名称" style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'plannedDate']}>
                    <DatePicker aria-label={`计划日期${i + 1}`} placeholder="计划日期" format="YYYY-MM-DD" />
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={`删除节点${i + 1}`}
                    onClick={() => remove(field.name)}
                  />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })} block>
                添加节点
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
