import { App as AntApp, Button, Card, Input, InputNumber, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { TARGET_FIELDS } from '../../../../shared/domain/fields';
import { formatAmount } from '../../../../shared/domain/money';
import { COUNTY_LABEL } from '../../../../shared/domain/progress';
import type { Target, TargetFigure } from '../../../../shared/domain/records';
import { todayIso } from '../../../../shared/domain/dates';
import { useToastAction } from '../../components/useToastAction';
import { useSettingsStore } from '../settings/store';
import { importFundsSheet, importTargetsSheet, saveTargets, useTargetsOfYear } from './store';
import { describeError } from '../../components/errors';
import { useCanWrite } from '../sync/store';
import { Writable } from '../sync/Writable';

type Grid = Record<string, Record<string, string>>;

function cellsOf(t: Target | undefined, unit: 'wan' | 'yi'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of TARGET_FIELDS) {
    const v = t?.[spec.key as TargetFigure];
    if (v === undefined) out[spec.key] = '';
    else
      out[spec.key] =
        spec.type === 'amount' ? formatAmount(v, unit, { decimals: 4 }).replace(/,/g, '') : String(v);
  }
  return out;
}

/**
 * 目标任务 in 设置: a grid of the county and each team × the five figures,
 * for one year. Amounts take 85.4亿、3000万 or plain 元.
 */
export function TargetsCard() {
  const [year, setYear] = useState(() => Number(todayIso().slice(0, 4)));
  const stored = useTargetsOfYear(year);
  // The grid starts from what is stored; a save or another year starts it afresh.
  const version = stored ? `${year}:${stored.map((t) => t.updatedAt).join(',')}` : 'loading';
  return <TargetsGrid key={version} year={year} setYear={setYear} stored={stored ?? []} />;
}

function TargetsGrid({
  year,
  setYear,
  stored,
}: {
  year: number;
  setYear: (y: number) => void;
  stored: readonly Target[];
}) {
  const teams = useSettingsStore((s) => s.settings.teams);
  const unit = useSettingsStore((s) => s.settings.amountUnit);
  const rows = useMemo(() => ['', ...teams], [teams]);
  const [grid, setGrid] = useState<Grid>(() => {
    const byTeam = new Map(stored.map((t) => [t.team, t]));
    return Object.fromEntries(rows.map((team) => [team, cellsOf(byTeam.get(team), unit)]));
  });
  const act = useToastAction();
  const { message } = AntApp.useApp();
  async function runImport(fn: () => Promise<number | null>, done: (n: number) => string) {
    try {
      const n = await fn();
      if (n !== null) message.success(done(n));
    } catch (error) {
      message.error(describeError(error));
    }
  }

  const canWrite = useCanWrite();
  const set = (team: string, key: string, value: string) =>
    setGrid((g) => ({ ...g, [team]: { ...g[team], [key]: value } }));

  return (
    <Card
      title="目标任务"
      size="small"
      style={{ maxWidth: 1100 }}
      extra={
        <Space>
          <span>年度</span>
          <InputNumber
            aria-label="目标年度"
            min={2000}
            max={2100}
            value={year}
            onChange={(v) => v && setYear(v)}
          />
          <Writable>
            <Button
              onClick={() =>
                runImport(
                  () => importTargetsSheet(year),
                  (n) => `已导入${year}年目标任务（${n}行有变化）`,
                )
              }
            >
              导入目标任务表
            </Button>
            <Button onClick={() => runImport(importFundsSheet, (n) => `已导入${n}条到位资金/完成投资记录`)}>
              导入到位资金表
            </Button>
            <Button
              type="primary"
              onClick={() =>
                act(
                  () =>
                    saveTargets(
                      year,
                      rows.map((team) => ({ team, values: grid[team] ?? {} })),
                    ),
                  `已保存${year}年目标任务`,
                )
              }
            >
              保存目标
            </Button>
          </Writable>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        金额可写“85.4亿”“3000万”或元；留空表示不设该项目标。也可从下达的目标任务表导入：第一列为组团（全县写“全县”或“合计”），其余为签约项目、协议引资（亿元/万元）、到位资金、新开工、投产；到位资金表需有项目名称、月份、到位资金或完成投资列。
      </Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey={(team) => team || COUNTY_LABEL}
        dataSource={rows}
        columns={[
          {
            title: '单位',
            key: 'team',
            width: 170,
            render: (_: unknown, team: string) => team || `${COUNTY_LABEL}（合计目标）`,
          },
          ...TARGET_FIELDS.map((spec) => ({
            title: spec.label,
            key: spec.key,
            render: (_: unknown, team: string) => (
              <Input
                size="small"
                disabled={!canWrite}
                aria-label={`${team || COUNTY_LABEL}${spec.label}`}
                value={grid[team]?.[spec.key] ?? ''}
                placeholder={spec.type === 'amount' ? '如 5亿' : '个数'}
                onChange={(e) => set(team, spec.key, e.target.value)}
              />
            ),
          })),
        ]}
      />
    </Card>
  );
}
