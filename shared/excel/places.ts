/**
 * Places and contacts written the way ledgers write them: 成都武侯区 or
 * 重庆市璧山区 in one cell (city and district), 刘3 13859121859 in one cell
 * (name and phone).
 */
import { validateMobile } from '../domain/mobile';
import { toHalfWidth } from '../domain/text';

const PROVINCES =
  '四川|福建|广东|浙江|江苏|山东|河南|河北|湖南|湖北|江西|安徽|陕西|山西|云南|贵州|广西|甘肃|辽宁|吉林|黑龙江|海南|青海|宁夏|新疆|西藏|内蒙古';
const PLACE = new RegExp(
  `^(?:(?:${PROVINCES})(?:省|壮族自治区|回族自治区|维吾尔自治区|自治区)?|[\\u4e00-\\u9fff]{2,3}省)?` +
    `([\\u4e00-\\u9fff]{2,3}?)市?([\\u4e00-\\u9fff]{1,5}(?:区|县|市|镇|新区))$`,
);

/** City and district of 成都武侯区 / 重庆市璧山区 / 四川省成都市武侯区, or null when the cell is one place. */
export function splitPlace(text: string): { city: string; district: string } | null {
  const t = toHalfWidth(text).replace(/\s+/g, '');
  const m = PLACE.exec(t);
  if (!m) return null;
  const city = m[1]!;
  const district = m[2]!;
  if (district.length < 2) return null;
  return { city, district };
}

export interface ContactCell {
  name?: string;
  mobile?: string;
  phone?: string;
}

const MOBILE_IN = /(?:\+?86)?1[3-9]\d{9}/;
const LANDLINE_IN = /(?:\(?0\d{2,3}\)?-?)?[2-9]\d{6,7}/;

/** Name and phone of 「刘3 13859121859」, 「张三/138…」, 「138… 张三」, 「王五 0833-5221234」. */
export function splitContact(text: string): ContactCell | null {
  const t = toHalfWidth(text).trim();
  if (!t) return null;
  // Digits broken up by spaces or dashes (138 5912 1859) are one number.
  const compact = t.replace(/(\d)[\s-]+(?=\d)/g, '$1');
  const out: ContactCell = {};
  let rest = compact;
  const mobile = MOBILE_IN.exec(compact);
  if (mobile) {
    const v = validateMobile(mobile[0]);
    if (v.ok && v.value) out.mobile = v.value;
    rest = rest.replace(mobile[0], ' ');
  } else {
    const landline = LANDLINE_IN.exec(t);
    if (landline) {
      out.phone = landline[0];
      rest = t.replace(landline[0], ' ');
    }
  }
  const name = rest
    .replace(/(电话|手机|联系电话|联系方式|tel|TEL)[:：]?/g, ' ')
    .replace(/[,，;；/、:：()（）\s]+/g, ' ')
    .trim()
    .split(' ')
    .find((w) => /[\u4e00-\u9fffA-Za-z]/.test(w));
  if (name && name.length <= 20) out.name = name;
  return out.name || out.mobile || out.phone ? out : null;
}
