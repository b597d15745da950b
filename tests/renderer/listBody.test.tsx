import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  ListBodyContext,
  ListBodyRow,
  pageRowKeys,
  type BodyColumn,
  type ListBody,
} from '../../renderer/src/ledger/ListBody';

interface Deal {
  id: string;
  name: string;
  amount: string;
}

const PAGE: Deal[] = [
  { id: 'd-1', name: '大东鞋业女鞋生产基地', amount: '35,000万元' },
  { id: 'd-2', name: '成都童鞋产业园', amount: '66,900万元' },
];

const COLUMNS: BodyColumn<Deal>[] = [
  {
    key: 'name',
    render: (r) => <a href={`#/deals/${r.id}`}>{r.name}</a>,
    className: 'ant-table-cell ant-table-cell-ellipsis',
    ellipsis: true,
    native: false,
  },
  {
    key: 'amount',
    render: (r) => r.amount,
    className: 'ant-table-cell ant-table-cell-ellipsis',
    style: { textAlign: 'right' },
    ellipsis: true,
    native: false,
  },
  {
    key: 'actions',
    render: () => <button type="button">删除</button>,
    className: 'ant-table-cell',
    ellipsis: false,
    native: false,
  },
];

function row(body: ListBody<Deal> | null, key: number | undefined, children?: React.ReactNode) {
  return renderToStaticMarkup(
    <table>
      <tbody>
        <ListBodyContext value={body as ListBody<unknown> | null}>
          <ListBodyRow data-row-key={key} className="ant-table-row ant-table-row-level-0">
            {children}
          </ListBodyRow>
        </ListBodyContext>
      </tbody>
    </table>,
  );
}

describe('the list body drawn from plain cells', () => {
  it('keys a page row by its place on the page, whichever record is there', () => {
    const key = pageRowKeys(PAGE);
    expect(PAGE.map(key)).toEqual([0, 1]);
    // The next page's rows take the same keys: the row elements are reused, not mounted anew.
    const next = [PAGE[1]!, PAGE[0]!];
    expect(next.map(pageRowKeys(next))).toEqual([0, 1]);
    expect(key({ id: 'x', name: '', amount: '' })).toBe(-1);
    expect(pageRowKeys(undefined)(PAGE[0]!)).toBe(-1);
  });

  it('draws the record at the row’s place in every cell, with antd’s classes and the whole text as title', () => {
    const html = row({ rows: PAGE, columns: COLUMNS }, 1);
    expect(html).toContain('class="ant-table-row ant-table-row-level-0"');
    expect(html).toContain(
      '<td class="ant-table-cell ant-table-cell-ellipsis" title="成都童鞋产业园"><a href="#/deals/d-2">成都童鞋产业园</a></td>',
    );
    expect(html).toContain(
      '<td class="ant-table-cell ant-table-cell-ellipsis" style="text-align:right" title="66,900万元">66,900万元</td>',
    );
    // A cell without an ellipsis has no title.
    expect(html).toContain('<td class="ant-table-cell"><button type="button">删除</button></td>');
    expect(html).not.toContain('大东鞋业');
  });

  it('keeps antd’s own cell for a fixed column, and antd’s row for anything that is not a page row', () => {
    const antdCells = [
      <td key="name" className="ant-table-cell ant-table-cell-fix ant-table-cell-fix-start">
        antd
      </td>,
      <td key="amount">x</td>,
      <td key="actions">y</td>,
    ];
    const fixed = COLUMNS.map((c, i) => (i === 0 ? { ...c, native: true } : c));
    const html = row({ rows: PAGE, columns: fixed }, 0, antdCells);
    expect(html).toContain(
      '<td class="ant-table-cell ant-table-cell-fix ant-table-cell-fix-start">antd</td>',
    );
    expect(html).toContain('title="35,000万元"');
    expect(html).not.toContain('>x<');
    // The empty placeholder (no row key) and a row past the page are drawn by antd as given.
    const placeholder = row({ rows: PAGE, columns: COLUMNS }, undefined, <td>暂无数据</td>);
    expect(placeholder).toContain('<td>暂无数据</td>');
    expect(row({ rows: PAGE, columns: COLUMNS }, 5, <td>antd</td>)).toContain('<td>antd</td>');
    expect(row(null, 0, <td>antd</td>)).toContain('<td>antd</td>');
  });
});
