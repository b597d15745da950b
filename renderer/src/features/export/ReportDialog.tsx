import { FileExcelOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Button,
  DatePicker,
  Form,
  Modal,
  Radio,
  Select,
  Typography,
  type ButtonProps,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { todayIso } from '../../../../shared/domain/dates';
import {
  monthPeriod,
  periodText,
  quarterPeriod,
  yearPeriod,
  yearToMonthEnd,
  type Period,
  type PeriodKind,
} from '../../../../shared/report/period';
import { describeError } from '../../components/errors';
import { useSettingsStore } from '../settings/store';
import { defaultReportName, exportSummaryReport } from './actions';
import { useExportStore } from './store';

const KIND_OPTIONS: { value: PeriodKind; label: string }[] = [
  { value: 'month', label: '月' },
  { value: 'quarter', label: '季度' },
  { value: 'year', label: '年' },
  { value: 'custom', label: '自定义' },
];

const iso = (d: Dayjs) => d.format('YYYY-MM-DD');

function periodOf(kind: PeriodKind, anchor: Dayjs, range: [Dayjs, Dayjs] | null): Period | null {
  switch (kind) {
    case 'month':
      return monthPeriod(anchor.year(), anchor.month() + 1);
    case 'quarter':
      return quarterPeriod(anchor.year(), Math.floor(anchor.month() / 3) + 1);
    case 'year':
      return yearPeriod(anchor.year());
    default:
      return range ? { from: iso(range[0]), to: iso(range[1]) } : null;
  }
}

function initialRange(): [Dayjs, Dayjs] {
  const p = yearToMonthEnd(todayIso());
  return [dayjs(p.from), dayjs(p.to)];
}

/** 导出汇总报表: choose the period and optionally a team, then save the workbook. */
export function ReportDialog() {
  const open = useExportStore((s) => s.reportOpen);
  const close = useExportStore((s) => s.closeReport);
  const teams = useSettingsStore((s) => s.settings.teams);
  const { message } = AntApp.useApp();
  const [kind, setKind] = useState<PeriodKind>('custom');
  const [anchor, setAnchor] = useState<Dayjs>(() => dayjs());
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(initialRange);
  const [team, setTeam] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const period = periodOf(kind, anchor, range);
  const fileName = period ? defaultReportName({ period, team }) : '';

  async function run() {
    if (!period) {
      message.error('请选择统计期间');
      return;
    }
    setBusy(true);
    try {
      const result = await exportSummaryReport({ period, team });
      if (result.saved) {
        message.success(`已导出汇总报表：${result.path}`);
        close();
      }
    } catch (error) {
      message.error(`导出失败：${describeError(error)}`);
    } finally {
      setBusy(false);
    }
  }

  const picker =
    kind === 'custom' ? (
      <DatePicker.RangePicker
        aria-label="统计期间"
        value={range}
        allowClear={false}
        onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)}
      />
    ) : (
      <DatePicker
        aria-label="统计期间"
        picker={kind}
        value={anchor}
        allowClear={false}
        onChange={(v) => v && setAnchor(v)}
      />
    );

  return (
    <Modal
      title="导出汇总报表"
      open={open}
      onCancel={close}
      okText="导出"
      cancelText="取消"
      confirmLoading={busy}
      onOk={run}
      destroyOnHidden
      width={520}
    >
      <Form layout="vertical" style={{ marginTop: 12 }}>
        <Form.Item label="期间类型">
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={KIND_OPTIONS}
            value={kind}
            onChange={(e) => setKind(e.target.value as PeriodKind)}
          />
        </Form.Item>
        <Form.Item label="统计期间" extra={period ? periodText(period) : '请选择起止日期'}>
          {picker}
        </Form.Item>
        <Form.Item label="招商组团" extra="不选则汇总全部组团">
          <Select
            aria-label="招商组团"
            allowClear
            placeholder="全部组团"
            value={team}
            onChange={(v?: string) => setTeam(v)}
            options={teams.map((t) => ({ value: t, label: t }))}
            style={{ width: 260 }}
          />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          工作簿包含：汇总、签约项目明细、亮灯项目、企业注册进度、客商名录。
          <br />
          文件名：{fileName}
        </Typography.Paragraph>
      </Form>
    </Modal>
  );
}

/** Opens the 导出汇总报表 dialog; the overview page can place it too. */
export function ReportButton(props: ButtonProps) {
  const openReport = useExportStore((s) => s.openReport);
  return (
    <Button icon={<FileExcelOutlined />} onClick={openReport} {...props}>
      导出汇总报表
    </Button>
  );
}
