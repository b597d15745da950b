import { Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { todayIso } from '../../../../shared/domain/dates';
import { PROBLEM_KIND_LABELS, PROBLEM_STATUS_LABELS } from '../../../../shared/domain/fields';
import { problemOverdueDays } from '../../../../shared/domain/problems';
import type { Deal, Problem, ProblemKind, ProblemStatus } from '../../../../shared/domain/records';
import { FormDialog } from '../../components/FormDialog';
import { useToastAction } from '../../components/useToastAction';
import { raiseProblem, resolveProblem, updateProblem, useDealProblems } from './store';
import { Writable } from '../sync/Writable';

export const PROBLEM_STATUS_COLORS: Record<ProblemStatus, string> = {
  open: 'red',
  coordinating: 'gold',
  resolved: 'green',
};

export function ProblemStatusTag({ problem, today }: { problem: Problem; today: string }) {
  const late = problemOverdueDays(problem, today);
  return (
    <Space size={4}>
      <Tag color={PROBLEM_STATUS_COLORS[problem.status]}>{PROBLEM_STATUS_LABELS[problem.status]}</Tag>
      {late > 0 && <Tag color="volcano">逾期{late}天</Tag>}
    </Space>
  );
}

interface RaiseValues {
  description: string;
  kind: ProblemKind;
  unit?: string;
  leader?: string;
  raisedDate: dayjs.Dayjs;
  deadline?: dayjs.Dayjs;
}

const day = (d?: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined);

/** Raising a problem on a deal. */
function RaiseProblem({ deal }: { deal: Deal }) {
  const act = useToastAction();
  return (
    <FormDialog<RaiseValues>
      title="登记问题"
      initialValues={{ kind: 'land', raisedDate: dayjs(), unit: deal.unit, leader: deal.leader }}
      onSubmit={(v) =>
        act(
          () => raiseProblem(deal.id, { ...v, raisedDate: day(v.raisedDate), deadline: day(v.deadline) }),
          '已登记问题',
        )
      }
      trigger={(show) => (
        <Writable>
          <Button size="small" onClick={show}>
            登记问题
          </Button>
        </Writable>
      )}
    >
      <Form.Item
        name="description"
        label="问题描述"
        rules={[{ required: true, whitespace: true, message: '请填写问题描述' }]}
      >
        <Input.TextArea aria-label="问题描述" rows={3} maxLength={1000} placeholder="如：用地指标未落实" />
      </Form.Item>
      <Form.Item name="kind" label="问题类别" rules={[{ required: true, message: '请选择问题类别' }]}>
        <Select
          aria-label="问题类别"
          options={Object.entries(PROBLEM_KIND_LABELS).map(([value, label]) => ({ value, label }))}
        />
      </Form.Item>
      <Space.Compact block>
        <Form.Item name="unit" label="责任单位" style={{ flex: 1 }}>
          <Input aria-label="责任单位" maxLength={80} />
        </Form.Item>
        <Form.Item name="leader" label="责任领导" style={{ flex: 1 }}>
          <Input aria-label="责任领导" maxLength={40} />
        </Form.Item>
      </Space.Compact>
      <Space size={16}>
        <Form.Item name="raisedDate" label="提出日期" rules={[{ required: true, message: '请选择提出日期' }]}>
          <DatePicker aria-label="提出日期" />
        </Form.Item>
        <Form.Item name="deadline" label="办结时限">
          <DatePicker aria-label="办结时限" />
        </Form.Item>
      </Space>
    </FormDialog>
  );
}

/** Moving a problem on: to 协调中, or resolved with what was done. */
export function ProblemActions({ problem }: { problem: Problem }) {
  const act = useToastAction();
  if (problem.status === 'resolved' || problem.deletedAt) return null;
  return (
    <Space size={0}>
      {problem.status === 'open' && (
        <Button
          size="small"
          type="link"
          onClick={() => act(() => updateProblem(problem.id, { status: 'coordinating' }), '已转为协调中')}
        >
          协调中
        </Button>
      )}
      <FormDialog<{ resolution: string; resolvedDate: dayjs.Dayjs }>
        title="问题已解决"
        initialValues={{ resolvedDate: dayjs() }}
        onSubmit={(v) =>
          act(() => resolveProblem(problem.id, v.resolution, day(v.resolvedDate)), '问题已解决')
        }
        trigger={(show) => (
          <Writable>
            <Button size="small" type="link" onClick={show}>
              解决
            </Button>
          </Writable>
        )}
      >
        <Form.Item
          name="resolution"
          label="解决情况"
          rules={[{ required: true, whitespace: true, message: '请填写解决情况' }]}
        >
          <Input.TextArea aria-label="解决情况" rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item
          name="resolvedDate"
          label="解决日期"
          rules={[{ required: true, message: '请选择解决日期' }]}
        >
          <DatePicker aria-label="解决日期" />
        </Form.Item>
      </FormDialog>
    </Space>
  );
}

/** The deal's problems (问题台账), newest first. */
export function DealProblems({ deal }: { deal: Deal }) {
  const rows = useDealProblems(deal.id);
  const today = todayIso();
  return (
    <Card title="问题台账" size="small" extra={!deal.deletedAt && <RaiseProblem deal={deal} />}>
      <Table<Problem>
        size="small"
        rowKey="id"
        pagination={false}
        loading={!rows}
        dataSource={rows}
        locale={{ emptyText: '暂无问题' }}
        columns={[
          { title: '提出日期', dataIndex: 'raisedDate', width: 100 },
          { title: '问题描述', dataIndex: 'description' },
          { title: '类别', dataIndex: 'kind', width: 80, render: (k: ProblemKind) => PROBLEM_KIND_LABELS[k] },
          { title: '责任单位', dataIndex: 'unit', width: 130 },
          { title: '责任领导', dataIndex: 'leader', width: 90 },
          { title: '办结时限', dataIndex: 'deadline', width: 100 },
          {
            title: '状态',
            key: 'status',
            width: 150,
            render: (_: unknown, p) => (
              <Space orientation="vertical" size={0}>
                <ProblemStatusTag problem={p} today={today} />
                {p.status === 'resolved' && (
                  <span style={{ fontSize: 12 }}>
                    {p.resolvedDate}：{p.resolution}
                  </span>
                )}
              </Space>
            ),
          },
          {
            title: '',
            key: 'actions',
            width: 110,
            render: (_: unknown, p) => <ProblemActions problem={p} />,
          },
        ]}
      />
    </Card>
  );
}
