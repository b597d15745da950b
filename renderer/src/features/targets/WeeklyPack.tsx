import { Button, DatePicker, Modal, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { todayIso } from '../../../../shared/domain/dates';
import type { CellKind, CellValue } from '../../../../shared/report/sheet';
import { weekOf, weeklyPack, weekText, type WeeklyTable } from '../../../../shared/report/weeklyModel';
import { navigate } from '../../app/router';
import { useToastAction } from '../../components/useToastAction';
import { useSettingsStore } from '../settings/store';
import { exportWeeklyPack, useTargetsUi, weekDayOf, weeklyInput } from './store';

/** 每周会商 on the overview: opens the pack dialog. */
export function WeeklyPackButton() {
  const open = useTargetsUi((s) => s.openWeekly);
  return <Button onClick={open}>每周会商</Button>;
}

/** Choose a week, then export the workbook or open the printable page. */
export function WeeklyPackDialog() {
  const { weeklyOpen, closeWeekly, setWeekDay } = useTargetsUi();
  const weekDay = useTargetsUi(weekDayOf);
  const week = useMemo(() => weekOf(weekDay), [weekDay]);
  const act = useToastAction();
  return (
    <Modal
      title="每周会商材料"
      open={weeklyOpen}
      onCancel={closeWeekly}
      footer={
        <Space>
          <Button onClick={closeWeekly}>关闭</Button>
          <Button
            onClick={() => {
              closeWeekly();
              navigate('weekly', week.from);
            }}
          >
            打印页面
          </Button>
          <Button type="primary" onClick={() => act(() => exportWeeklyPack(week), '已导出每周会商表')}>
            导出工作簿
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical">
        <Space>
          会商周：
          <DatePicker
            picker="week"
            aria-label="会商周"
            allowClear={false}
            value={dayjs(weekDay)}
            onChange={(d) => d && setWeekDay(d.format('YYYY-MM-DD'))}
          />
        </Space>
        <Typography.Text type="secondary">{weekText(week)}</Typography.Text>
        <Typography.Text type="secondary">
          内容：本周新签约项目、阶段变化、销号节点（本周销号及逾期）、未解决问题（按责任单位）、红黄灯项目及原因，以及各组团在谈项目及最新进展。
        </Typography.Text>
      </Space>
    </Modal>
  );
}

function cellText(value: CellValue, kind: CellKind): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') {
    if (kind === 'amount') return value.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
    if (kind === 'percent') return `${(value * 100).toFixed(1)}%`;
    return String(value);
  }
  return value;
}

function PrintTable({ t }: { t: WeeklyTable }) {
  return (
    <section className="weekly-section">
      <h3>{t.heading}</h3>
      <table className="weekly-table">
        <thead>
          <tr>
            {t.columns.map((c) => (
              <th key={c.header}>{c.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {t.rows.length ? (
            t.rows.map((r, i) => (
              <tr key={i}>
                {t.columns.map((c, j) => (
                  <td key={c.header} className={c.kind === 'text' ? undefined : 'num'}>
                    {cellText(r[j], c.kind)}
                  </td>
                ))}
              </tr>
            ))
          ) : (
            <tr>
              <td colSpan={t.columns.length} className="empty">
                {t.empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}

const PRINT_CSS = `
.weekly-page { background: #fff; padding: 24px; color: #000; font-family: "SimSun", "Noto Serif CJK SC", serif; }
.weekly-page h1 { text-align: center; font-family: "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 22px; margin: 0 0 12px; }
.weekly-page h2 { font-size: 17px; margin: 20px 0 8px; font-family: "SimHei", "Noto Sans CJK SC", sans-serif; }
.weekly-page h3 { font-size: 14px; margin: 14px 0 6px; }
.weekly-meta { display: flex; justify-content: space-between; font-size: 13px; margin-bottom: 8px; }
.weekly-table { border-collapse: collapse; width: 100%; font-size: 12px; }
.weekly-table th, .weekly-table td { border: 1px solid #000; padding: 3px 5px; vertical-align: top; }
.weekly-table th { background: #efefef; }
.weekly-table td.num { text-align: right; white-space: nowrap; }
.weekly-table td.empty { text-align: center; color: #555; }
.weekly-footer { margin-top: 24px; font-size: 13px; white-space: pre; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body * { visibility: hidden; }
  .weekly-page, .weekly-page * { visibility: visible; }
  .weekly-page { position: absolute; left: 0; top: 0; width: 100%; padding: 0; }
  .weekly-noprint { display: none !important; }
  .weekly-section { break-inside: auto; }
  .weekly-table tr { break-inside: avoid; }
}
`;

/** The printable page of the week starting `from` (print to PDF from the browser or the shell). */
export function WeeklyPrintPage({ from }: { from?: string }) {
  const settings = useSettingsStore((s) => s.settings);
  const act = useToastAction();
  const input = useLiveQuery(() => weeklyInput(), []);
  const week = useMemo(() => weekOf(from ?? todayIso()), [from]);
  const pack = useMemo(
    () => (input ? weeklyPack(input, settings, { week, today: todayIso() }) : undefined),
    [input, settings, week],
  );
  if (!pack) return <Spin />;
  return (
    <div className="weekly-page" data-testid="weekly-print">
      <style>{PRINT_CSS}</style>
      <Space className="weekly-noprint" style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => window.print()}>
          打印 / 另存为 PDF
        </Button>
        <Button onClick={() => act(() => exportWeeklyPack(week), '已导出每周会商表')}>导出工作簿</Button>
        <DatePicker
          picker="week"
          aria-label="会商周"
          allowClear={false}
          value={dayjs(week.from)}
          onChange={(d) => d && navigate('weekly', weekOf(d.format('YYYY-MM-DD')).from)}
        />
        <Button onClick={() => navigate('overview')}>返回总览</Button>
      </Space>
      <h1>{pack.title}</h1>
      <div className="weekly-meta">
        <span>{pack.org}</span>
        <span>{pack.date}</span>
      </div>
      <h2>一、各组团在谈项目</h2>
      {pack.teams.map((t) => (
        <PrintTable key={t.heading} t={t} />
      ))}
      <h2>二、会商要点</h2>
      {pack.sections.map((t) => (
        <PrintTable key={t.heading} t={t} />
      ))}
      <div className="weekly-footer">{pack.footer}</div>
    </div>
  );
}
