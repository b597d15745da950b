/** Template workbooks (模板): the headers an import expects, with one example row. */
import * as XLSX from 'xlsx';
import { KIND_LABELS } from '../domain/fields';
import { importFields, type ImportKind } from './synonyms';

const EXAMPLES: Record<ImportKind, Record<string, string | number>> = {
  deal: {
    name: '大东鞋业女鞋生产基地',
    investor: '成都大东鞋业有限公司',
    origin: '成都',
    industry: '鞋业',
    projectType: '新建',
    team: '第一招商组团',
    eventId: '第十六届西博会',
    signedDate: '2017-10-12',
    agreedInvestment: '3.5亿',
    firstPhaseInvestment: '1.2亿',
    landMu: 120,
    plannedStartDate: '2018-03-01',
    leader: '王县长',
    unit: '县经信局',
    owner: '李明',
    notes: '示例行，导入前请删除',
  },
  contact: {
    name: '李四',
    company: '成都大东鞋业有限公司',
    title: '总经理',
    mobile: '13800001234',
    phone: '028-88886666',
    wechat: 'lisi2017',
    email: 'lisi@example.com',
    origin: '成都',
    eventId: '第十六届西博会',
    tags: '鞋业、重点',
    lastContactDate: '2017-10-12',
    notes: '示例行，导入前请删除',
  },
  company: {
    name: '乐至大东鞋业有限公司',
    originCity: '成都',
    originDistrict: '武侯区',
    legalRep: '张三',
    contactPerson: '李四',
    phone: '13800001234',
    productCategory: '女鞋',
    park: '万贯鞋业产业园',
    building: '3号厂房',
    plannedJobs: 200,
    registeredCapital: '500万',
    dealId: '大东鞋业女鞋生产基地',
    signedDate: '2017-10-12',
    uscc: '91310110666007217T',
    registeredDate: '2017-11-20',
    notes: '示例行，导入前请删除',
  },
  event: {
    name: '第十六届西博会',
    city: '成都',
    level: '省级',
    startDate: '2017-10-12',
    endDate: '2017-10-15',
    organizer: '四川省人民政府',
    notes: '示例行，导入前请删除',
  },
};

export function templateFileName(kind: ImportKind): string {
  return `${KIND_LABELS[kind]}导入模板.xlsx`;
}

/** Headers carry units where it matters, so a filled-in template imports without questions. */
export function templateHeaders(kind: ImportKind): string[] {
  return importFields(kind).map((f) => (f.type === 'amount' ? `${f.label}（万元）` : f.label));
}

export function buildTemplate(kind: ImportKind): Uint8Array<ArrayBuffer> {
  const fields = importFields(kind);
  const example = fields.map((f) => {
    const v = EXAMPLES[kind][f.key];
    // Amounts in the example are in 万元 to match the header.
    if (f.type === 'amount' && typeof v === 'string')
      return v.endsWith('亿') ? Number(v.slice(0, -1)) * 10000 : Number(v.replace('万', ''));
    return v ?? '';
  });
  const ws = XLSX.utils.aoa_to_sheet([templateHeaders(kind), example]);
  ws['!cols'] = fields.map((f) => ({ wch: Math.max(10, f.label.length * 2 + 4) }));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, KIND_LABELS[kind]);
  const out = XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
  return new Uint8Array(out);
}
