/** What the import pages say, in one place. */
import type { ImportKind } from '../../../../shared/excel/synonyms';
import type { Step } from './store';

export const STEP_TITLES: { key: Step; title: string }[] = [
  { key: 'file', title: '选择文件' },
  { key: 'sheet', title: '工作表' },
  { key: 'mapping', title: '列对应' },
  { key: 'values', title: '关联与列表值' },
  { key: 'preview', title: '预览' },
  { key: 'done', title: '完成' },
];

export const KIND_OPTIONS: { value: ImportKind; label: string }[] = [
  { value: 'deal', label: '签约项目' },
  { value: 'contact', label: '客商' },
  { value: 'company', label: '企业注册' },
  { value: 'event', label: '活动' },
];

export const UNIT_OPTIONS = [
  { value: 'yuan', label: '元' },
  { value: 'wan', label: '万元' },
  { value: 'yi', label: '亿元' },
];

export const UNIT_SOURCE_TEXT = {
  header: '表头注明',
  sheet: '表格单位行',
  default: '未注明，默认万元',
  user: '已手动选择',
} as const;

export const SKIP = '跳过';
