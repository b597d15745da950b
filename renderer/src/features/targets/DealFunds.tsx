import { Button, Card, DatePicker, Form, Input, Popconfirm, Select, Space, Statistic, Table } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { FUND_KIND_LABELS } from '../../../../shared/domain/fields';
import { formatAmount } from '../../../../shared/domain/money';
import { fundTotalsByDeal } from '../../../../shared/domain/progress';
import type { Deal, FundKind, FundReport } from '../../../../shared/domain/records';
import { FormDialog } from '../../components/FormDialog';
import { useToastAction } from '../../components/useToastAction';
import { useSettingsStore } from '../settings/store';
import { addFundReport, removeFundReport, useFundReports } from './store';
import { Writable } from '../sync/Writable';

interface FundValues {
  kind: FundKind;
  month: dayjs.Dayjs;
  amount: string;
  note?: string;
  by?: string;
}

/** The fields of one 到位资金 / 完成投资 entry. */
function FundFields() {
  return (
    <>
      <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
        <Select
          aria-label="类别"
          options={Object.entries(FUND_KIND_LABELS).map(([value, label]) => ({ value, label }))}
        />
      </Form.Item>
      <Form.Item name="month" label="月份" rules={[{ required: true, message: '请选择月份' }]}>
        <DatePicker picker="month" aria-label="月份" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="amount"
        label="金额"
        extra="可写 3000万、1.2亿元 或 5,000（元）"
        rules={[{ required: true, whitespace: true, message: '请填写金额' }]}
      >
        <Input aria-label="金额" placeholder="如：3000万" />
      </Form.Item>
      <Form.Item name="note" label="来源/说明">
        <Input aria-label="来源/说明" placeholder="如：企业自筹、银行贷款" maxLength={200} />
      </Form.Item>
      <Form.Item name="by" label="填报人">
        <Input aria-label="填报人" maxLength={40} />
      </Form.Item>
    </>
  );
}

/** 到位资金 and 完成投资 reported on a deal, month by month, with running totals. */
export function DealFunds({ deal }: { deal: Deal }) {
  const rows = useFundReports(deal.id);
  const unit = useSettingsStore((s) => s.settings.amountUnit);
  const userName = useSettingsStore((s) => s.settings.userName);
  const act = useToastAction();
  const totals = useMemo(
    () => fundTotalsByDeal(rows ?? []).get(deal.id) ?? { funds: 0, invested: 0 },
    [rows, deal.id],
  );
  const agreed = deal.agreedInvestment ?? 0;

  return (
    <Card
      title="到位资金与完成投资"
      size="small"
      extra={
        !deal.deletedAt && (
          <FormDialog<FundValues>
            title="登记到位资金 / 完成投资"
            initialValues={{ kind: 'funds', month: dayjs(), by: userName || undefined }}
            onSubmit={(v) =>
              act(
                () => addFundReport(deal.id, { ...v, month: v.month.format('YYYY-MM') }),
                `已登记${FUND_KIND_LABELS[v.kind]}`,
              )
            }
            trigger={(show) => (
              <Writable>
                <Button size="small" onClick={show}>
                  登记资金
                </Button>
              </Writable>
            )}
          >
            <FundFields />
          </FormDialog>
        )
      }
    >
      <Space size={32} wrap style={{ marginBottom: 12 }}>
        <Statistic title="累计到位资金" value={formatAmount(totals.funds, unit)} />
        <Statistic title="累计完成投资" value={formatAmount(totals.invested, unit)} />
        <Statistic
          title="到位率（占协议投资额）"
          value={agreed ? `${((totals.funds / agreed) * 100).toFixed(1)}%` : '—'}
        />
      </Space>
      <Table<FundReport>
        size="small"
        rowKey="id"
        pagination={false}
        loading={!rows}
        dataSource={rows}
        locale={{ emptyText: '尚未登记到位资金或完成投资' }}
        columns={[
          { title: '月份', dataIndex: 'month', width: 90 },
          { title: '类别', dataIndex: 'kind', width: 100, render: (k: FundKind) => FUND_KIND_LABELS[k] },
          {
            title: '金额',
            dataIndex: 'amount',
            width: 130,
            align: 'right',
            render: (n: number) => formatAmount(n, unit),
          },
          { title: '来源/说明', dataIndex: 'note' },
          { title: '填报人', dataIndex: 'by', width: 90 },
          {
            title: '',
            key: 'actions',
            width: 70,
            render: (_: unknown, r) =>
              !deal.deletedAt && (
                <Popconfirm
                  title="删除这条资金记录？"
                  okText="删除"
                  cancelText="取消"
                  onConfirm={() => act(() => removeFundReport(r.id), '已删除')}
                >
                  <Button size="small" type="link" danger>
                    删除
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Card>
  );
}
