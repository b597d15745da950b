import { Button, Select, Space, Table, Tag, Typography } from 'antd';
import type { Unit } from '../../../../shared/domain/money';
import type { ColumnMapping } from '../../../../shared/excel/mapping';
import { ID_FIELD, ID_LABEL, importFields } from '../../../../shared/excel/synonyms';
import { cellText } from '../../../../shared/excel/header';
import { useImportStore } from './store';
import { SKIP, UNIT_OPTIONS, UNIT_SOURCE_TEXT } from './texts';

export function MappingStep() {
  const { kind, mapping, layout, workbook, sheetIndex, setField, setUnit, confirmMapping, back } =
    useImportStore();
  const fields = importFields(kind);
  const rows = workbook?.sheets[sheetIndex]?.rows ?? [];
  const sample = (index: number) =>
    rows
      .slice(layout?.dataStart ?? 0)
      .map((r) => cellText(r[index]))
      .filter(Boolean)
      .slice(0, 2)
      .join('；');
  const options = [
    { value: '', label: SKIP },
    ...fields.map((f) => ({ value: f.key, label: f.required ? `${f.label}（必填）` : f.label })),
    { value: ID_FIELD, label: ID_LABEL },
  ];
  const typeOf = (field: string | null) => fields.find((f) => f.key === field)?.type;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        每一列对应到一个字段，或选“跳过”不导入。同样表头的文件下次会记住这里的选择。
      </Typography.Text>
      <Table<ColumnMapping>
        size="small"
        rowKey="index"
        pagination={false}
        dataSource={mapping}
        columns={[
          { title: '列', key: 'col', width: 50, render: (_, m) => String.fromCharCode(65 + (m.index % 26)) },
          { title: '表头', dataIndex: 'header', width: 200 },
          {
            title: '示例',
            key: 'sample',
            ellipsis: true,
            render: (_, m) => <Typography.Text type="secondary">{sample(m.index)}</Typography.Text>,
          },
          {
            title: '导入为',
            key: 'field',
            width: 220,
            render: (_, m) => (
              <Select
                aria-label={`列 ${m.header || m.index + 1} 导入为`}
                style={{ width: 200 }}
                value={m.field ?? ''}
                onChange={(v: string) => setField(m.index, v || null)}
                options={options}
                showSearch={{ optionFilterProp: 'label' }}
              />
            ),
          },
          {
            title: '金额单位',
            key: 'unit',
            width: 260,
            render: (_, m) =>
              typeOf(m.field) === 'amount' ? (
                <Space>
                  <Select
                    aria-label={`列 ${m.header} 单位`}
                    style={{ width: 90 }}
                    value={m.unit}
                    onChange={(u: Unit) => setUnit(m.index, u)}
                    options={UNIT_OPTIONS}
                  />
                  <Tag color={m.unitSource === 'default' ? 'orange' : 'default'}>
                    {UNIT_SOURCE_TEXT[m.unitSource]}
                  </Tag>
                </Space>
              ) : null,
          },
          {
            title: '',
            key: 'state',
            width: 160,
            render: (_, m) =>
              m.field ? (
                <Tag color="green">导入</Tag>
              ) : m.note ? (
                <Typography.Text type="warning" style={{ fontSize: 12 }}>
                  {m.note}
                </Typography.Text>
              ) : (
                <Tag>{SKIP}</Tag>
              ),
          },
        ]}
      />
      <Space>
        <Button onClick={back}>上一步</Button>
        <Button type="primary" onClick={() => void confirmMapping()}>
          下一步：预览
        </Button>
      </Space>
    </Space>
  );
}
