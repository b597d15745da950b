import { Button, Select, Space, Table, Typography } from 'antd';
import { cellText } from '../../../../shared/excel/header';
import type { Cell } from '../../../../shared/excel/workbook';
import { useImportStore } from './store';
import { KIND_OPTIONS } from './texts';

const PEEK_ROWS = 8;

/** The first rows of the sheet as they are, so the user sees what was found. */
export function SheetPeek({
  rows,
  headerRow,
  headerRows,
}: {
  rows: Cell[][];
  headerRow?: number;
  headerRows?: number;
}) {
  const width = Math.min(12, Math.max(1, ...rows.slice(0, PEEK_ROWS).map((r) => r.length)));
  const data = rows.slice(0, PEEK_ROWS).map((r, i) => ({ key: i, row: i + 1, cells: r }));
  return (
    <Table
      size="small"
      bordered
      pagination={false}
      tableLayout="fixed"
      scroll={{ x: 44 + 140 * width }}
      dataSource={data}
      onRow={(r) => ({
        style:
          headerRow !== undefined && r.row - 1 >= headerRow && r.row - 1 < headerRow + (headerRows ?? 1)
            ? { background: '#e6f4ff', fontWeight: 600 }
            : undefined,
      })}
      columns={[
        { title: '行', dataIndex: 'row', width: 44 },
        ...Array.from({ length: width }, (_, c) => ({
          title: String.fromCharCode(65 + c),
          key: c,
          ellipsis: true,
          width: 140,
          render: (_: unknown, r: { cells: Cell[] }) => cellText(r.cells[c]),
        })),
      ]}
    />
  );
}

export function SheetStep() {
  const { workbook, sheetIndex, kind, layout, chooseSheet, chooseKind, toMapping } = useImportStore();
  const sheet = workbook?.sheets[sheetIndex];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <span>工作表</span>
        <Select
          aria-label="工作表"
          style={{ minWidth: 200 }}
          value={sheetIndex}
          onChange={chooseSheet}
          options={(workbook?.sheets ?? []).map((s, i) => ({
            value: i,
            label: s.error ? `${s.name}（无法导入）` : s.name,
          }))}
        />
        <span style={{ marginLeft: 16 }}>记录类型</span>
        <Select
          aria-label="记录类型"
          style={{ minWidth: 140 }}
          value={kind}
          onChange={chooseKind}
          options={KIND_OPTIONS}
        />
      </Space>
      {sheet && !sheet.error ? (
        <>
          <Typography.Text type="secondary">
            {layout
              ? `表头在第 ${layout.headerRow + 1}${layout.headerRows === 2 ? `–${layout.headerRow + 2}` : ''} 行，数据从第 ${layout.dataStart + 1} 行开始${layout.sheetUnit ? `；表格单位：${{ yuan: '元', wan: '万元', yi: '亿元' }[layout.sheetUnit]}` : ''}。`
              : '没有找到可识别的表头，请换一个工作表或记录类型。'}
          </Typography.Text>
          {layout?.notes.length ? (
            <Typography.Text type="secondary">
              表头上方的说明：{layout.notes.join('；')}
              {layout.asOf ? `（截至日期 ${layout.asOf}：状态列没有日期的步骤按此日期记）` : ''}
            </Typography.Text>
          ) : null}
          <SheetPeek rows={sheet.rows} headerRow={layout?.headerRow} headerRows={layout?.headerRows} />
        </>
      ) : null}
      <Button type="primary" onClick={toMapping} disabled={!layout || !!sheet?.error}>
        下一步：列对应
      </Button>
    </Space>
  );
}
