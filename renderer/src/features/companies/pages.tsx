import { Card, Col, Row, Tag } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Company, CompanyStatus } from '../../../../shared/domain/records';
import {
  COMPANY_MAIN_PATH,
  COMPANY_STATUS_LABELS,
  companyStatusTargets,
} from '../../../../shared/domain/stages';
import { repos } from '../../app/services';
import { FollowUps } from '../records/FollowUps';
import { LinkedList } from '../records/LinkedList';
import { RecordDetail } from '../records/RecordDetail';
import { RecordList } from '../records/RecordList';
import { StageChangeButton, StageTimeline } from '../records/StageChange';

const STATUS_COLORS: Record<CompanyStatus, string> = {
  signed: 'blue',
  name_approved: 'geekblue',
  registered: 'cyan',
  moved_in: 'orange',
  producing: 'green',
  withdrawn: 'default',
};

const REGISTERED_INDEX = COMPANY_MAIN_PATH.indexOf('registered');
const needsRegistration = (to: CompanyStatus) => COMPANY_MAIN_PATH.indexOf(to) >= REGISTERED_INDEX;

export function StatusTag({ status }: { status: CompanyStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{COMPANY_STATUS_LABELS[status]}</Tag>;
}

export function CompanyList() {
  return (
    <RecordList
      kind="company"
      title="企业注册"
      renderCell={{ status: (r) => <StatusTag status={r.status} /> }}
    />
  );
}

function CompanySections({ company }: { company: Company }) {
  const deal = useLiveQuery(
    async () => (company.dealId ? ((await repos().deals.get(company.dealId)) ?? null) : null),
    [company.dealId],
  );
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card
            title="注册进度"
            size="small"
            extra={
              <StageChangeButton<CompanyStatus>
                title="变更状态"
                buttonLabel="变更状态"
                targets={companyStatusTargets(company.status)}
                labels={COMPANY_STATUS_LABELS}
                needsRegistration={needsRegistration}
                disabled={!!company.deletedAt}
                onChange={(to, date, extra) => repos().companies.changeStatus(company.id, to, date, extra)}
              />
            }
          >
            <StageTimeline history={company.statusHistory} labels={COMPANY_STATUS_LABELS} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <LinkedList
            title="关联签约项目"
            section="deals"
            items={
              deal === undefined
                ? undefined
                : deal && !deal.deletedAt
                  ? [{ id: deal.id, name: deal.name, description: deal.investor }]
                  : []
            }
          />
        </Col>
      </Row>
      <FollowUps
        targetKind="company"
        targetId={company.id}
        otherProgress={company.statusHistory.map((h) => h.date)}
      />
    </>
  );
}

export function CompanyDetail({ id }: { id: string }) {
  return (
    <RecordDetail kind="company" id={id} tags={(r) => <StatusTag status={r.status} />}>
      {(r) => <CompanySections company={r} />}
    </RecordDetail>
  );
}
