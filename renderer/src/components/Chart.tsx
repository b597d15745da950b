/**
 * A chart of the overview and the progress section. ECharts (a good part of
 * the app's code) is loaded with the first chart drawn, not with the app: the
 * overview's figures show without waiting for it to be read, and its box
 * keeps the chart's size meanwhile so nothing moves when it arrives.
 */
import { lazy, Suspense } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

export type ChartOption = EChartsCoreOption;

export interface ChartProps {
  option: ChartOption;
  height?: number;
  label: string;
}

const EChart = lazy(() => import('./EChart'));

export function Chart(props: ChartProps) {
  const box = (
    <div role="img" aria-label={props.label} style={{ width: '100%', height: props.height ?? 300 }} />
  );
  return (
    <Suspense fallback={box}>
      <EChart {...props} />
    </Suspense>
  );
}
