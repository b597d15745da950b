import {
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Popconfirm,
  Result,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { daysBetween, todayIso } from '../../../../shared/domain/dates';
import { LIGHT_LABELS } from '../../../../shared/domain/lights';
import { formatAmount, toUnit } from '../../../../shared/domain/money';
import type { CompanyCore, DealCore } from '../../../../shared/domain/derived';
import {
  companySignedDate,
  OVERVIEW_SLICE,
  overviewFromFacts,
  overviewFromFactsInSlices,
  type GroupRow,
  type LitDeal,
  type OverviewFilter,
  type OverviewOf,
} from '../../../../shared/domain/overview';
import { periodHolding, type Period } from '../../../../shared/report/period';
import type { LightThresholds } from '../../../../shared/settings';
import { figuresFromSummary, type SummaryFigures } from '../../../../shared/domain/summary';
import { COMPANY_STATUS_LABELS, DEAL_STAGE_LABELS } from '../../../../shared/domain/stages';
import { pauseForPage } from '../../app/pause';
import { navigate } from '../../app/router';
import { Chart, type ChartOption } from '../../components/Chart';
import { describeError } from '../../components/errors';
import { LIGHT_COLORS, LightTag } from '../deals/lights';
import { useSettingsStore } from '../settings/store';
import { overviewActions, overviewSelectors } from './store';
import { ProgressSection } from '../targets/ProgressSection';
import { WeeklyPackButton } from '../targets/WeeklyPack';
import { Writable } from '../sync/Writable';

type Preset = 'month' | 'quarter' | 'year' | 'all' | 'custom';
const PRESETS: { value: Preset; label: string }[] = [
  { value: 'month', label: '本月' },
  { value: 'quarter', label: '本季度' },
  { value: 'year', label: '本年' },
  { value: 'all', label: '全部' },
  { value: 'custom', label: '自定义' },
];

/** The overview's period, by the report's own arithmetic (shared/report/period). */
function presetPeriod(p: Preset, today: string, custom: [Dayjs, Dayjs] | null): Period | null {
  if (p === 'custom')
    return custom && { from: custom[0].format('YYYY-MM-DD'), to: custom[1].format('YYYY-MM-DD') };
  return p === 'all' ? null : periodHolding(p, today);
}

const yi = (yuan: number) => Math.round(toUnit(yuan, 'yi') * 100) / 100;
const PALETTE = ['#b42318', '#1f6feb', '#e6a700', '#2f9e44', '#7048e8', '#0c8599', '#f76707', '#868e96'];

/**
 * The grid of every cartesian chart: the axis labels and axis names are kept
 * inside the chart's box (ECharts 6's outer bounds), so a name such as
 * 「协议投资（亿元）」 is never cut at the edge.
 */
const GRID = { left: 8, right: 8, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'all' };

/** The width category names may take beside horizontal bars before they wrap onto a second line. */
const CATEGORY_LABEL_WIDTH = 150;

/** Height of a horizontal bar chart with one group per row: 44 px a group, never less than 260. */
function barChartHeight(groups: number): number {
  return Math.max(260, groups * 44 + 40);
}

/**
 * Horizontal bars of deals and of agreed investment in 亿元 per group (team,
 * event, industry), each with its number at its end. Horizontal, so that
 * long Chinese names read in full beside the bars, wrapping rather than
 * running into the next name.
 */
function groupOption(rows: GroupRow[]): ChartOption {
  const label = { show: true, position: 'right' };
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { ...GRID, top: 30, right: 48 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.key),
      axisLabel: { interval: 0, width: CATEGORY_LABEL_WIDTH, overflow: 'break', lineHeight: 15 },
    },
    xAxis: [
      { type: 'value', minInterval: 1, show: false },
      { type: 'value', show: false },
    ],
    series: [
      { name: '项目数', type: 'bar', xAxisIndex: 0, data: rows.map((r) => r.count), label },
      {
        name: '协议投资（亿元）',
        type: 'bar',
        xAxisIndex: 1,
        data: rows.map((r) => yi(r.agreed)),
        label: { ...label, formatter: '{c}' },
      },
    ],
  };
}

/** `2026-03` → 「3月」 when every month is in one year, else kept as is. */
function monthLabels(keys: string[]): string[] {
  const years = new Set(keys.map((k) => k.slice(0, 4)));
  return years.size > 1 ? keys : keys.map((k) => `${Number(k.slice(5, 7))}月`);
}

/**
 * Deals signed per month as bars with their counts, agreed investment as a
 * line on the right axis. The line carries no numbers of its own: beside
 * the bars' numbers they would collide; its values are in the tooltip.
 */
function monthOption(rows: GroupRow[]): ChartOption {
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: GRID,
    xAxis: { type: 'category', data: monthLabels(rows.map((r) => r.key)), axisLabel: { hideOverlap: true } },
    yAxis: [
      { type: 'value', name: '项目数（个）', minInterval: 1, nameTextStyle: { align: 'left' } },
      {
        type: 'value',
        name: '协议投资（亿元）',
        nameTextStyle: { align: 'right' },
        splitLine: { show: false },
      },
    ],
    series: [
      { name: '项目数', type: 'bar', data: rows.map((r) => r.count), label: { show: true, position: 'top' } },
      {
        name: '协议投资（亿元）',
        type: 'line',
        yAxisIndex: 1,
        data: rows.map((r) => yi(r.agreed)),
        // Under the bars, so the line never hides a bar's number.
        z: 1,
      },
    ],
  };
}

type OverviewData = NonNullable<ReturnType<typeof useOverviewData>>;
type ScreenOverview = OverviewOf<DealCore, CompanyCore>;

/**
 * The overview of the derived rows. A ledger of a few thousand deals is
 * added up at once; a larger one in slices that pause for the page (a click
 * on the menu while the overview of 100,000 deals computes is answered
 * between two slices), keeping the figures shown until the new ones are
 * done. The result is overviewFromFacts's either way.
 */
function useOverview(
  data: OverviewData | undefined,
  filter: OverviewFilter,
  today: string,
  thresholds: LightThresholds,
): ScreenOverview | undefined {
  const small = !!data && data.facts.deals.length <= OVERVIEW_SLICE;
  const atOnce = useMemo(
    () => (data && small ? overviewFromFacts(data.facts, data.events, filter, today, thresholds) : undefined),
    [data, small, filter, today, thresholds],
  );
  const [sliced, setSliced] = useState<ScreenOverview>();
  useEffect(() => {
    if (!data || small) return;
    let stale = false;
    void overviewFromFactsInSlices(
      data.facts,
      data.events,
      filter,
      today,
      thresholds,
      pauseForPage,
      () => stale,
    ).then((o) => {
      if (o && !stale) setSliced(o);
    });
    return () => {
      stale = true;
    };
  }, [data, small, filter, today, thresholds]);
  return small ? atOnce : data && sliced;
}

/** The full derived rows, read only once the summary is in, so the two reads never compete for the first figures. */
function useOverviewData(after: boolean) {
  return useLiveQuery(() => (after ? overviewSelectors.input() : undefined), [after]);
}

function Figure({
  title,
  value,
  suffix,
  extra,
}: {
  title: string;
  value: string | number;
  suffix?: string;
  extra?: string;
}) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic title={title} value={value} suffix={suffix} />
      {extra && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {extra}
        </Typography.Text>
      )}
    </Card>
  );
}

/** The headline figures: from the start summary at first, then from the full derived rows. */
function FigureRow({ f }: { f: SummaryFigures }) {
  const c = f.companies;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} lg={8} xl={4}>
        <Figure title="签约项目（个）" value={f.signed.count} />
      </Col>
      <Col xs={12} lg={8} xl={4}>
        <Figure title="协议投资（亿元）" value={formatAmount(f.signed.agreed, 'yi', { withUnit: false })} />
      </Col>
      <Col xs={12} lg={8} xl={4}>
        <Figure
          title="一期投资（亿元）"
          value={formatAmount(f.signed.firstPhase, 'yi', { withUnit: false })}
        />
      </Col>
      <Col xs={12} lg={8} xl={4}>
        <Figure
          title="企业注册率"
          value={c.registrationRateText}
          extra={`已注册 ${c.registered} / 签约 ${c.signed} 家`}
        />
      </Col>
      <Col xs={12} lg={8} xl={4}>
        <Figure
          title="申报入库（个）"
          value={f.statsEntry.count}
          extra={`入库金额 ${formatAmount(f.statsEntry.amount, 'yi')}`}
        />
      </Col>
      <Col xs={12} lg={8} xl={4}>
        <Figure
          title="红灯 / 黄灯 / 绿灯"
          value={`${f.lights.red} / ${f.lights.yellow} / ${f.lights.green}`}
        />
      </Col>
    </Row>
  );
}

function LightList({ title, rows }: { title: string; rows: LitDeal<DealCore>[] }) {
  return (
    <Card
      title={`${title}（${rows.length}）`}
      size="small"
      extra={<Typography.Text type="secondary">最久无进展的在前</Typography.Text>}
    >
      <Table<LitDeal<DealCore>>
        rowKey={(r) => r.deal.id}
        size="small"
        dataSource={rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无" /> }}
        columns={[
          {
            title: '项目名称',
            key: 'name',
            render: (_: unknown, r: LitDeal<DealCore>) => (
              <Typography.Link onClick={() => navigate('deals', r.deal.id)}>{r.deal.name}</Typography.Link>
            ),
          },
          {
            title: '招商组团',
            key: 'team',
            width: 130,
            render: (_: unknown, r: LitDeal<DealCore>) => r.deal.team ?? '—',
          },
          {
            title: '包案领导',
            key: 'leader',
            width: 110,
            render: (_: unknown, r: LitDeal<DealCore>) => r.deal.leader ?? '—',
          },
          {
            title: '亮灯原因',
            key: 'reason',
            render: (_: unknown, r: LitDeal<DealCore>) => (
              <Space size={4} wrap>
                {r.light.override && <LightTag result={r.light} />}
                <span>{r.light.reason}</span>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

function OverdueRegistrations({ rows, today }: { rows: CompanyCore[]; today: string }) {
  return (
    <Card
      title={`逾期未注册企业（${rows.length}）`}
      size="small"
      extra={<Typography.Text type="secondary">签约超过30天仍未注册</Typography.Text>}
    >
      <Table<CompanyCore>
        rowKey="id"
        size="small"
        dataSource={[...rows].sort((a, b) =>
          (companySignedDate(a) ?? '').localeCompare(companySignedDate(b) ?? ''),
        )}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无" /> }}
        columns={[
          {
            title: '企业名称',
            key: 'name',
            render: (_: unknown, c: CompanyCore) => (
              <Typography.Link onClick={() => navigate('companies', c.id)}>{c.name}</Typography.Link>
            ),
          },
          {
            title: '原所在地',
            key: 'origin',
            width: 120,
            render: (_: unknown, c: CompanyCore) =>
              [c.originCity, c.originDistrict].filter(Boolean).join(' ') || '—',
          },
          {
            title: '状态',
            key: 'status',
            width: 90,
            render: (_: unknown, c: CompanyCore) => COMPANY_STATUS_LABELS[c.status],
          },
          {
            title: '签约日期',
            key: 'signed',
            width: 110,
            render: (_: unknown, c: CompanyCore) => companySignedDate(c) ?? '—',
          },
          {
            title: '已签约天数',
            key: 'days',
            width: 100,
            align: 'right',
            render: (_: unknown, c: CompanyCore) => `${daysBetween(companySignedDate(c)!, today)}天`,
          },
        ]}
      />
    </Card>
  );
}

function SampleOffer() {
  const [loading, setLoading] = useState(false);
  const { message } = AntApp.useApp();
  async function load() {
    setLoading(true);
    try {
      const data = await overviewActions.loadSample();
      message.success(
        `已加载示例数据：签约项目${data.deals.length}个、客商${data.contacts.length}人、企业${data.companies.length}家`,
      );
    } catch (error) {
      message.error(describeError(error));
    } finally {
      setLoading(false);
    }
  }
  return (
    <Card>
      <Result
        status="info"
        title="台账暂无数据"
        subTitle="可以新建签约项目、导入已有的 Excel 台账，或先加载一份示例数据熟悉功能（六个招商组团和两个产业办公室、约100个签约项目、外迁鞋企）。"
        extra={
          <Writable>
            <Space>
              <Button onClick={() => navigate('deals')}>新建签约项目</Button>
              <Popconfirm
                title="加载示例数据？"
                description="示例数据会写入台账，可逐条删除"
                okText="加载"
                cancelText="取消"
                onConfirm={load}
              >
                <Button type="primary" loading={loading}>
                  加载示例数据
                </Button>
              </Popconfirm>
            </Space>
          </Writable>
        }
      />
    </Card>
  );
}

/** 总览 (SPEC §3.3): the period's signings, lights, registrations and 入库, from computeOverview. */
export function OverviewPage() {
  const summary = useLiveQuery(overviewSelectors.summary, []);
  const data = useOverviewData(summary !== undefined);
  const settings = useSettingsStore((s) => s.settings);
  const [preset, setPreset] = useState<Preset>('year');
  const [custom, setCustom] = useState<[Dayjs, Dayjs] | null>(null);
  const [team, setTeam] = useState<string>();
  const today = todayIso();

  const period = presetPeriod(preset, today, custom);
  const from = period?.from;
  const to = period?.to;
  const range: [Dayjs, Dayjs] | null = period && [dayjs(period.from), dayjs(period.to)];
  const filter: OverviewFilter = useMemo(() => ({ from, to, team }), [from, to, team]);
  const o = useOverview(data, filter, today, settings.lightThresholds);
  // The first figures, before the one-row-per-deal read is done (of the whole ledger only).
  const quick = useMemo(
    () =>
      summary && !o && !team
        ? figuresFromSummary(summary.buckets, filter, today, settings.lightThresholds)
        : undefined,
    [summary, o, team, filter, today, settings.lightThresholds],
  );
  const teams = useMemo(() => {
    const set = new Set(settings.teams);
    for (const r of data?.facts.deals ?? []) if (r.deal?.team) set.add(r.deal.team);
    return [...set];
  }, [data, settings.teams]);

  const charts = useMemo(() => {
    if (!o) return undefined;
    const lights = (['red', 'yellow', 'green'] as const).map((l) => ({
      name: LIGHT_LABELS[l],
      value: o.lights[l],
      itemStyle: { color: LIGHT_COLORS[l] },
    }));
    const c = o.companies;
    return {
      team: groupOption(o.byTeam),
      industry: groupOption(o.byIndustry),
      event: groupOption(o.byEvent),
      month: monthOption(o.byMonth),
      stages: {
        color: ['#1f6feb'],
        tooltip: {},
        grid: { ...GRID, top: 24 },
        xAxis: {
          type: 'category',
          axisLabel: { interval: 0 },
          data: Object.keys(o.stageCounts).map((s) => DEAL_STAGE_LABELS[s as keyof typeof DEAL_STAGE_LABELS]),
        },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', data: Object.values(o.stageCounts), label: { show: true, position: 'top' } }],
      },
      lights: {
        tooltip: { trigger: 'item' },
        legend: { bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: ['32%', '52%'],
            center: ['50%', '45%'],
            data: lights,
            // One short line, never truncated: the label sits beside a slice of any size.
            label: { formatter: '{b} {c}个', overflow: 'none' },
            labelLine: { length: 8, length2: 8 },
          },
        ],
      },
      funnel: {
        color: ['#1f6feb', '#0c8599', '#e6a700', '#2f9e44'],
        tooltip: { trigger: 'item' },
        series: [
          {
            type: 'funnel',
            sort: 'none',
            left: '10%',
            width: '80%',
            minSize: '20%',
            label: { show: true, position: 'inside', formatter: '{b}\n{c}家', color: '#fff', fontSize: 13 },
            data: [
              { name: '已签约', value: c.signed },
              { name: '已注册', value: c.registered },
              { name: '已入驻', value: c.movedIn },
              { name: '已投产', value: c.producing },
            ],
          },
        ],
      },
    } satisfies Record<string, ChartOption>;
  }, [o]);

  if (data?.empty || (!data && summary?.empty)) return <SampleOffer />;
  const header = (
    <Card size="small">
      <Space wrap>
        <Segmented<Preset> aria-label="统计期间" options={PRESETS} value={preset} onChange={setPreset} />
        <DatePicker.RangePicker
          aria-label="自定义期间"
          value={range}
          allowClear={false}
          onChange={(v) => {
            if (v?.[0] && v[1]) {
              setCustom([v[0], v[1]]);
              setPreset('custom');
            }
          }}
        />
        <Select
          allowClear
          placeholder="全部组团"
          aria-label="招商组团"
          style={{ width: 180 }}
          value={team}
          onChange={setTeam}
          options={teams.map((t) => ({ value: t, label: t }))}
        />
        <Typography.Text type="secondary">
          {filter.from ? `${filter.from} 至 ${filter.to}` : '全部期间'}
          {team ? ` · ${team}` : ''}
        </Typography.Text>
        <WeeklyPackButton />
      </Space>
    </Card>
  );
  if (!data || !o || !charts) {
    if (!summary) return <Spin />;
    return (
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {header}
        {quick ? <FigureRow f={quick} /> : <Spin />}
        <Spin />
      </Space>
    );
  }

  const c = o.companies;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {header}
      <FigureRow f={o} />
      <ProgressSection from={filter.from} to={filter.to} team={team} />
      <Row gutter={[16, 16]}>
        {(
          [
            ['按招商组团', charts.team, o.byTeam.length],
            ['按签约活动', charts.event, o.byEvent.length],
            ['按行业', charts.industry, o.byIndustry.length],
            // Beside 按行业 in one row: the same height, so the two cards line up.
            ['按月份', charts.month, o.byIndustry.length],
          ] as const
        ).map(([title, option, groups]) => (
          <Col xs={24} xl={12} key={title}>
            <Card title={title} size="small">
              <Chart
                label={`${title}的签约项目数和协议投资`}
                option={option}
                height={barChartHeight(groups)}
              />
            </Card>
          </Col>
        ))}
        <Col xs={24} xl={8}>
          <Card title="项目阶段" size="small">
            <Chart label="各阶段项目数" option={charts.stages} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="三色灯" size="small">
            <Chart label="红黄绿灯项目数" option={charts.lights} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card
            title="企业注册进度"
            size="small"
            extra={
              <Typography.Text type="secondary">
                注册率 {c.registrationRateText}（{c.registered}/{c.signed}）
              </Typography.Text>
            }
          >
            <Chart label="企业签约、注册、入驻、投产漏斗" option={charts.funnel} />
          </Card>
        </Col>
      </Row>
      <LightList title="红灯项目" rows={o.lights.redList} />
      <LightList title="黄灯项目" rows={o.lights.yellowList} />
      <OverdueRegistrations rows={c.overdueRegistrations} today={today} />
    </Space>
  );
}
