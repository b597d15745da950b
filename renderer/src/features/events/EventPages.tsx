import { Button, Tag } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { formatAmount } from '../../../../shared/domain/money';
import { dealSelectors } from '../deals/store';
import { LinkedList } from '../../ledger/LinkedList';
import { RecordDetail } from '../../ledger/RecordDetail';
import { RecordList } from '../../ledger/RecordList';
import { useSettingsStore } from '../settings/store';
import { services } from '../../app/services';

export function EventList() {
  return <RecordList kind="event" title="活动" />;
}

function CurrentEventButton({ eventId }: { eventId: string }) {
  const current = useSettingsStore((s) => s.settings.currentEventId);
  const update = useSettingsStore((s) => s.update);
  if (current === eventId) return <Tag color="red">当前活动</Tag>;
  return (
    <Button size="small" onClick={() => update(services().platform, { currentEventId: eventId })}>
      设为当前活动
    </Button>
  );
}

function EventSections({ eventId }: { eventId: string }) {
  const deals = useLiveQuery(() => dealSelectors.ofEvent(eventId), [eventId]);
  const unit = useSettingsStore((s) => s.settings.amountUnit);
  const total = (deals ?? []).reduce((sum, d) => sum + (d.agreedInvestment ?? 0), 0);
  return (
    <LinkedList
      title={`本活动签约项目（${deals?.length ?? 0} 个，协议投资 ${formatAmount(total, unit) || '0'}）`}
      section="deals"
      items={deals?.map((d) => ({
        id: d.id,
        name: d.name,
        description: [d.investor, d.agreedInvestment ? formatAmount(d.agreedInvestment, unit) : '']
          .filter(Boolean)
          .join(' · '),
      }))}
    />
  );
}

export function EventDetail({ id }: { id: string }) {
  return (
    <RecordDetail kind="event" id={id} tags={(r) => !r.deletedAt && <CurrentEventButton eventId={r.id} />}>
      {(r) => <EventSections eventId={r.id} />}
    </RecordDetail>
  );
}
