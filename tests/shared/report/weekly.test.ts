import { describe, expect, it } from 'vitest';
import type { Deal, FollowUp, Problem } from '../../../shared/domain/records';
import { weekOf, weeklyFileName, weeklyPack, weekText } from '../../../shared/report/weeklyModel';
import { weeklyPackBytes, WEEKLY_SHEETS } from '../../../shared/report/weeklyWriter';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { dumpXlsx, SheetView, writeTemp } from '../../support/spreadsheet';

const AT = '2026-01-01T00:00:00Z';
const base = { createdAt: AT, updatedAt: AT, createdBy: '张三', updatedBy: '张三' };
const TODAY = '2026-10-15';
const WEEK = weekOf(TODAY);
const settings = { ...DEFAULT_SETTINGS, userName: '张三' };

const negotiating: Deal = {
  ...base,
  id: 'n1',
  name: '锦华运动鞋智能制造项目',
  investor: '晋江锦华鞋业有限公司',
  team: '第一招商组团',
  agreedInvestment: 300_000_000,
  landMu: 120,
  notes: '建设运动鞋生产线20条',
  stage: 'negotiating',
  stageHistory: [{ stage: 'negotiating', date: '2026-08-01', by: '张三', at: AT }],
  milestones: [],
  contactIds: [],
};
const signed: Deal = {
  ...base,
  id: 's1',
  name: '恒达鞋材配套项目',
  investor: '成都恒达鞋材有限公司',
  team: '第二招商组团',
  signedDate: '2026-10-13',
  agreedInvestment: 50_000_000,
  stage: 'started',
  stageHistory: [
    { stage: 'signed', date: '2026-10-13', by: '张三', at: AT },
    { stage: 'started', date: '2026-10-14', by: '李四', at: AT },
  ],
  milestones: [
    { name: '签约', plannedDate: '2026-10-13', doneDate: '2026-10-13' },
    { name: '环评', plannedDate: '2026-09-01' },
  ],
  contactIds: [],
};
const follow = (date: string, summary: string, by: string): FollowUp => ({
  ...base,
  id: `f-${date}`,
  targetKind: 'deal',
  targetId: 'n1',
  date,
  kind: 'visit',
  summary,
  by,
});
const problem: Problem = {
  ...base,
  id: 'p1',
  dealId: 's1',
  raisedDate: '2026-09-01',
  description: '施工用电未接通',
  kind: 'utilities',
  unit: '县供电公司',
  deadline: '2026-09-10',
  status: 'coordinating',
};

const input = {
  deals: [negotiating, signed],
  companies: [],
  events: [],
  followUps: [follow('2026-10-09', '赴晋江洽谈', '王五'), follow('2026-10-12', '企业来县考察选址', '赵六')],
  problems: [problem, { ...problem, id: 'p2', status: 'resolved' as const, description: '已解决的问题' }],
};

describe('weekly consultation pack', () => {
  it('covers Monday to Sunday of the chosen day', () => {
    expect(weekOf('2026-10-15')).toEqual({ from: '2026-10-12', to: '2026-10-18' });
    expect(weekOf('2026-10-18')).toEqual({ from: '2026-10-12', to: '2026-10-18' });
    expect(weekOf('2026-12-30')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(weekText(WEEK)).toBe('2026年10月12日—10月18日');
    expect(weeklyFileName('乐至县投资促进局', WEEK)).toBe(
      '乐至县招商引资项目每周会商表_2026年10月12日-10月18日.xlsx',
    );
  });

  it('holds the week’s signings, stage changes, milestones, open problems, lights and 在谈 projects', () => {
    const pack = weeklyPack(input, settings, { week: WEEK, today: TODAY });
    const [signings, stages, milestones, problems, lights] = pack.sections;
    expect(signings!.rows.map((r) => r[1])).toEqual(['恒达鞋材配套项目']);
    expect(stages!.rows).toEqual([
      [1, '恒达鞋材配套项目', '第二招商组团', '已签约', '已开工', new Date('2026-10-14T00:00:00Z'), '李四'],
    ]);
    expect(milestones!.rows.map((r) => [r[2], r[5]])).toEqual([
      ['签约', '本周销号'],
      ['环评', '逾期44天'],
    ]);
    expect(problems!.rows).toEqual([
      [
        1,
        '县供电公司',
        '恒达鞋材配套项目',
        '水电路气',
        '施工用电未接通',
        null,
        new Date('2026-09-10T00:00:00Z'),
        '协调中，逾期35天',
      ],
    ]);
    expect(lights!.rows.find((r) => r[2] === '恒达鞋材配套项目')![4]).toMatch(/问题逾期35天：施工用电未接通/);
    const team1 = pack.teams.find((t) => t.heading.startsWith('第一招商组团'))!;
    expect(team1.rows).toEqual([
      [
        1,
        '锦华运动鞋智能制造项目',
        '晋江锦华鞋业有限公司',
        30000,
        '建设运动鞋生产线20条',
        120,
        '第一招商组团',
        '赵六',
        '10月12日走访：企业来县考察选址',
      ],
    ]);
    expect(pack.teams.map((t) => t.heading.replace(/（.*/, ''))).toEqual(DEFAULT_SETTINGS.teams);
    expect(pack.footer).toMatch(/审核人/);
  });

  it('writes the 在谈 sheet laid out like a county weekly sheet, read back with openpyxl', async () => {
    const bytes = await weeklyPackBytes(input, settings, { week: WEEK, today: TODAY });
    const sheets = dumpXlsx(writeTemp(bytes, 'weekly.xlsx'));
    expect(sheets.map((s) => s.name)).toEqual([WEEKLY_SHEETS.negotiating, WEEKLY_SHEETS.points]);
    const v = new SheetView(sheets[0]!);
    expect(v.value(1, 1)).toBe('乐至县招商引资项目每周会商表（在谈项目）');
    expect(v.value(2, 1)).toBe('填报单位：乐至县投资促进局');
    const heading = v.findRow('第一招商组团（在谈项目1个）');
    expect(v.row(heading + 1, 9)).toEqual([
      '序号',
      '项目名称',
      '投资方',
      '总投资（万元）',
      '项目内容',
      '需用土地（亩）',
      '招商组团',
      '跟进人',
      '进展情况',
    ]);
    expect(v.value(heading + 2, 2)).toBe('锦华运动鞋智能制造项目');
    expect(String(v.value(v.maxRow, 1))).toMatch(/^填报人：张三\s+审核人：$/);
    const points = new SheetView(sheets[1]!);
    expect(points.findRow('四、未解决问题（按责任单位）')).toBeGreaterThan(0);
  });
});
