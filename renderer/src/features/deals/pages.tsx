import { App as AntApp, Button, Card, Col, Row, Select, Space, Table, Tag } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { formatAmount } from '../../../../shared/domain/money';
import type { Deal, DealStage, Milestone } from '../../../../shared/domain/records';
import { DEAL_STAGE_LABELS, dealStageTargets } from '../../../../shared/domain/stages';
import { repos } from '../../app/services';
import { describeError } from '../../components/errors';
import { FollowUps } from '../records/FollowUps';
import type { AnyRecord } from '../records/hooks';
import { LinkedList } from '../records/LinkedList';
import { RecordDetail } from '../records/RecordDetail';
import { RecordList } from '../records/RecordList';
import { StageChangeButton, StageTimeline } from '../records/StageChange';
import { useSettingsStore } from '../settings/store';

export const STAGE_COLORS: Record<DealStage, string> = {
  negotiating: 'default',
  signed: 'blue',
  registered: 'cyan',
  started: 'orange',
  producing: 'green',
  on_hold: 'gold',
  cancelled: 'default',
};

export function StageTag({ stage }: { stage: DealStage }) {
  return <Tag color={STAGE_COLORS[stage]}>{DEAL_STAGE_LABELS[stage]}</Tag>;
}

export function DealList() {
  return (
    <RecordList
      kind="deal"
      title="签约项目"
      renderCell={{ stage: (r) => <StageTag stage={(r as unknown as Deal).stage} /> }}
    />
  );
}

function LinkedContacts({ deal }: { deal: Deal }) {
  const contacts = useLiveQuery(() => repos().contacts.getMany(deal.contactIds), [deal.contactIds]);
  const all = useLiveQuery(() => repos().contacts.list(), []);
  const [picked, setPicked] = useState<string>();
  const { message } = AntApp.useApp();

  async function run(fn: () => Promise<unknown>, done: string) {
    try {
      await fn();
      message.success(done);
      setPicked(undefined);
    } catch (error) {
      message.error(describeError(error));
    }
  }

  return (
    <LinkedList
      title="关联客商"
      section="contacts"
      items={contacts?.map((c) => ({
        id: c.id,
        name: c.name,
        description: [c.company, c.title, c.mobile].filter(Boolean).join(' · '),
        actions: deal.deletedAt
          ? []
          : [
              <Button key="unlink" size="small" type="link" onClick={() => run(() => repos().deals.unlinkContact(deal.id, c.id), '已取消关联')}>
                取消关联
              </Button>,
            ],
      }))}
      extra={
        !deal.deletedAt && (
          <Space.Compact>
            <Select
              size="small"
              style={{ width: 200 }}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="选择客商"
              aria-label="选择客商"
              value={picked}
              onChange={setPicked}
              options={(all ?? [])
                .filter((c) => !deal.contactIds.includes(c.id))
                .map((c) => ({ value: c.id, label: c.company ? `${c.name}（${c.company}）` : c.name }))}
            />
            <Button size="small" disabled={!picked} onClick={() => picked && run(() => repos().deals.linkContact(deal.id, picked), '已关联客商')}>
              关联客商
            </Button>
          </Space.Compact>
        )
      }
    />
  );
}

function Milestones({ milestones }: { milestones: Milestone[] }) {
  return (
    <Card title="销号节点" size="small">
      <Table<Milestone>
        rowKey="name"
        size="small"
        pagination={false}
        dataSource={milestones}
        columns={[
          { title: '节点', dataIndex: 'name' },
          { title: '计划日期', dataIndex: 'plannedDate', render: (v?: string) => v ?? '—' },
          { title: '完成日期', dataIndex: 'doneDate', render: (v?: string) => v ?? '—' },
          {
            title: '状态',
            key: 'state',
            render: (_: unknown, m: Milestone) => (m.doneDate ? <Tag color="green">已销号</Tag> : <Tag>未完成</Tag>),
          },
        ]}
      />
    </Card>
  );
}

function DealSections({ deal }: { deal: Deal }) {
  const companies = useLiveQuery(() => repos().companies.forDeal(deal.id), [deal.id]);
  const unit = useSettingsStore((s) => s.settings.amountUnit);
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card
            title="阶段变更"
            size="small"
            extra={
              <StageChangeButton<DealStage>
                title="变更阶段"
                buttonLabel="变更阶段"
                targets={dealStageTargets(deal.stage)}
                labels={DEAL_STAGE_LABELS}
                disabled={!!deal.deletedAt}
                onChange={(to, date) => repos().deals.changeStage(deal.id, to, date)}
              />
            }
          >
            <StageTimeline history={deal.stageHistory} labels={DEAL_STAGE_LABELS} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <LinkedContacts deal={deal} />
            <LinkedList
              title="关联企业"
              section="companies"
              items={companies?.map((c) => ({
                id: c.id,
                name: c.name,
                description: c.registeredCapital ? `注册资本 ${formatAmount(c.registeredCapital, unit)}` : undefined,
              }))}
            />
          </Space>
        </Col>
      </Row>
      <Milestones milestones={deal.milestones} />
      <FollowUps targetKind="deal" targetId={deal.id} />
    </>
  );
}

export function DealDetail({ id }: { id: string }) {
  return (
    <RecordDetail kind="deal" id={id} tags={(r: AnyRecord) => <StageTag stage={(r as unknown as Deal).stage} />}>
      {(r) => <DealSections deal={r as unknown as Deal} />}
    </RecordDetail>
  );
}
