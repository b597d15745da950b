import { Card, Col, Row, Statistic, Table } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { formatAmount, toUnit, UNIT_LABELS } from '../../../../shared/domain/money';
import { DEAL_MAIN_PATH, DEAL_STAGE_LABELS } from '../../../../shared/domain/stages';
import { DEAL_STAGES } from '../../../../shared/domain/records';
import { repos } from '../../app/services';
import { useSettingsStore } from '../settings/store';

/** Key figures of the whole ledger. The period/team overview builds on these. */
export function OverviewPage() {
  const deals = useLiveQuery(() => repos().deals.list(), []);
  const companies = useLiveQuery(() => repos().companies.list(), []);
  const contacts = useLiveQuery(() => repos().contacts.list(), []);
  const unit = useSettingsStore((s) => s.settings.amountUnit);
  const signedStages = new Set(DEAL_MAIN_PATH.slice(1));
  const signed = (deals ?? []).filter((d) => signedStages.has(d.stage) || d.signedDate);
  const agreed = signed.reduce((s, d) => s + (d.agreedInvestment ?? 0), 0);
  const registered = (companies ?? []).filter((c) => ['registered', 'moved_in', 'producing'].includes(c.status)).length;
  const companyTotal = (companies ?? []).filter((c) => c.status !== 'withdrawn').length;
  const rate = companyTotal ? (registered / companyTotal) * 100 : 0;
  const stageRows = DEAL_STAGES.map((stage) => ({
    stage: DEAL_STAGE_LABELS[stage],
    count: (deals ?? []).filter((d) => d.stage === stage).length,
  }));

  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} lg={6}>
        <Card>
          <Statistic title="签约项目（个）" value={signed.length} loading={!deals} />
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card>
          <Statistic
            title={`协议投资（${UNIT_LABELS[unit]}）`}
            value={toUnit(agreed, unit)}
            precision={2}
            loading={!deals}
            aria-label={formatAmount(agreed, unit)}
          />
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card>
          <Statistic title="企业注册率" value={rate} precision={1} suffix={`%（${registered}/${companyTotal}）`} loading={!companies} />
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card>
          <Statistic title="客商（人）" value={contacts?.length ?? 0} loading={!contacts} />
        </Card>
      </Col>
      <Col span={24}>
        <Card title="项目阶段" size="small">
          <Table rowKey="stage" size="small" pagination={false} dataSource={stageRows} columns={[
            { title: '阶段', dataIndex: 'stage' },
            { title: '项目数', dataIndex: 'count', align: 'right' },
          ]} />
        </Card>
      </Col>
    </Row>
  );
}
