import { describe, expect, it } from 'vitest';
import { matches, normalizeQuery, pinyinKeys, searchHaystack } from '../../shared/search/pinyin';

const find = (fields: string[], q: string) => matches(searchHaystack(fields), normalizeQuery(q));

describe('pinyin search keys', () => {
  it('gives full pinyin and initials, reading polyphones in context', () => {
    expect(pinyinKeys('大东鞋业')).toEqual({ full: 'dadongxieye', initials: 'ddxy' });
    expect(pinyinKeys('重庆')).toEqual({ full: 'chongqing', initials: 'cq' });
    expect(pinyinKeys('成都ABC鞋材 2号')).toEqual({ full: 'chengduabcxiecai2hao', initials: 'cdabcxc2h' });
  });

  it('finds 大东鞋业 by text, initials and full pinyin, and not by unrelated letters', () => {
    const fields = ['大东鞋业女鞋生产基地', '成都大东鞋业有限公司'];
    for (const q of ['大东', 'dd', 'DD', 'dadong', 'dadongxieye', 'cddd', '鞋业', 'ｄｄ', 'da dong']) {
      expect(find(fields, q), q).toBe(true);
    }
    for (const q of ['xx', 'dadongx1', '重庆']) expect(find(fields, q), q).toBe(false);
  });

  it('never matches across two fields', () => {
    expect(find(['大东', '鞋业'], 'dongxie')).toBe(false);
    expect(find(['大东鞋业'], 'dongxie')).toBe(true);
  });

  it('finds mobiles and latin names as typed', () => {
    expect(find(['刘建国', '13800138000'], '1380013')).toBe(true);
    expect(find(['刘建国', '13800138000'], 'ljg')).toBe(true);
    expect(find(['Nike 耐克'], 'nike')).toBe(true);
  });
});
