import { Button, Card, Descriptions, Form, Input, Popconfirm, Radio, Space, Tooltip } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { PlainTag } from '../../components/PlainTag';
import { useMemo } from 'react';
import { todayIso } from '../../../../shared/domain/dates';
import {
  computeLight,
  computeLightSince,
  LIGHT_LABELS,
  LIGHTS,
  MAX_OVERRIDE_REASON,
  type LightResult,
} from '../../../../shared/domain/lights';
import type { Deal, Light } from '../../../../shared/domain/records';
import { dealActions, dealSelectors, type DealActivity } from './store';
import { useFollowUps } from '../../ledger/hooks';
import type { DealListRow } from '../../ledger/listRows';
import { laterDay } from '../../../../shared/domain/derived';
import { useDealProblems } from '../targets/store';
import { useSettingsStore } from '../settings/store';
import { FormDialog } from '../../components/FormDialog';
import { useToastAction } from '../../components/useToastAction';
import { Writable } from '../sync/Writable';

export const LIGHT_COLORS: Record<Light, string> = { red: '#d9363e', yellow: '#e6a700', green: '#2f9e44' };

/** The light as a coloured tag, marked when a leader set it by hand. */
const TAG_ROW = { display: 'inline-flex', alignItems: 'center', gap: 4 } as const;
const REASON = {
  minWidth: 0,
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
  color: 'var(--ant-color-text-secondary, rgba(0, 0, 0, 0.45))',
} as const;

export function LightTag({ result }: { result: Pick<LightResult, 'light' | 'override'> }) {
  return (
    // A plain flex box, not antd's Space: this is drawn in every row of a list page.
    <span style={TAG_ROW}>
      <PlainTag color={LIGHT_COLORS[result.light]} flush>
        ● {LIGHT_LABELS[result.light]}
      </PlainTag>
      {result.override && (
        <PlainTag color="purple" flush>
          人工调整
        </PlainTag>
      )}
    </span>
  );
}

/** Light tag and the one-line reason, for lists. */
export function LightCell({ result }: { result: LightResult }) {
  // Clipped by CSS: a measuring ellipsis per row costs a layout pass on every keystroke of a search.
  // A plain span in the secondary text colour (antd's CSS variable), not Typography: one per row.
  const reason = (
    // The whole reason on hover; an override explains itself in the tooltip instead.
    <span title={result.override ? undefined : result.reason} style={REASON}>
      {result.reason}
    </span>
  );
  return (
    <span style={{ display: 'flex', alignItems: 'center', gap: 6, minWidth: 0 }}>
      <span style={{ flexShrink: 0 }}>
        <LightTag result={result} />
      </span>
      {/* A tooltip only where there is one to show: one per row of a page costs a render each. */}
      {result.override ? (
        <Tooltip
          title={`按规则：${LIGHT_LABELS[result.computed]}；${result.reasons.join('；') || '进展正常'}`}
        >
          {reason}
        </Tooltip>
      ) : (
        reason
      )}
    </span>
  );
}

/**
 * Each deal's newest follow-up day, open problems and fund totals, from the
 * derived rows the write path keeps: one read for a whole list, not every
 * follow-up, problem and fund report. Undefined until read (or while not `enabled`).
 */
export function useDealActivity(enabled = true): Map<string, DealActivity> | undefined {
  return useLiveQuery(() => (enabled ? dealSelectors.dealActivity() : undefined), [enabled]);
}

/** `deal → light` for a whole list, from useDealActivity's rows, each deal's light computed once per change. */
export function useDealLights(
  rows: Map<string, DealActivity> | undefined,
): ((deal: DealListRow) => LightResult) | undefined {
  const thresholds = useSettingsStore((s) => s.settings.lightThresholds);
  return useMemo(() => {
    if (!rows) return undefined;
    const today = todayIso();
    const cache = new WeakMap<DealListRow, LightResult>();
    return (deal: DealListRow) => {
      let r = cache.get(deal);
      if (!r) {
        const row = rows.get(deal.id);
        // The row keeps only the milestones still to do: the newest done one counts as activity.
        const activity = laterDay(row?.lastFollowUp, deal.lastMilestoneDone);
        r = computeLightSince(deal, activity, today, thresholds, row?.openProblems);
        cache.set(deal, r);
      }
      return r;
    };
  }, [rows, thresholds]);
}

export function useDealLight(deal: Deal): LightResult | undefined {
  const followUps = useFollowUps('deal', deal.id);
  const problems = useDealProblems(deal.id);
  const thresholds = useSettingsStore((s) => s.settings.lightThresholds);
  return useMemo(
    () =>
      followUps && problems ? computeLight(deal, followUps, todayIso(), thresholds, problems) : undefined,
    [deal, followUps, problems, thresholds],
  );
}

interface OverrideValues {
  light: Light;
  reason: string;
}

/** The deal page's light: colour, every reason, last progress, and the leader's override. */
export function LightPanel({ deal }: { deal: Deal }) {
  const result = useDealLight(deal);
  const act = useToastAction();

  if (!result) return null;
  const o = deal.lightOverride;
  return (
    <Card
      title="三色灯"
      size="small"
      extra={
        !deal.deletedAt && (
          <Space>
            {o && (
              <Popconfirm
                title="取消人工调整，恢复按规则计算的亮灯？"
                okText="恢复"
                cancelText="取消"
                onConfirm={() => act(() => dealActions.clearLightOverride(deal.id), '已恢复自动亮灯')}
              >
                <Button size="small">恢复自动亮灯</Button>
              </Popconfirm>
            )}
            <FormDialog<OverrideValues>
              title="调整亮灯"
              initialValues={{ light: o?.light ?? result.computed, reason: '' }}
              onSubmit={(v) =>
                act(() => dealActions.setLightOverride(deal.id, v.light, v.reason), '已调整亮灯')
              }
              trigger={(show) => (
                <Writable>
                  <Button size="small" onClick={show}>
                    调整亮灯
                  </Button>
                </Writable>
              )}
            >
              <Form.Item name="light" label="亮灯" rules={[{ required: true, message: '请选择亮灯' }]}>
                <Radio.Group options={LIGHTS.map((l) => ({ value: l, label: LIGHT_LABELS[l] }))} />
              </Form.Item>
              <Form.Item
                name="reason"
                label="调整原因"
                rules={[
                  { required: true, whitespace: true, message: '请填写调整原因' },
                  { max: MAX_OVERRIDE_REASON, message: `不能超过${MAX_OVERRIDE_REASON}个字` },
                ]}
              >
                <Input.TextArea rows={3} placeholder="如：已召开专题会协调用地，下周开工" />
              </Form.Item>
            </FormDialog>
          </Space>
        )
      }
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'light', label: '当前亮灯', children: <LightTag result={result} /> },
          ...(o
            ? [
                {
                  key: 'reason',
                  label: '调整原因',
                  children: `${o.reason}（${o.by || '未设置用户名'}，${new Date(o.at).toLocaleString('zh-CN')}）`,
                },
                {
                  key: 'computed',
                  label: '按规则',
                  children: <LightTag result={{ light: result.computed }} />,
                },
              ]
            : []),
          {
            key: 'reasons',
            label: '亮灯原因',
            children: result.reasons.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {result.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            ) : (
              '进展正常'
            ),
          },
          { key: 'last', label: '最近进展', children: result.lastProgress ?? '—' },
        ]}
      />
    </Card>
  );
}
