import type { CSSProperties, ReactNode } from 'react';

/**
 * antd's preset tag colours (light background, border and text from
 * @ant-design/colors, as antd's Tag draws its outlined presets).
 */
const PRESETS: Record<string, readonly [background: string, border: string, text: string]> = {
  default: ['rgba(0, 0, 0, 0.02)', '#d9d9d9', 'rgba(0, 0, 0, 0.88)'],
  blue: ['#e6f4ff', '#91caff', '#0958d9'],
  cyan: ['#e6fffb', '#87e8de', '#08979c'],
  orange: ['#fff7e6', '#ffd591', '#d46b08'],
  green: ['#f6ffed', '#b7eb8f', '#389e0d'],
  gold: ['#fffbe6', '#ffe58f', '#d48806'],
  purple: ['#f9f0ff', '#d3adf7', '#531dab'],
};

const BASE: CSSProperties = {
  display: 'inline-block',
  height: 'auto',
  paddingInline: 7,
  fontSize: 12,
  lineHeight: '20px',
  whiteSpace: 'nowrap',
  borderRadius: 4,
  borderWidth: 1,
  borderStyle: 'solid',
  marginInlineEnd: 8,
};

const styles = new Map<string, CSSProperties>();

/** One style object per colour and margin, made once: every row of a list shares it. */
function styleOf(color: string, flush: boolean): CSSProperties {
  const key = flush ? `${color}|flush` : color;
  let style = styles.get(key);
  if (!style) {
    const preset = PRESETS[color];
    style = {
      ...(preset
        ? { ...BASE, background: preset[0], borderColor: preset[1], color: preset[2] }
        : // Any other colour is drawn solid, as antd draws a tag of a custom colour.
          { ...BASE, background: color, borderColor: 'transparent', color: '#fff' }),
      ...(flush ? { marginInlineEnd: 0 } : {}),
    };
    styles.set(key, style);
  }
  return style;
}

/**
 * A tag that looks like antd's Tag (a preset name or any CSS colour) but is
 * one plain span: no hooks and no style registration when it mounts. For
 * tags drawn in every row of a list page, where a search keystroke mounts a
 * new page of them.
 */
export function PlainTag({
  color,
  children,
  flush,
}: {
  color: string;
  children: ReactNode;
  flush?: boolean;
}) {
  return <span style={styleOf(color, !!flush)}>{children}</span>;
}
