import { Button, Form, Input, Modal, Radio, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { formatAmount } from '../../../../shared/domain/money';
import { MODE_LABELS, type ImportMode, type PlannedRow } from '../../../../shared/excel/duplicates';
import { statusLabel } from '../../../../shared/excel/facts';
import { cellText } from '../../../../shared/excel/header';
import type { ImportRow } from '../../../../shared/excel/rows';
import { ID_FIELD, ID_LABEL, importFields } from '../../../../shared/excel/synonyms';
import { previewCounts, selectPlan, unresolvedErrors, useImportStore } from './store';

type Filter = 'all' | 'error' | 'warning' | 'skip';

const ACTION_TAG: Record<PlannedRow['action'], { color: string; text: string }> = {
  create: { color: 'green', text: '新建' },
  update: { color: 'blue', text: '更新' },
  skip: { color: 'default', text: '跳过' },
};

interface Line {
  row: ImportRow;
  plan: PlannedRow;
}

function FixDialog({ line, onClose }: { line: Line; onClose: () => void }) {
  const { kind, mapping, fixRow } = useImportStore();
  const [form] = Form.useForm<Record<string, string>>();
  const mapped = mapping.filter((m) => m.field).map((m) => m.field!);
  const fields = [
    ...importFields(kind).filter((f) => mapped.includes(f.key)),
    ...(mapped.includes(ID_FIELD) ? [{ key: ID_FIELD, label: ID_LABEL }] : []),
  ];
  const initial = Object.fromEntries(fields.map((f) => [f.key, cellText(line.row.values[f.key])]));
  const errors = Object.fromEntries(
    line.plan.problems.filter((p) => p.field && p.level === 'error').map((p) => [p.field!, p.message]),
  );
  return (
    <Modal
      open
      title={`修改第 ${line.row.rowNumber} 行`}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => {
        fixRow(line.row.rowNumber, form.getFieldsValue());
        onClose();
      }}
      width={560}
    >
      <Form form={form} layout="horizontal" labelCol={{ span: 7 }} initialValues={initial}>
        {fields.map((f) => (
          <Form.Item
            key={f.key}
            name={f.key}
            label={f.label}
            validateStatus={errors[f.key] ? 'error' : undefined}
            help={errors[f.key]}
          >
            <Input />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

export function PreviewStep() {
  const s = useImportStore();
  const {
    kind,
    rows,
    mapping,
    mode,
    skipped,
    setMode,
    toggleSkip,
    skipAllErrors,
    runImport,
    back,
    busy,
    layout,
  } = s;
  const plan = selectPlan(s);
  const [filter, setFilter] = useState<Filter>('all');
  const [fixing, setFixing] = useState<Line | null>(null);
  const lines: Line[] = useMemo(() => rows.map((row, i) => ({ row, plan: plan[i]! })), [rows, plan]);
  const counts = previewCounts(plan);
  const open = unresolvedErrors(s);
  const hasProgress = kind === 'company' || kind === 'deal';
  const shown = lines.filter((l) =>
    filter === 'all'
      ? true
      : filter === 'error'
        ? l.row.problems.some((p) => p.level === 'error')
        : filter === 'warning'
          ? l.plan.problems.some((p) => p.level === 'warning')
          : l.plan.action === 'skip',
  );
  const specs = importFields(kind).filter((f) => mapping.some((m) => m.field === f.key));
  const show = (row: ImportRow, key: string, type: string): string => {
    const v = row.input[key];
    if (type === 'amount' && typeof v === 'number') return formatAmount(v, 'wan');
    if ((type === 'eventRef' || type === 'dealRef') && v) return cellText(row.values[key]);
    if (v !== undefined && type !== 'text' && type !== 'longtext')
      return Array.isArray(v) ? v.join('、') : String(v);
    // 成都武侯区 was split into city and district: show what will be stored.
    if (key === 'originCity' && typeof v === 'string' && typeof row.input.originDistrict === 'string')
      return `${v} · ${row.input.originDistrict}`;
    return typeof v === 'string' ? v : cellText(row.values[key]);
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap size="large">
        <span>导入方式</span>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as ImportMode)} optionType="button">
          {(Object.keys(MODE_LABELS) as ImportMode[]).map((m) => (
            <Radio.Button key={m} value={m}>
              {MODE_LABELS[m]}
            </Radio.Button>
          ))}
        </Radio.Group>
      </Space>
      <Space wrap size="large">
        <Typography.Text>
          共 {rows.length} 行：新建 <b>{counts.create}</b>，更新 <b>{counts.update}</b>，跳过{' '}
          <b>{counts.skip}</b>
          {open.length ? (
            <Typography.Text type="danger">
              （其中 {open.length} 行有错误，修改后可导入，否则跳过）
            </Typography.Text>
          ) : null}
        </Typography.Text>
        {layout?.asOf ? <Tag>表格截至 {layout.asOf}</Tag> : null}
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: '全部' },
            { value: 'error', label: '有错误' },
            { value: 'warning', label: '有提醒' },
            { value: 'skip', label: '将跳过' },
          ]}
        />
        {open.length ? <Button onClick={skipAllErrors}>跳过所有错误行</Button> : null}
      </Space>
      <Table<Line>
        size="small"
        bordered
        rowKey={(l) => l.row.rowNumber}
        dataSource={shown}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        onRow={(l) => ({
          style:
            l.row.problems.some((p) => p.level === 'error') && !skipped.has(l.row.rowNumber)
              ? { background: '#fff1f0' }
              : undefined,
        })}
        columns={[
          { title: '行号', key: 'n', width: 60, fixed: 'left', render: (_, l) => l.row.rowNumber },
          {
            title: '处理',
            key: 'action',
            width: 150,
            fixed: 'left',
            render: (_, l) => (
              <Space orientation="vertical" size={0}>
                <Tag color={ACTION_TAG[l.plan.action].color}>{ACTION_TAG[l.plan.action].text}</Tag>
                {l.plan.note && l.plan.action !== 'create' ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {l.plan.note}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          ...(hasProgress
            ? [
                {
                  title: kind === 'company' ? '导入后状态' : '导入后阶段',
                  key: 'progress',
                  width: 220,
                  render: (_: unknown, l: Line) =>
                    l.row.progress ? (
                      <Space orientation="vertical" size={0}>
                        <Tag color={l.row.progress.steps.length ? 'blue' : 'default'}>
                          {statusLabel(kind, l.row.progress.status)}
                        </Tag>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {l.row.progress.reason}
                        </Typography.Text>
                      </Space>
                    ) : null,
                },
              ]
            : []),
          {
            title: '问题',
            key: 'problems',
            width: 300,
            render: (_, l) => (
              <Space orientation="vertical" size={0}>
                {l.plan.problems
                  .filter((p) => p.level === 'error')
                  .map((p, i) => (
                    <Typography.Text key={`e${i}`} type="danger">
                      错误：{p.message}
                    </Typography.Text>
                  ))}
                {l.plan.problems
                  .filter((p) => p.level === 'warning')
                  .map((p, i) => (
                    <Typography.Text key={`w${i}`} type="warning">
                      提醒：{p.message}
                    </Typography.Text>
                  ))}
              </Space>
            ),
          },
          ...specs.map((f) => ({
            title: f.label,
            key: f.key,
            ellipsis: true,
            width: f.type === 'longtext' ? 180 : 130,
            render: (_: unknown, l: Line) => {
              const bad = l.row.problems.some((p) => p.field === f.key && p.level === 'error');
              const text = show(l.row, f.key, f.type);
              return (
                <span style={bad ? { color: '#cf1322', fontWeight: 600 } : undefined}>
                  {bad && !text ? '（空）' : text}
                </span>
              );
            },
          })),
          {
            title: '操作',
            key: 'ops',
            width: 120,
            fixed: 'right',
            render: (_, l) => (
              <Space size={4}>
                <Button size="small" type="link" onClick={() => setFixing(l)}>
                  修改
                </Button>
                <Button size="small" type="link" onClick={() => toggleSkip(l.row.rowNumber)}>
                  {skipped.has(l.row.rowNumber) ? '恢复' : '跳过'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Space>
        <Button onClick={back}>上一步</Button>
        <Button
          type="primary"
          loading={busy}
          disabled={counts.create + counts.update === 0}
          onClick={() => void runImport()}
        >
          开始导入（{counts.create + counts.update} 条，跳过 {counts.skip} 行）
        </Button>
      </Space>
      {fixing ? <FixDialog line={fixing} onClose={() => setFixing(null)} /> : null}
    </Space>
  );
}
