import {
  Children,
  createContext,
  isValidElement,
  useContext,
  type CSSProperties,
  type HTMLAttributes,
  type ReactNode,
} from 'react';

/**
 * The rows of a list page drawn from plain elements, inside antd's table.
 *
 * antd draws each body cell with a component of its own (context
 * subscriptions, hover state, event hooks): about 13 per row, mounted anew
 * for every new page a search keystroke brings. Here the table's row
 * component (`components.body.row`) draws its cells itself, as plain `<td>`s
 * with antd's classes, so they look the same; and the rows are keyed by
 * their position on the page (`pageRowKey`), so a new page changes the text
 * of the rows already there instead of mounting new ones. The record of a row
 * is the page's row at that position, handed down through `ListBodyContext`.
 * A column drawn by antd (`native`, e.g. the first column made sticky once the
 * table scrolls sideways, whose shadow follows the scroll) keeps antd's cell.
 */
export interface BodyColumn<R> {
  key: string;
  /** The cell's content, as the column's render gives it. */
  render(record: R, index: number): ReactNode;
  /** antd's cell classes for this column (ellipsis). */
  className: string;
  style?: CSSProperties;
  ellipsis: boolean;
  /** Drawn by antd's own cell (a fixed column). */
  native: boolean;
}

export interface ListBody<R> {
  rows: readonly R[];
  columns: readonly BodyColumn<R>[];
}

export const ListBodyContext = createContext<ListBody<unknown> | null>(null);

/** The key of a page's row: its position on the page, so a new page reuses the rows' elements. */
export function pageRowKeys<R extends object>(rows: readonly R[] | undefined): (record: R) => number {
  const positions = new Map<R, number>();
  rows?.forEach((r, i) => positions.set(r, i));
  return (record) => positions.get(record) ?? -1;
}

/** The cell's title as antd gives an ellipsis cell: its text, when the content is (or wraps) plain text. */
function titleOf(content: ReactNode): string | undefined {
  if (typeof content === 'string' || typeof content === 'number') return String(content);
  if (isValidElement<{ children?: unknown }>(content) && typeof content.props.children === 'string')
    return content.props.children;
  return undefined;
}

type RowProps = HTMLAttributes<HTMLTableRowElement> & { 'data-row-key'?: string | number };

/** The table's row component: a page row's cells from plain elements (see above). */
export function ListBodyRow({ children, ...props }: RowProps) {
  const body = useContext(ListBodyContext);
  const key = props['data-row-key'];
  const index = typeof key === 'number' ? key : Number(key ?? -1);
  const record = body?.rows[index];
  // Anything else antd draws with a row (the empty placeholder) stays antd's.
  if (!body || record === undefined) return <tr {...props}>{children}</tr>;
  const native = body.columns.some((c) => c.native) ? Children.toArray(children) : null;
  return (
    <tr {...props}>
      {body.columns.map((c, i) => {
        if (native && c.native) return native[i];
        const content = c.render(record, index);
        return (
          <td
            key={c.key}
            className={c.className}
            style={c.style}
            title={c.ellipsis ? titleOf(content) : undefined}
          >
            {content}
          </td>
        );
      })}
    </tr>
  );
}
