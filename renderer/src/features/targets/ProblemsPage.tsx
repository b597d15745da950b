import { Button, Card, Select, Space, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { todayIso } from '../../../../shared/domain/dates';
import { PROBLEM_KIND_LABELS, PROBLEM_STATUS_LABELS } from '../../../../shared/domain/fields';
import { byUrgency, matchesProblem, problemOverdueDays } from '../../../../shared/domain/problems';
import type { Problem, ProblemKind } from '../../../../shared/domain/records';
import { navigate } from '../../app/router';
import { useToastAction } from '../../components/useToastAction';
import { useDeals } from '../../ledger/hooks';
import { ProblemActions, ProblemStatusTag } from './DealProblems';
import { exportProblems, useAllProblems, useTargetsUi } from './store';

const STATUS_OPTIONS = [
  { value: 'unresolved', label: '未解决（待解决与协调中）' },
  ...Object.entries(PROBLEM_STATUS_LABELS).map(([value, label]) => ({ value, label })),
];

/** 问题台账: every deal's problems in one list, filtered by status, unit, kind and overdue; exportable. */
export function ProblemsPage() {
  const problems = useAllProblems();
  const deals = useDeals();
  const { problemFilter: f, setProblemFilter } = useTargetsUi();
  const act = useToastAction();
  const today = todayIso();
  const dealName = useMemo(() => new Map(deals.map((d) => [d.id, d.name])), [deals]);
  const units = useMemo(
    () => [...new Set((problems ?? []).map((p) => p.unit).filter((u): u is string => !!u))].sort(),
    [problems],
  );
  const rows = useMemo(
    () => (problems ?? []).filter((p) => matchesProblem(p, f, today)).sort(byUrgency(today)),
    [problems, f, today],
  );
  const overdue = rows.filter((p) => problemOverdueDays(p, today) > 0).length;

  return (
    <Card
      title="问题台账"
      extra={
        <Button
          onClick={() => act(() => exportProblems(rows, dealName, f), '已导出问题台账')}
          disabled={!rows.length}
        >
          导出 Excel
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label="状态"
          style={{ width: 210 }}
          allowClear
          placeholder="全部状态"
          value={f.status}
          onChange={(status) => setProblemFilter({ status })}
          options={STATUS_OPTIONS}
        />
        <Select
          aria-label="责任单位"
          style={{ width: 200 }}
          allowClear
          showSearch
          placeholder="全部责任单位"
          value={f.unit}
          onChange={(unit) => setProblemFilter({ unit })}
          options={units.map((u) => ({ value: u, label: u }))}
        />
        <Select
          aria-label="问题类别"
          style={{ width: 140 }}
          allowClear
          placeholder="全部类别"
          value={f.kind}
          onChange={(kind: ProblemKind | undefined) => setProblemFilter({ kind })}
          options={Object.entries(PROBLEM_KIND_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <Select
          aria-label="是否逾期"
          style={{ width: 130 }}
          allowClear
          placeholder="逾期与否"
          value={f.overdue === undefined ? undefined : f.overdue ? 'yes' : 'no'}
          onChange={(v?: string) => setProblemFilter({ overdue: v === undefined ? undefined : v === 'yes' })}
          options={[
            { value: 'yes', label: '已逾期' },
            { value: 'no', label: '未逾期' },
          ]}
        />
        <Typography.Text type="secondary">
          共 {rows.length} 个问题，其中逾期 {overdue} 个
        </Typography.Text>
      </Space>
      <Table<Problem>
        size="small"
        rowKey="id"
        loading={!problems}
        dataSource={rows}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          {
            title: '项目名称',
            key: 'deal',
            width: 160,
            render: (_: unknown, p) => (
              <Button
                type="link"
                size="small"
                style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left' }}
                onClick={() => navigate('deals', p.dealId)}
              >
                {dealName.get(p.dealId) ?? '（项目已删除）'}
              </Button>
            ),
          },
          { title: '问题描述', dataIndex: 'description' },
          { title: '类别', dataIndex: 'kind', width: 64, render: (k: ProblemKind) => PROBLEM_KIND_LABELS[k] },
          { title: '责任单位', dataIndex: 'unit', width: 120 },
          { title: '责任领导', dataIndex: 'leader', width: 84 },
          { title: '提出日期', dataIndex: 'raisedDate', width: 96 },
          { title: '办结时限', dataIndex: 'deadline', width: 96 },
          {
            title: '状态',
            key: 'status',
            width: 130,
            render: (_: unknown, p) => <ProblemStatusTag problem={p} today={today} />,
          },
          {
            title: '',
            key: 'actions',
            width: 100,
            render: (_: unknown, p) => <ProblemActions problem={p} />,
          },
        ]}
      />
    </Card>
  );
}
