import { describe, expect, it } from 'vitest';
import {
  COMPANY_STATUSES,
  DEAL_STAGES,
  type CompanyStatus,
  type StageChange,
} from '../../shared/domain/records';
import {
  changeCompanyStatus,
  changeDealStage,
  COMPANY_MAIN_PATH,
  COMPANY_STATUS_LABELS,
  companyStatusTargets,
  DEAL_MAIN_PATH,
  DEAL_STAGE_LABELS,
  dealStageDate,
  dealStageTargets,
} from '../../shared/domain/stages';

/** A recording time on the local calendar day `iso` (as the app would produce with toISOString). */
function localAt(iso: string, hour = 10): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, hour, 0, 0).toISOString();
}

const AT = localAt('2024-05-20');

const history: StageChange[] = [
  { stage: 'negotiating', date: '2017-09-01', by: '王科长', at: '2017-09-01T02:00:00.000Z' },
  { stage: 'signed', date: '2017-10-12', by: '王科长', at: '2017-10-12T08:00:00.000Z' },
];

describe('labels and paths', () => {
  it('labels every deal stage', () => {
    expect(DEAL_STAGE_LABELS).toEqual({
      negotiating: '在谈',
      signed: '已签约',
      registered: '已注册',
      started: '已开工',
      producing: '已投产',
      on_hold: '暂缓',
      cancelled: '已终止',
    });
    expect(Object.keys(DEAL_STAGE_LABELS).sort()).toEqual([...DEAL_STAGES].sort());
  });
  it('labels every company status', () => {
    expect(COMPANY_STATUS_LABELS).toEqual({
      signed: '已签约',
      name_approved: '名称核准',
      registered: '已注册',
      moved_in: '已入驻',
      producing: '已投产',
      withdrawn: '已退出',
    });
    expect(Object.keys(COMPANY_STATUS_LABELS).sort()).toEqual([...COMPANY_STATUSES].sort());
  });
  it('orders the main paths', () => {
    expect(DEAL_MAIN_PATH).toEqual(['negotiating', 'signed', 'registered', 'started', 'producing']);
    expect(COMPANY_MAIN_PATH).toEqual(['signed', 'name_approved', 'registered', 'moved_in', 'producing']);
  });
});

describe('dealStageTargets', () => {
  it('goes forward along the main path, skipping allowed, or to the side states', () => {
    expect(dealStageTargets('negotiating')).toEqual([
      'signed',
      'registered',
      'started',
      'producing',
      'on_hold',
      'cancelled',
    ]);
    expect(dealStageTargets('signed')).toEqual([
      'registered',
      'started',
      'producing',
      'on_hold',
      'cancelled',
    ]);
    expect(dealStageTargets('started')).toEqual(['producing', 'on_hold', 'cancelled']);
    expect(dealStageTargets('producing')).toEqual(['on_hold', 'cancelled']);
  });
  it('lets a deal on hold resume at any main-path stage or be cancelled', () => {
    expect(dealStageTargets('on_hold')).toEqual([
      'negotiating',
      'signed',
      'registered',
      'started',
      'producing',
      'cancelled',
    ]);
  });
  it('treats cancelled as terminal', () => {
    expect(dealStageTargets('cancelled')).toEqual([]);
  });
  it('never offers the same stage', () => {
    for (const s of DEAL_STAGES) expect(dealStageTargets(s)).not.toContain(s);
  });
});

describe('changeDealStage', () => {
  it('appends a dated entry without changing the input', () => {
    const before = structuredClone(history);
    const r = changeDealStage(history, 'signed', 'started', '2018-03-01', '李主任', AT);
    expect(r).toEqual({
      ok: true,
      value: [...history, { stage: 'started', date: '2018-03-01', by: '李主任', at: AT }],
    });
    expect(history).toEqual(before);
  });

  it('accepts the same day as the last change and today', () => {
    expect(changeDealStage(history, 'signed', 'registered', '2017-10-12', '李主任', AT).ok).toBe(true);
    expect(changeDealStage(history, 'signed', 'registered', '2024-05-20', '李主任', AT).ok).toBe(true);
  });

  it('starts an empty history', () => {
    expect(changeDealStage([], 'negotiating', 'signed', '2024-01-15', '王科长', AT)).toEqual({
      ok: true,
      value: [{ stage: 'signed', date: '2024-01-15', by: '王科长', at: AT }],
    });
  });

  it('refuses a move that is not allowed', () => {
    expect(changeDealStage(history, 'started', 'negotiating', '2024-05-01', '李主任', AT)).toEqual({
      ok: false,
      error: '不能从「已开工」改为「在谈」',
    });
    expect(changeDealStage(history, 'cancelled', 'on_hold', '2024-05-01', '李主任', AT)).toEqual({
      ok: false,
      error: '不能从「已终止」改为「暂缓」',
    });
    expect(changeDealStage(history, 'signed', 'signed', '2024-05-01', '李主任', AT)).toEqual({
      ok: false,
      error: '阶段已是「已签约」',
    });
  });

  it('refuses a date before the last change', () => {
    expect(changeDealStage(history, 'signed', 'registered', '2017-10-11', '李主任', AT)).toEqual({
      ok: false,
      error: '日期不能早于上一次变更（2017-10-12）',
    });
  });

  it('compares against the latest date even if the history is out of order', () => {
    const unordered: StageChange[] = [history[1]!, history[0]!];
    expect(changeDealStage(unordered, 'signed', 'registered', '2017-10-01', '李主任', AT)).toEqual({
      ok: false,
      error: '日期不能早于上一次变更（2017-10-12）',
    });
  });

  it('refuses a date after the local day of `at`', () => {
    expect(changeDealStage(history, 'signed', 'registered', '2024-05-21', '李主任', AT)).toEqual({
      ok: false,
      error: '日期不能晚于今天',
    });
    // Early morning local time, when the UTC date may still be the previous day.
    const early = localAt('2024-05-21', 0);
    expect(changeDealStage(history, 'signed', 'registered', '2024-05-21', '李主任', early).ok).toBe(true);
    // A bare date as `at` is that day.
    expect(changeDealStage(history, 'signed', 'registered', '2024-05-21', '李主任', '2024-05-21').ok).toBe(
      true,
    );
    expect(changeDealStage(history, 'signed', 'registered', '2024-05-22', '李主任', '2024-05-21')).toEqual({
      ok: false,
      error: '日期不能晚于今天',
    });
  });

  it('refuses a date that is not a valid ISO date', () => {
    expect(changeDealStage(history, 'signed', 'registered', '2018/3/1', '李主任', AT)).toEqual({
      ok: false,
      error: '无法识别的日期：2018/3/1',
    });
    expect(changeDealStage(history, 'signed', 'registered', '2018-02-30', '李主任', AT)).toEqual({
      ok: false,
      error: '无法识别的日期：2018-02-30',
    });
  });

  it('lets a deal on hold resume', () => {
    const held: StageChange[] = [...history, { stage: 'on_hold', date: '2018-01-10', by: '王科长', at: AT }];
    const r = changeDealStage(held, 'on_hold', 'signed', '2019-06-01', '王科长', AT);
    expect(r.ok && r.value.map((c) => c.stage)).toEqual(['negotiating', 'signed', 'on_hold', 'signed']);
  });
});

describe('companyStatusTargets', () => {
  it('goes forward along the path, skipping allowed, or withdraws', () => {
    expect(companyStatusTargets('signed')).toEqual([
      'name_approved',
      'registered',
      'moved_in',
      'producing',
      'withdrawn',
    ]);
    expect(companyStatusTargets('registered')).toEqual(['moved_in', 'producing', 'withdrawn']);
    expect(companyStatusTargets('producing')).toEqual(['withdrawn']);
  });
  it('treats withdrawn as terminal', () => {
    expect(companyStatusTargets('withdrawn')).toEqual([]);
  });
  it('never offers the same status', () => {
    for (const s of COMPANY_STATUSES) expect(companyStatusTargets(s)).not.toContain(s);
  });
});

describe('changeCompanyStatus', () => {
  const statusHistory: StageChange<CompanyStatus>[] = [
    { stage: 'signed', date: '2023-03-15', by: '陈专员', at: '2023-03-15T03:00:00.000Z' },
    { stage: 'name_approved', date: '2023-04-02', by: '陈专员', at: '2023-04-02T03:00:00.000Z' },
  ];
  const base = { status: 'name_approved' as CompanyStatus, statusHistory };
  const licensed = { ...base, uscc: '91310110666007217T', registeredDate: '2023-04-20' };

  it('moves to registered with a valid USCC and a registration date', () => {
    expect(changeCompanyStatus(licensed, 'registered', '2023-04-20', '陈专员', AT)).toEqual({
      ok: true,
      value: [...statusHistory, { stage: 'registered', date: '2023-04-20', by: '陈专员', at: AT }],
    });
  });

  it('accepts a USCC stored with lower case or spaces', () => {
    const c = { ...licensed, uscc: '9131 0110 6660 0721 7t' };
    expect(changeCompanyStatus(c, 'moved_in', '2023-06-01', '陈专员', AT).ok).toBe(true);
  });

  it.each(['registered', 'moved_in', 'producing'] as const)('requires a licence for %s', (to) => {
    const error = '登记为已注册需要有效的统一社会信用代码和注册日期';
    expect(changeCompanyStatus(base, to, '2023-06-01', '陈专员', AT)).toEqual({ ok: false, error });
    expect(changeCompanyStatus({ ...licensed, uscc: undefined }, to, '2023-06-01', '陈专员', AT)).toEqual({
      ok: false,
      error,
    });
    expect(
      changeCompanyStatus({ ...licensed, uscc: '91350100M000100Y4Z' }, to, '2023-06-01', '陈专员', AT),
    ).toEqual({ ok: false, error });
    expect(
      changeCompanyStatus({ ...licensed, registeredDate: undefined }, to, '2023-06-01', '陈专员', AT),
    ).toEqual({ ok: false, error });
    expect(
      changeCompanyStatus({ ...licensed, registeredDate: '2023/4/20' }, to, '2023-06-01', '陈专员', AT),
    ).toEqual({ ok: false, error });
  });

  it('needs no licence before registration or to withdraw', () => {
    const early = { status: 'signed' as CompanyStatus, statusHistory: statusHistory.slice(0, 1) };
    expect(changeCompanyStatus(early, 'name_approved', '2023-04-02', '陈专员', AT).ok).toBe(true);
    expect(changeCompanyStatus(base, 'withdrawn', '2023-08-01', '陈专员', AT)).toEqual({
      ok: true,
      value: [...statusHistory, { stage: 'withdrawn', date: '2023-08-01', by: '陈专员', at: AT }],
    });
  });

  it('refuses moves that are not allowed', () => {
    expect(
      changeCompanyStatus({ ...licensed, status: 'producing' }, 'moved_in', '2023-06-01', '陈专员', AT),
    ).toEqual({
      ok: false,
      error: '不能从「已投产」改为「已入驻」',
    });
    expect(
      changeCompanyStatus({ ...licensed, status: 'withdrawn' }, 'signed', '2023-06-01', '陈专员', AT),
    ).toEqual({
      ok: false,
      error: '不能从「已退出」改为「已签约」',
    });
    expect(changeCompanyStatus(base, 'name_approved', '2023-06-01', '陈专员', AT)).toEqual({
      ok: false,
      error: '状态已是「名称核准」',
    });
  });

  it('applies the same date rules as deals', () => {
    expect(changeCompanyStatus(licensed, 'registered', '2023-04-01', '陈专员', AT)).toEqual({
      ok: false,
      error: '日期不能早于上一次变更（2023-04-02）',
    });
    expect(changeCompanyStatus(licensed, 'registered', '2024-05-21', '陈专员', AT)).toEqual({
      ok: false,
      error: '日期不能晚于今天',
    });
    expect(changeCompanyStatus(licensed, 'registered', '', '陈专员', AT)).toEqual({
      ok: false,
      error: '无法识别的日期：',
    });
  });
});

describe('dealStageDate', () => {
  const full: StageChange[] = [
    ...history,
    { stage: 'on_hold', date: '2018-01-10', by: '王科长', at: AT },
    { stage: 'signed', date: '2019-06-01', by: '王科长', at: AT },
    { stage: 'started', date: '2019-09-09', by: '王科长', at: AT },
  ];
  it('gives the date a stage was first reached', () => {
    expect(dealStageDate(full, 'signed')).toBe('2017-10-12');
    expect(dealStageDate(full, 'started')).toBe('2019-09-09');
    expect(dealStageDate(full, 'negotiating')).toBe('2017-09-01');
  });
  it('is undefined for a stage never reached (even if skipped past)', () => {
    expect(dealStageDate(full, 'registered')).toBeUndefined();
    expect(dealStageDate([], 'signed')).toBeUndefined();
  });
  it('works on company histories too', () => {
    const h: StageChange<CompanyStatus>[] = [
      { stage: 'signed', date: '2023-03-15', by: '陈专员', at: AT },
      { stage: 'registered', date: '2023-04-20', by: '陈专员', at: AT },
    ];
    expect(dealStageDate(h, 'registered')).toBe('2023-04-20');
    expect(dealStageDate(h, 'moved_in')).toBeUndefined();
  });
});
