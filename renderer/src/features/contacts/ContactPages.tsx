import { Col, Row } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { formatAmount } from '../../../../shared/domain/money';
import { DEAL_STAGE_LABELS } from '../../../../shared/domain/stages';
import { companySelectors } from '../companies/store';
import { dealSelectors } from '../deals/store';
import { FollowUps } from '../../ledger/FollowUps';
import { LinkedList } from '../../ledger/LinkedList';
import { RecordDetail } from '../../ledger/RecordDetail';
import { RecordList } from '../../ledger/RecordList';
import { useSettingsStore } from '../settings/store';

export function ContactList() {
  return <RecordList kind="contact" title="客商" />;
}

function ContactSections({ contactId, lastContactDate }: { contactId: string; lastContactDate?: string }) {
  const deals = useLiveQuery(() => dealSelectors.ofContact(contactId), [contactId]);
  const companies = useLiveQuery(() => companySelectors.ofContact(contactId), [contactId]);
  const unit = useSettingsStore((s) => s.settings.amountUnit);
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <LinkedList
            title="关联签约项目"
            section="deals"
            items={deals?.map((d) => ({
              id: d.id,
              name: d.name,
              description: [
                DEAL_STAGE_LABELS[d.stage],
                d.agreedInvestment ? formatAmount(d.agreedInvestment, unit) : '',
              ]
                .filter(Boolean)
                .join(' · '),
            }))}
          />
        </Col>
        <Col xs={24} lg={12}>
          <LinkedList
            title="关联企业"
            section="companies"
            items={companies?.map((c) => ({ id: c.id, name: c.name }))}
          />
        </Col>
      </Row>
      <FollowUps targetKind="contact" targetId={contactId} otherProgress={[lastContactDate]} />
    </>
  );
}

export function ContactDetail({ id }: { id: string }) {
  return (
    <RecordDetail kind="contact" id={id}>
      {(r) => <ContactSections contactId={r.id} lastContactDate={r.lastContactDate as string | undefined} />}
    </RecordDetail>
  );
}
