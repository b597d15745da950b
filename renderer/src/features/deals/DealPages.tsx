import { App as AntApp, Button, Card, Col, Row, Select, Space } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo, useState } from 'react';
import { LIGHT_LABELS, LIGHT_SEVERITY, LIGHTS } from '../../../../shared/domain/lights';
import { formatAmount } from '../../../../shared/domain/money';
import type { Deal, DealStage } from '../../../../shared/domain/records';
import { stageChangeNote } from '../../../../shared/domain/stageMilestones';
import { DEAL_STAGE_LABELS, dealStageTargets } from '../../../../shared/domain/stages';
import { describeError } from '../../components/errors';
import { FollowUps } from '../../ledger/FollowUps';
import { LinkedList } from '../../ledger/LinkedList';
import { RecordDetail } from '../../ledger/RecordDetail';
import { RecordList, type ExtraFilter } from '../../ledger/RecordList';
import type { DealListRow } from '../../ledger/listRows';
import { StageChangeButton, StageTimeline } from '../../ledger/StageChange';
import { useSettingsStore } from '../settings/store';
import { LightCell, LightPanel, LightTag, useDealActivity, useDealLight, useDealLights } from './lights';
import { MilestoneChecklist } from './milestones';
import { dealActions, dealSelectors } from './store';
import { PlainTag } from '../../components/PlainTag';
import { DealFunds } from '../targets/DealFunds';
import { DealProblems } from '../targets/DealProblems';
import { useCanWrite } from '../sync/store';

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
  return <PlainTag color={STAGE_COLORS[stage]}>{DEAL_STAGE_LABELS[stage]}</PlainTag>;
}

const LIGHT_FILTER_OPTIONS = [
  ...LIGHTS.map((l) => ({ value: l, label: LIGHT_LABELS[l] })),
  { value: 'override', label: '人工调整' },
];

export function DealList() {
  // The follow-ups are read once the first rows are on screen: a read of every
  // follow-up started earlier would hold up the first rows' own query.
  const [rowsShown, setRowsShown] = useState(false);
  const onFirstRows = useCallback(() => setRowsShown(true), []);
  const activity = useDealActivity(rowsShown);
  const lightOf = useDealLights(activity);
  const unit = useSettingsStore((s) => s.settings.amountUnit);
  const extraColumns = useMemo<ColumnsType<DealListRow>>(() => {
    if (!lightOf) return [];
    const light = lightOf;
    return [
      {
        key: 'light',
        title: '三色灯',
        width: 150,
        sorter: (a, b) => LIGHT_SEVERITY[light(a).light] - LIGHT_SEVERITY[light(b).light],
        render: (_: unknown, r: DealListRow) => <LightCell result={light(r)} />,
      },
      {
        key: 'lastProgress',
        title: '最近进展',
        width: 90,
        sorter: (a, b) => (light(a).lastProgress ?? '').localeCompare(light(b).lastProgress ?? ''),
        render: (_: unknown, r: DealListRow) => light(r).lastProgress ?? '—',
      },
    ];
  }, [lightOf]);
  // The fund totals are for the superiors' questions, not the daily list: added from 列.
  const optionalColumns = useMemo<ColumnsType<DealListRow>>(() => {
    const total = (r: DealListRow, kind: 'funds' | 'invested') => activity?.get(r.id)?.[kind] ?? 0;
    const money = (kind: 'funds' | 'invested', title: string) => ({
      key: kind,
      title,
      width: 120,
      align: 'right' as const,
      sorter: (a: DealListRow, b: DealListRow) => total(a, kind) - total(b, kind),
      render: (_: unknown, r: DealListRow) => formatAmount(total(r, kind) || null, unit) || '—',
    });
    return [money('funds', '到位资金'), money('invested', '完成投资')];
  }, [activity, unit]);
  const extraFilters = useMemo<ExtraFilter<DealListRow>[]>(
    () =>
      lightOf
        ? [
            {
              key: 'light',
              label: '三色灯',
              options: LIGHT_FILTER_OPTIONS,
              // A colour matches the light shown; 人工调整 matches every overridden deal.
              valuesOf: (r) => {
                const l = lightOf(r);
                return l.override ? [l.light, 'override'] : [l.light];
              },
            },
          ]
        : [],
    [lightOf],
  );
  return (
    <RecordList
      kind="deal"
      title="签约项目"
      renderCell={{ stage: (r) => <StageTag stage={r.stage} /> }}
      extraColumns={extraColumns}
      optionalColumns={optionalColumns}
      extraFilters={extraFilters}
      onFirstRows={onFirstRows}
    />
  );
}

function LinkedContacts({ deal }: { deal: Deal }) {
  const contacts = useLiveQuery(() => dealSelectors.linkedContacts(deal.contactIds), [deal.contactIds]);
  const all = useLiveQuery(dealSelectors.allContacts, []);
  const [picked, setPicked] = useState<string>();
  const canWrite = useCanWrite();
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
        actions:
          deal.deletedAt || !canWrite
            ? []
            : [
                <Button
                  key="unlink"
                  size="small"
                  type="link"
                  onClick={() => run(() => dealActions.unlinkContact(deal.id, c.id), '已取消关联')}
                >
                  取消关联
                </Button>,
              ],
      }))}
      extra={
        !deal.deletedAt &&
        canWrite && (
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
            <Button
              size="small"
              disabled={!picked}
              onClick={() => picked && run(() => dealActions.linkContact(deal.id, picked), '已关联客商')}
            >
              关联客商
            </Button>
          </Space.Compact>
        )
      }
    />
  );
}

function DealSections({ deal }: { deal: Deal }) {
  const companies = useLiveQuery(() => dealSelectors.companiesOf(deal.id), [deal.id]);
  const unit = useSettingsStore((s) => s.settings.amountUnit);
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <MilestoneChecklist deal={deal} />
        </Col>
        <Col xs={24} xl={8}>
          <LightPanel deal={deal} />
        </Col>
      </Row>
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
                onChange={(to, date) => dealActions.changeStage(deal.id, to, date)}
                note={(to) => stageChangeNote(deal.milestones, to)}
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
                description: c.registeredCapital
                  ? `注册资本 ${formatAmount(c.registeredCapital, unit)}`
                  : undefined,
              }))}
            />
          </Space>
        </Col>
      </Row>
      <DealProblems deal={deal} />
      <DealFunds deal={deal} />
      <FollowUps
        targetKind="deal"
        targetId={deal.id}
        otherProgress={[...deal.stageHistory.map((h) => h.date), ...deal.milestones.map((m) => m.doneDate)]}
      />
    </>
  );
}

function DealTags({ deal }: { deal: Deal }) {
  const light = useDealLight(deal);
  return (
    <>
      <StageTag stage={deal.stage} />
      {light && <LightTag result={light} />}
    </>
  );
}

export function DealDetail({ id }: { id: string }) {
  return (
    <RecordDetail kind="deal" id={id} tags={(r) => <DealTags deal={r} />}>
      {(r) => <DealSections deal={r} />}
    </RecordDetail>
  );
}
