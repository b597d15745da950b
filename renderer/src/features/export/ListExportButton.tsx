import { DownloadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Dropdown } from 'antd';
import { useState } from 'react';
import type { FieldSpec } from '../../../../shared/domain/fields';
import type { RefNames } from '../../../../shared/report/values';
import { describeError } from '../../components/errors';
import type { LedgerKind, RecordOf } from '../../../../shared/domain/records';
import { exportList } from './actions';

interface Props<K extends LedgerKind> {
  title: string;
  kind: K;
  /** The visible columns, in order. */
  fields: readonly FieldSpec[];
  /** The full records of the rows as shown (filtered, searched, sorted), read when the user exports. */
  rows(): Promise<readonly RecordOf<K>[]>;
  refs: RefNames;
  /** The search typed, read when the user exports (like the rows): the button is not redrawn per keystroke. */
  search(): string;
  filters: Record<string, string[]>;
  allFields: readonly FieldSpec[];
  /** Keys of the computed columns the user added from 列 (e.g. 到位资金). */
  shownExtras?: readonly string[];
}

/** `搜索：鞋业；行业：鞋业、鞋材配套`: what narrowed the list, written under the title. */
function describeView<K extends LedgerKind>(p: Props<K>): string | undefined {
  const parts: string[] = [];
  const search = p.search().trim();
  if (search) parts.push(`搜索：${search}`);
  for (const [key, values] of Object.entries(p.filters)) {
    if (!values.length) continue;
    const spec = p.allFields.find((f) => f.key === key);
    const label = (v: string) =>
      spec?.options?.find((o) => o.value === v)?.label ??
      (spec?.type === 'eventRef' ? p.refs.events.get(v) : v) ??
      v;
    parts.push(`${spec?.label ?? key}：${values.map(label).join('、')}`);
  }
  return parts.length ? parts.join('；') : undefined;
}

/** 导出 ▾ → Excel or CSV of exactly what the list shows. */
export function ListExportButton<K extends LedgerKind>(props: Props<K>) {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);

  async function run(format: 'xlsx' | 'csv') {
    setBusy(true);
    try {
      const result = await exportList({
        title: props.title,
        kind: props.kind,
        fields: props.fields,
        rows: await props.rows(),
        refs: props.refs,
        note: describeView(props),
        shownExtras: props.shownExtras ?? [],
        format,
      });
      if (result.saved) message.success(`已导出：${result.path}`);
    } catch (error) {
      message.error(`导出失败：${describeError(error)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'xlsx', label: '导出 Excel（.xlsx）' },
          { key: 'csv', label: '导出 CSV（.csv）' },
        ],
        onClick: ({ key }) => void run(key as 'xlsx' | 'csv'),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy}>
        导出
      </Button>
    </Dropdown>
  );
}
