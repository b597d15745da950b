import { Card, Col, Empty, Row, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { TARGET_FIGURE_LABELS } from '../../../../shared/domain/fields';
import { formatAmount } from '../../../../shared/domain/money';
import {
  COUNT_FIGURES,
  rateText,
  yoyText,
  type FigureProgress,
  type TeamProgress,
} from '../../../../shared/domain/progress';
import { TARGET_FIGURES, type TargetFigure } from '../../../../shared/domain/records';
import { yearToMonthEnd } from '../../../../shared/report/period';
import { todayIso } from '../../../../shared/domain/dates';
import { Chart, type ChartOption } from '../../components/Chart';
import { useSettingsStore } from '../settings/store';
import { useProgress } from './store';

function valueText(figure: TargetFigure, n: number | null, unit: 'wan' | 'yi'): string {
  if (n === null) return '未设目标';
  return COUNT_FIGURES.has(figure) ? `${n}个` : formatAmount(n, unit) || '0';
}

function diffText(f: FigureProgress, unit: 'wan' | 'yi'): string {
  const sign = f.diff > 0 ? '+' : f.diff < 0 ? '-' : '';
  const abs = Math.abs(f.diff);
  return sign + (COUNT_FIGURES.has(f.figure) ? `${abs}个` : formatAmount(abs, unit) || '0');
}

const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

/**
 * 目标完成 (SPEC §10) on the overview: each figure's target, done, 完成率 and
 * 同比 for the county (or the chosen team), the teams' completion as a
 * chart, and the ranking (组团排名). From computeProgress, as the report.
 */
export function ProgressSection({ from, to, team }: { from?: string; to?: string; team?: string }) {
  const period = useMemo(() => (from && to ? { from, to } : yearToMonthEnd(todayIso())), [from, to]);
  const p = useProgress(period);
  const unit = useSettingsStore((s) => s.settings.amountUnit);

  const chart = useMemo<ChartOption | undefined>(() => {
    if (!p) return undefined;
    const teams = [...p.teams].reverse();
    const series = (['signedCount', 'agreed', 'funds'] as const).map((f) => ({
      name: `${TARGET_FIGURE_LABELS[f].replace(/（个）$/, '')}完成率`,
      type: 'bar',
      data: teams.map((t) => pct(t.figures[f].rate)),
      label: { show: true, position: 'right', formatter: '{c}%', fontSize: 11 },
    }));
    return {
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => (v === null ? '未设目标' : `${String(v)}%`),
      },
      legend: { top: 0 },
      grid: { left: 8, right: 48, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      yAxis: {
        type: 'category',
        data: teams.map((t) => t.team),
        axisLabel: { width: 110, overflow: 'truncate' },
      },
      series,
    };
  }, [p]);

  if (!p) return null;
  const row: TeamProgress | undefined = team ? p.teams.find((t) => t.team === team) : p.county;
  const hasTargets = TARGET_FIGURES.some((f) => p.county.figures[f].target !== null);
  const title = `目标完成（${p.year}年目标 · ${period.from} 至 ${period.to} · 同比为上年同期）`;

  return (
    <div data-testid="progress-section">
      <Card title={title} size="small">
        {!hasTargets && (
          <Typography.Paragraph type="secondary">
            尚未设置{p.year}年目标任务：请在“设置 → 目标任务”中填写，或从表格导入。
          </Typography.Paragraph>
        )}
        <Row gutter={16}>
          <Col xs={24} xl={13}>
            <Table
              size="small"
              pagination={false}
              rowKey="figure"
              dataSource={row ? TARGET_FIGURES.map((f) => row.figures[f]) : []}
              locale={{ emptyText: <Empty description="该组团本期无目标和数据" /> }}
              columns={[
                {
                  title: row?.team ?? '全县',
                  key: 'label',
                  render: (_: unknown, f) => TARGET_FIGURE_LABELS[f.figure],
                },
                {
                  title: '目标',
                  key: 'target',
                  align: 'right',
                  render: (_: unknown, f) => valueText(f.figure, f.target, unit),
                },
                {
                  title: '完成',
                  key: 'done',
                  align: 'right',
                  render: (_: unknown, f) => valueText(f.figure, f.done, unit),
                },
                {
                  title: '完成率',
                  key: 'rate',
                  align: 'right',
                  render: (_: unknown, f) => (
                    <Tag
                      color={
                        f.rate === null
                          ? 'default'
                          : f.rate >= 1
                            ? 'green'
                            : f.rate >= 0.6
                              ? 'blue'
                              : 'orange'
                      }
                    >
                      {rateText(f.rate)}
                    </Tag>
                  ),
                },
                {
                  title: '上年同期',
                  key: 'previous',
                  align: 'right',
                  render: (_: unknown, f) => valueText(f.figure, f.previous, unit),
                },
                { title: '同比', key: 'yoy', align: 'right', render: (_: unknown, f) => yoyText(f.yoy) },
                {
                  title: '同比增减',
                  key: 'diff',
                  align: 'right',
                  render: (_: unknown, f) => diffText(f, unit),
                },
              ]}
            />
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              组团排名
            </Typography.Title>
            <div data-testid="ranking-table">
              <Table<TeamProgress>
                size="small"
                pagination={false}
                rowKey="team"
                dataSource={p.teams}
                columns={[
                  { title: '名次', dataIndex: 'rank', width: 56 },
                  { title: '招商组团', dataIndex: 'team' },
                  {
                    title: '综合完成率',
                    key: 'score',
                    align: 'right',
                    render: (_: unknown, t) => rateText(t.score),
                  },
                  ...(['signedCount', 'agreed', 'funds'] as const).map((f) => ({
                    title: TARGET_FIGURE_LABELS[f].replace(/（个）$/, ''),
                    key: f,
                    align: 'right' as const,
                    render: (_: unknown, t: TeamProgress) => rateText(t.figures[f].rate),
                  })),
                  {
                    title: '协议引资同比',
                    key: 'agreedYoy',
                    align: 'right',
                    render: (_: unknown, t) => yoyText(t.figures.agreed.yoy),
                  },
                ]}
              />
            </div>
          </Col>
          <Col xs={24} xl={11}>
            {chart && (
              <Chart
                label="各组团目标完成率"
                option={chart}
                height={Math.max(300, p.teams.length * 44 + 60)}
              />
            )}
          </Col>
        </Row>
      </Card>
    </div>
  );
}
