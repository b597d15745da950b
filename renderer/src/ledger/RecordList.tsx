import { PlusOutlined, SettingOutlined, UndoOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Input,
  Popconfirm,
  Popover,
  Select,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType, TableProps } from 'antd/es/table';
import { memo, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { navigate, routeHref } from '../app/router';
import { services } from '../app/services';
import { describeError } from '../components/errors';
import { ListExportButton } from '../features/export/ListExportButton';
import { useSettingsStore } from '../features/settings/store';
import { deleteRecord, restoreRecord, startSearchIndex } from './actions';
import { formatFieldValue, type FormatContext } from './format';
import { useListRows, useRecentRows, useRefNames } from './hooks';
import { KINDS, type LedgerKind } from './kinds';
import { useListStore, useListView, type ListView } from './listStore';
import { RecordForm } from './RecordForm';
import { ListBodyContext, ListBodyRow, pageRowKeys, type BodyColumn, type ListBody } from './ListBody';
import type { FieldType } from '../../../shared/domain/fields';
import { fieldValue } from '../../../shared/domain/records';
import { keptRows, type ListRow } from './listRows';
import { repoOf } from './store';
import { compareZh } from '../../../shared/domain/text';
import { Writable } from '../features/sync/Writable';
import { useCanWrite } from '../features/sync/store';

const textOf = (v: unknown) => (typeof v === 'string' ? v : undefined);

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null || a === '') return 1;
  if (b === undefined || b === null || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareZh(String(a), String(b));
}

// Defaults kept once, so a list without them does not get new ones (and new columns) on each render.
const NO_CELLS = {};
const NO_COLUMNS: never[] = [];
const NO_FILTERS: never[] = [];

const PAGE_SIZES = [20, 50, 100, 200];
const LINK = { color: 'var(--ant-color-link, #1677ff)', cursor: 'pointer' } as const;
const ROW_DELETE = {
  color: 'var(--ant-color-error, #ff4d4f)',
  background: 'none',
  border: 0,
  padding: '0 4px',
  font: 'inherit',
  cursor: 'pointer',
  whiteSpace: 'nowrap',
} as const;
/** The page's rows drawn by the light row of ListBody.tsx, not by antd's per-cell components. */
const TABLE_COMPONENTS = { body: { row: ListBodyRow } };
/**
 * The row under the pointer, by CSS: antd marks it from each cell's own mouse
 * handlers (rowHoverable), which the light rows do not have.
 */
const ROW_HOVER_CSS =
  '.ant-table-wrapper .ant-table-tbody > tr.ant-table-row:hover > td { background: var(--ant-table-row-hover-bg, #fafafa); }';
const FIRST_COLUMN_WIDTH = 150;
const ACTIONS_WIDTH = 72;
/** Column widths by field type: room for the usual value, longer ones end in an ellipsis. */
const COLUMN_WIDTHS: Record<FieldType, number> = {
  text: 96,
  longtext: 180,
  amount: 116,
  decimal: 90,
  int: 80,
  date: 100,
  enum: 80,
  list: 130,
  eventRef: 150,
  dealRef: 150,
  mobile: 110,
  phone: 110,
  uscc: 160,
  tags: 120,
  email: 150,
};

interface Props<K extends LedgerKind> {
  kind: K;
  title: string;
  /** Extra cell renderers by field key (e.g. the stage as a coloured tag). */
  renderCell?: Partial<Record<string, (record: ListRow<K>) => ReactNode>>;
  /** Computed columns (a deal's light, last progress), shown right after the first column so they stay in view. */
  extraColumns?: ColumnsType<ListRow<K>>;
  /** Computed columns the user can add from 列 (hidden until chosen), shown after the field columns. */
  optionalColumns?: ColumnsType<ListRow<K>>;
  /** Filters on computed values, beside the field filters. */
  extraFilters?: ExtraFilter<ListRow<K>>[];
  /** Called once the first rows are on screen: heavier reads for the page wait for it. */
  onFirstRows?: () => void;
}

export interface ExtraFilter<R> {
  key: string;
  label: string;
  options: { value: string; label: string }[];
  /** The values a record matches (any of them selected keeps the record). */
  valuesOf(record: R): string[];
}

/** A ledger list: search, filters, sorting, column choice, create, delete and restore. */
export function RecordList<K extends LedgerKind>({
  kind,
  title,
  renderCell = NO_CELLS,
  extraColumns = NO_COLUMNS,
  optionalColumns = NO_COLUMNS,
  extraFilters = NO_FILTERS,
  onFirstRows,
}: Props<K>) {
  type Row = ListRow<K>;
  const info = KINDS[kind];
  const view = useListView(kind);
  const patchView = useListStore((s) => s.patch);
  const unit = useSettingsStore((s) => s.settings.amountUnit);
  const settings = useSettingsStore((s) => s.settings);
  const firstPage = useRecentRows(kind, view.showDeleted);
  // The whole table is read once the newest rows have been painted: its
  // result lands on this thread in one piece, and must not hold up that frame.
  const painted = usePaintedAfter(firstPage !== undefined);
  const rows = useListRows(kind, view.showDeleted, view.showDeleted || painted);
  const anyRows = (firstPage ?? rows) !== undefined;
  useEffect(() => {
    if (anyRows) onFirstRows?.();
  }, [anyRows, onFirstRows]);
  const refs = useRefNames({
    deals: kind === 'company' ? rows?.map((r) => textOf(fieldValue(r, 'dealId'))) : undefined,
  });
  const [formOpen, setFormOpen] = useState(false);
  // The table's sort, kept so an export writes the rows in the order shown.
  const [sort, setSort] = useState<{ key: string; order: 'ascend' | 'descend' } | null>(null);
  const [page, setPage] = useState({ current: 1, size: 20 });
  const { message } = AntApp.useApp();
  const canWrite = useCanWrite();

  const fmt: FormatContext = useMemo(() => ({ unit, ...refs }), [unit, refs]);
  // Every short field can be shown; `column` marks the ones shown until the user chooses.
  const columnSpecs = useMemo(() => info.fields.filter((f) => f.type !== 'longtext'), [info]);
  const choices = useMemo(
    () => [
      ...columnSpecs.map((s) => ({ value: s.key, label: s.label })),
      ...optionalColumns.map((c) => ({ value: String(c.key), label: String(c.title) })),
    ],
    [columnSpecs, optionalColumns],
  );
  const hidden = useMemo(
    () =>
      new Set(
        view.hiddenColumns ?? [
          ...columnSpecs.filter((f) => !f.column).map((f) => f.key),
          ...optionalColumns.map((c) => String(c.key)),
        ],
      ),
    [view.hiddenColumns, columnSpecs, optionalColumns],
  );
  const allExtras = useMemo(() => [...extraColumns, ...optionalColumns], [extraColumns, optionalColumns]);
  // One comparison per field for the whole life of the list, so a sort is redone only when it changes.
  const fieldSorters = useMemo(
    () =>
      new Map(
        columnSpecs.map((spec) => [
          spec.key,
          (a: Row, b: Row) => compareValues(fieldValue(a, spec.key), fieldValue(b, spec.key)),
        ]),
      ),
    [columnSpecs],
  );
  const filterSpecs = useMemo(() => info.fields.filter((f) => f.filter), [info]);
  const searchSpecs = useMemo(() => info.fields.filter((f) => f.searchable), [info]);

  const { searchIndex } = services();
  // A search typed before the index was built is answered again once it is.
  const indexReady = useSyncExternalStore(searchIndex.subscribe, () => searchIndex.ready);
  // Sorted and paged here, not by the table: handed 50,000 rows, the table
  // walks all of them on every keystroke; handed one page, it renders that
  // page. Sorted once per change of the rows or the sort, not per keystroke.
  const extraSorter = sort && allExtras.find((c) => c.key === sort.key)?.sorter;
  const sorter = sort
    ? (fieldSorters.get(sort.key) ?? (typeof extraSorter === 'function' ? extraSorter : undefined))
    : undefined;
  const ordered = useMemo(() => {
    if (!rows || !sorter) return rows;
    const sign = sort?.order === 'descend' ? -1 : 1;
    return [...rows].sort((a, b) => sign * sorter(a, b));
  }, [rows, sort?.order, sorter]);
  // The index looks the rows up once per rows array; done while idle, the first keystroke does not wait for it.
  useEffect(() => {
    if (!ordered || !indexReady) return;
    const prepare = () => searchIndex.prepareRows(kind, ordered);
    if (typeof requestIdleCallback !== 'function') {
      const timer = setTimeout(prepare, 200);
      return () => clearTimeout(timer);
    }
    const handle = requestIdleCallback(prepare, { timeout: 2000 });
    return () => cancelIdleCallback(handle);
  }, [ordered, indexReady, kind, searchIndex]);
  const filtered = useMemo(() => {
    const rows = ordered;
    if (!rows) return undefined;
    const q = view.search.trim().toLowerCase();
    // Worked out once per keystroke, not once per row: the loop below runs over every record.
    const active = Object.entries(view.filters)
      .filter(([, values]) => values.length > 0)
      .map(([key, values]) => ({
        key,
        values: new Set(values),
        extra: extraFilters.find((f) => f.key === key),
      }));
    return keptRows(rows, {
      query: q,
      filters: active,
      searchKeys: searchSpecs.map((s) => s.key),
      match: indexReady ? (query, of) => searchIndex.matchRows(kind, query, of) : null,
    });
  }, [ordered, view.search, view.filters, searchSpecs, extraFilters, kind, indexReady, searchIndex]);

  // Computed once per change of the rows, not on every render: a pass over 50,000 rows per filter.
  const optionsByFilter = useMemo(() => {
    const out = new Map<string, { value: string; label: string }[]>();
    for (const spec of filterSpecs) {
      if (spec.options)
        out.set(
          spec.key,
          spec.options.map((o) => ({ value: o.value, label: o.label })),
        );
      else if (spec.type === 'eventRef')
        out.set(
          spec.key,
          [...refs.events].map(([value, label]) => ({ value, label })),
        );
      else {
        const values = new Set<string>(spec.listKey ? settings[spec.listKey] : []);
        for (const r of rows ?? []) if (fieldValue(r, spec.key)) values.add(String(fieldValue(r, spec.key)));
        out.set(
          spec.key,
          [...values].map((v) => ({ value: v, label: v })),
        );
      }
    }
    return out;
  }, [filterSpecs, refs.events, settings, rows]);

  // The columns are built once per change of what they show (columns chosen,
  // sort, unit, names), not on every keystroke: new render functions would
  // make the table redraw every cell of the page.
  const columns = useMemo<ColumnsType<Row>>(() => {
    async function act(fn: () => Promise<unknown>, done: string) {
      try {
        await fn();
        message.success(done);
      } catch (error) {
        message.error(describeError(error));
      }
    }
    const sortOrderOf = (key: unknown) => (sort && sort.key === key ? sort.order : null);
    const withSort = (c: ColumnsType<Row>[number]) =>
      c.sorter ? { ...c, sorter: true, sortOrder: sortOrderOf(c.key) } : c;
    const fieldColumns: ColumnsType<Row> = columnSpecs
      .filter((spec) => !hidden.has(spec.key))
      .map((spec, i) => {
        const own = (renderCell as Partial<Record<string, (record: Row) => ReactNode>>)[spec.key];
        return {
          key: spec.key,
          title: spec.label,
          dataIndex: spec.key,
          // Cut with an ellipsis, the whole value in the cell's title (antd's showTitle).
          ellipsis: true,
          width: i === 0 ? FIRST_COLUMN_WIDTH : COLUMN_WIDTHS[spec.type],
          align: spec.type === 'amount' ? ('right' as const) : undefined,
          // Sorted above, over every row; the table only shows the order.
          sorter: true,
          sortOrder: sortOrderOf(spec.key),
          // A plain string where no component is needed: the first column links to the record.
          render: own
            ? (_: unknown, r: Row) => own(r)
            : i === 0
              ? (_: unknown, r: Row) => (
                  // A plain link in antd's link colour, not Typography.Link: one per row of a page.
                  // A real link (its href the record's page), so Tab reaches it and Enter opens it.
                  <a style={LINK} href={routeHref(info.section, r.id)}>
                    {formatFieldValue(spec, fieldValue(r, spec.key), fmt)}
                  </a>
                )
              : (_: unknown, r: Row) => formatFieldValue(spec, fieldValue(r, spec.key), fmt),
        };
      });
    return [
      ...fieldColumns.slice(0, 1),
      ...extraColumns.map(withSort),
      ...fieldColumns.slice(1),
      ...optionalColumns.filter((c) => !hidden.has(String(c.key))).map(withSort),
      {
        key: 'actions',
        title: '操作',
        width: ACTIONS_WIDTH,
        // Asked once for the page, not per row: a 只读 role sees no buttons here.
        render: (_: unknown, r: Row) =>
          !canWrite ? null : r.deletedAt ? (
            <Button
              size="small"
              icon={<UndoOutlined />}
              onClick={() => act(() => restoreRecord(kind, r.id), '已恢复')}
            >
              恢复
            </Button>
          ) : (
            // Keyed by the record: the rows are reused by position, and a confirmation
            // left open must not move on to the record a new page puts there.
            <DeleteButton
              key={r.id}
              noun={info.noun}
              onConfirm={() => act(() => deleteRecord(kind, r.id), '已删除')}
            />
          ),
      },
    ];
  }, [
    columnSpecs,
    hidden,
    sort,
    renderCell,
    fmt,
    info,
    extraColumns,
    optionalColumns,
    kind,
    message,
    canWrite,
  ]);
  const scrollX = useMemo(
    () => ({ x: columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 0), 0) }),
    [columns],
  );
  // The room the card gives the table, measured on resize only. While the chosen
  // columns fit, the table is laid out without sideways scrolling: handed
  // `scroll.x`, antd measures the body's scroll width after every new page (a
  // forced layout on each keystroke of a search) and keeps the first column
  // sticky, which only matters once the table does scroll.
  const [room, setRoom] = useState<number | null>(null);
  const tableBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = tableBox.current;
    if (!el || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setRoom(Math.floor(entry.contentRect.width));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const sideways = room === null || scrollX.x > room;
  const shownColumns = useMemo<ColumnsType<Row>>(
    () => (sideways ? columns.map((c, i) => (i === 0 ? { ...c, fixed: 'left' as const } : c)) : columns),
    [columns, sideways],
  );

  // Filtered from the sorted rows, so a keystroke keeps their order instead of sorting again.
  const sorted = filtered;
  const total = sorted?.length ?? 0;
  const lastPage = Math.max(1, Math.ceil(total / page.size));
  const current = Math.min(page.current, lastPage);
  const pageRows = useMemo(
    () => (sorted ?? firstPage)?.slice((current - 1) * page.size, current * page.size),
    [sorted, firstPage, current, page.size],
  );

  const rowKey = useMemo(() => pageRowKeys(pageRows), [pageRows]);
  const bodyColumns = useMemo(
    () =>
      shownColumns.map((c): BodyColumn<Row> => {
        const dataIndex = 'dataIndex' in c ? c.dataIndex : undefined;
        const ellipsis = !!c.ellipsis;
        return {
          key: String(c.key),
          render: c.render
            ? (r, i) => c.render!(undefined, r, i) as ReactNode
            : (r) => String(fieldValue(r, String(dataIndex ?? c.key)) ?? ''),
          className: ellipsis ? 'ant-table-cell ant-table-cell-ellipsis' : 'ant-table-cell',
          style: c.align ? { textAlign: c.align } : undefined,
          ellipsis,
          native: !!c.fixed,
        };
      }),
    [shownColumns],
  );
  const body = useMemo<ListBody<Row>>(
    () => ({ rows: pageRows ?? [], columns: bodyColumns }),
    [pageRows, bodyColumns],
  );

  const pagination = useMemo(
    () => ({
      current,
      pageSize: page.size,
      total: sorted ? total : (firstPage?.length ?? 0),
      showSizeChanger: true,
      pageSizeOptions: PAGE_SIZES,
    }),
    [current, page.size, sorted, total, firstPage],
  );
  const onRow = useMemo(() => {
    const section = info.section;
    return (r: Row) => ({ onDoubleClick: () => navigate(section, r.id) });
  }, [info]);
  const onTableChange = useMemo<NonNullable<TableProps<Row>['onChange']>>(
    () => (next, _filters, sorter, extra) => {
      const one = Array.isArray(sorter) ? sorter[0] : sorter;
      if (extra.action === 'sort') {
        setSort(one?.order && one.columnKey ? { key: String(one.columnKey), order: one.order } : null);
        setPage((p) => ({ ...p, current: 1 }));
      } else setPage((p) => ({ current: next.current ?? 1, size: next.pageSize ?? p.size }));
    },
    [],
  );

  // The rows shown and the search, for the export to read when it runs: the toolbar is
  // built once per change of what it shows, not redrawn on every keystroke.
  const shown = useRef({ rows: sorted, search: view.search });
  useEffect(() => {
    shown.current = { rows: sorted, search: view.search };
  }, [sorted, view.search]);
  const toolbar = useMemo(() => {
    const columnChooser = (
      <Checkbox.Group
        style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
        value={choices.filter((c) => !hidden.has(c.value)).map((c) => c.value)}
        options={choices}
        onChange={(picked) =>
          patchView(kind, { hiddenColumns: choices.map((c) => c.value).filter((k) => !picked.includes(k)) })
        }
      />
    );
    return (
      <Space>
        <label style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
          <Switch
            size="small"
            checked={view.showDeleted}
            onChange={(showDeleted) => patchView(kind, { showDeleted })}
            aria-label="显示已删除"
          />
          显示已删除
        </label>
        <ListExportButton
          title={view.showDeleted ? `${title}（已删除）` : title}
          kind={kind}
          fields={columnSpecs.filter((s) => !hidden.has(s.key))}
          allFields={info.fields}
          shownExtras={optionalColumns.map((c) => String(c.key)).filter((k) => !hidden.has(k))}
          rows={() => fullRecords(kind, shown.current.rows ?? [])}
          refs={refs}
          search={() => shown.current.search}
          filters={view.filters}
        />
        <Popover content={columnChooser} title="显示列" trigger="click" placement="bottomRight">
          <Button icon={<SettingOutlined />}>列</Button>
        </Popover>
        <Writable>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)}>
            新建{info.noun}
          </Button>
        </Writable>
      </Space>
    );
  }, [
    choices,
    hidden,
    patchView,
    kind,
    view.showDeleted,
    view.filters,
    title,
    columnSpecs,
    info,
    optionalColumns,
    refs,
  ]);
  const form = useMemo(
    () => <RecordForm kind={kind} open={formOpen} onClose={() => setFormOpen(false)} />,
    [kind, formOpen],
  );

  return (
    <Card title={title} extra={toolbar}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={`搜索${searchSpecs.map((s) => s.label).join('、')}（可用拼音首字母）`}
          value={view.search}
          onChange={(e) => {
            startSearchIndex();
            patchView(kind, { search: e.target.value });
          }}
          style={{ width: 300 }}
        />
        <FilterBar
          kind={kind}
          filterSpecs={filterSpecs}
          extraFilters={extraFilters}
          filters={view.filters}
          optionsByFilter={optionsByFilter}
        />
        <Typography.Text type="secondary">
          {filtered ? `${view.showDeleted ? '已删除 ' : '共 '}${filtered.length} 条` : '正在读取…'}
        </Typography.Text>
      </Space>
      <div ref={tableBox}>
        <style href="ledger-list-row-hover" precedence="default">
          {ROW_HOVER_CSS}
        </style>
        <ListBodyContext value={body as ListBody<unknown>}>
          <Table<Row>
            rowKey={rowKey}
            components={TABLE_COMPONENTS}
            rowHoverable={false}
            size="middle"
            loading={!filtered && !firstPage}
            // Until the whole list is read, the newest rows show unfiltered.
            dataSource={pageRows}
            columns={shownColumns}
            // Fixed layout: the columns keep their widths and long text ends in an
            // ellipsis, so the default columns fit a 1280 px page; the table
            // scrolls sideways only once the chosen columns need more than it has.
            tableLayout="fixed"
            scroll={sideways ? scrollX : undefined}
            pagination={pagination}
            onRow={onRow}
            onChange={onTableChange}
          />
        </ListBodyContext>
      </div>
      {form}
    </Card>
  );
}

/**
 * 删除 with its confirmation. The confirmation is made only once the button
 * is clicked: one per row of a page, each with its own popup trigger, cost a
 * good part of redrawing the page on every keystroke of a search.
 */
function DeleteButton({ noun, onConfirm }: { noun: string; onConfirm: () => void }) {
  const [open, setOpen] = useState(false);
  // A plain button in antd's error colour, not antd's Button (its hooks and wave): one per row of a page.
  const button = (
    <button type="button" style={ROW_DELETE} onClick={() => setOpen(true)}>
      删除
    </button>
  );
  if (!open) return button;
  return (
    <Popconfirm
      open
      onOpenChange={setOpen}
      title={`删除这条${noun}？`}
      description="删除后可在「显示已删除」中恢复"
      okText="删除"
      cancelText="取消"
      onConfirm={onConfirm}
    >
      {button}
    </Popconfirm>
  );
}

/** Becomes true once `ready` has been true for a painted frame (after a task where frames are not drawn). */
function usePaintedAfter(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = () => (timer = setTimeout(() => setPainted(true), 0));
    if (typeof requestAnimationFrame !== 'function') {
      later();
      return () => clearTimeout(timer);
    }
    // The frame callback runs before that frame paints; the task after it runs once it has.
    const frame = requestAnimationFrame(later);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, painted]);
  return painted;
}

/** The full records of the rows shown, in their order: an export writes every value, not the list's short ones. */
async function fullRecords<K extends LedgerKind>(kind: K, rows: readonly ListRow<K>[]) {
  const byId = new Map(
    (
      await repoOf(kind).getMany(
        rows.map((r) => r.id),
        { includeDeleted: true },
      )
    ).map((r) => [r.id, r]),
  );
  return rows.flatMap((r) => {
    const record = byId.get(r.id);
    return record ? [record] : [];
  });
}

interface FilterBarProps<R> {
  kind: LedgerKind;
  filterSpecs: readonly { key: string; label: string }[];
  extraFilters: ExtraFilter<R>[];
  filters: ListView['filters'];
  optionsByFilter: Map<string, { value: string; label: string }[]>;
}

/**
 * The filter selects. Kept apart so that a keystroke in the search box, which
 * changes none of their props, does not redraw them (each measures its tags).
 */
const FilterBar = memo(function FilterBar<R>({
  kind,
  filterSpecs,
  extraFilters,
  filters,
  optionsByFilter,
}: FilterBarProps<R>) {
  const patchView = useListStore((s) => s.patch);
  const select = (key: string, label: string, options: { value: string; label: string }[] | undefined) => (
    <Select
      key={key}
      mode="multiple"
      allowClear
      maxTagCount={1}
      placeholder={label}
      aria-label={`筛选${label}`}
      style={{ minWidth: 140 }}
      value={filters[key] ?? []}
      options={options}
      onChange={(values: string[]) => patchView(kind, { filters: { ...filters, [key]: values } })}
    />
  );
  return (
    <>
      {filterSpecs.map((spec) => select(spec.key, spec.label, optionsByFilter.get(spec.key)))}
      {extraFilters.map((f) => select(f.key, f.label, f.options))}
    </>
  );
}) as <R>(props: FilterBarProps<R>) => ReactNode;
