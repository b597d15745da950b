/**
 * Application settings: the shape, the defaults and the migrations between
 * versions of the stored shape. Shared by the main process (electron-store)
 * and the browser edition (localStorage), so both validate the same way.
 */
import { z } from 'zod';
import { serverOrigin } from './sync/origin';

export const SETTINGS_VERSION = 2;

export const AMOUNT_UNITS = ['wan', 'yi'] as const;
export type AmountUnit = (typeof AMOUNT_UNITS)[number];

export const DEFAULT_TEAMS = [
  '第一招商组团',
  '第二招商组团',
  '第三招商组团',
  '第四招商组团',
  '第五招商组团',
  '第六招商组团',
  '纺织鞋业办公室',
  '汽车及零部件办公室',
];
export const DEFAULT_INDUSTRIES = [
  '鞋业',
  '鞋材配套',
  '商贸物流',
  '汽车及零部件',
  '农产品加工',
  '医疗器械',
  '文旅',
  '其他',
];
export const DEFAULT_PARKS = ['万贯鞋业产业园', '县经济开发区', '其他园区'];
export const DEFAULT_MILESTONES = [
  '签约',
  '注册',
  '立项备案',
  '用地落实',
  '环评',
  '施工许可',
  '开工',
  '竣工投产',
  '入库',
];

const nonEmptyList = z.array(z.string().trim().min(1).max(60)).max(200);

export const lightThresholdsSchema = z.object({
  /** A milestone overdue by more than this many days lights red. */
  redOverdueDays: z.number().int().min(1).max(3650),
  /** Signed more than this many days ago and not started lights red. */
  redSignedNotStartedDays: z.number().int().min(1).max(3650),
  /** No progress in this many days lights red. */
  redNoProgressDays: z.number().int().min(1).max(3650),
  /** No progress in this many days lights yellow. */
  yellowNoProgressDays: z.number().int().min(1).max(3650),
});
export type LightThresholds = z.infer<typeof lightThresholdsSchema>;

export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  userName: z.string().trim().max(40),
  orgName: z.string().trim().max(80),
  teams: nonEmptyList,
  /**
   * Former team names → the name each was renamed to (组团改名). Chains
   * (A → B → C) resolve to the current name, so a renamed team keeps its
   * 同比; written only by the rename, never by hand.
   */
  teamAliases: z.record(z.string().trim().min(1).max(60), z.string().trim().min(1).max(60)),
  industries: nonEmptyList,
  parks: nonEmptyList,
  milestoneTemplate: nonEmptyList,
  currentEventId: z.string().max(64).nullable(),
  amountUnit: z.enum(AMOUNT_UNITS),
  lightThresholds: lightThresholdsSchema,
  /**
   * The team server's origin (SPEC §11), set by signing in; null when none is
   * configured, and then the app makes no request at all. Main allows exactly
   * this origin in the CSP and the request filter.
   */
  serverOrigin: z
    .string()
    .max(200)
    .refine((s) => {
      const r = serverOrigin(s);
      return r.ok && r.value === s;
    }, '服务器地址格式不对')
    .nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;

/** A partial update as sent by the settings page; validated before merging. */
export const settingsPatchSchema = settingsSchema.omit({ version: true }).partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  userName: '',
  orgName: '乐至县投资促进局',
  teams: DEFAULT_TEAMS,
  teamAliases: {},
  industries: DEFAULT_INDUSTRIES,
  parks: DEFAULT_PARKS,
  milestoneTemplate: DEFAULT_MILESTONES,
  currentEventId: null,
  amountUnit: 'wan',
  lightThresholds: {
    redOverdueDays: 30,
    redSignedNotStartedDays: 90,
    redNoProgressDays: 90,
    yellowNoProgressDays: 60,
  },
  serverOrigin: null,
};

type Raw = Record<string, unknown>;

/**
 * Append-only list: migration n turns a version n-1 object into version n.
 * Version 1 (0.1.0 previews) kept the unit as `unit: '万元' | '亿元'` and the
 * teams under `groups`.
 */
const MIGRATIONS: Record<number, (old: Raw) => Raw> = {
  2: (old) => {
    const { unit, groups, ...rest } = old;
    return {
      ...rest,
      amountUnit: unit === '亿元' ? 'yi' : 'wan',
      teams: Array.isArray(groups) ? groups : rest.teams,
      version: 2,
    };
  },
};

/**
 * Brings any stored object up to the current version, fills what is missing
 * from the defaults and drops what does not validate, field by field, so a
 * damaged settings file never blocks the app from starting.
 */
export function migrateSettings(stored: unknown): Settings {
  let raw: Raw = stored && typeof stored === 'object' ? { ...(stored as Raw) } : {};
  let version = typeof raw.version === 'number' ? raw.version : 1;
  if (version > SETTINGS_VERSION) version = SETTINGS_VERSION; // written by a newer build: keep what validates
  for (let v = version + 1; v <= SETTINGS_VERSION; v++) raw = MIGRATIONS[v]!(raw);
  const result: Raw = { ...DEFAULT_SETTINGS };
  const shape = settingsSchema.shape;
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    if (key === 'version') continue;
    const parsed = shape[key].safeParse(raw[key]);
    if (parsed.success) result[key] = parsed.data;
  }
  result.version = SETTINGS_VERSION;
  return settingsSchema.parse(result);
}

/** Validates a patch and merges it; throws with a Chinese message on bad input. */
export function applySettingsPatch(current: Settings, patch: unknown): Settings {
  const parsed = settingsPatchSchema.safeParse(patch);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`设置无效：${first?.path.join('.') || '（整体）'} ${first?.message ?? ''}`.trim());
  }
  return settingsSchema.parse({ ...current, ...parsed.data });
}
