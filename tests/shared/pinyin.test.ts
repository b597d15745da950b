import fc from 'fast-check';
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { matches, normalizeQuery, pinyinKeys, searchHaystack } from '../../shared/search/pinyin';

const find = (fields: string[], q: string) => matches(searchHaystack(fields), normalizeQuery(q));

describe('pinyin search keys', () => {
  it('gives full pinyin and initials, reading polyphones in context', () => {
    expect(pinyinKeys('大东鞋业')).toEqual({ full: 'dadongxieye', initials: 'ddxy' });
    expect(pinyinKeys('重庆')).toEqual({ full: 'chongqing', initials: 'cq' });
    expect(pinyinKeys('成都ABC鞋材 2号')).toEqual({ full: 'chengduabcxiecai2hao', initials: 'cdabcxc2h' });
  });

  it('reads a polyphone by its neighbours wherever it stands, and the same on every call', () => {
    for (let round = 0; round < 2; round++) {
      expect(pinyinKeys('重庆长安汽车配件厂').full).toBe('chongqingchanganqichepeijianchang');
      expect(pinyinKeys('重要').full).toBe('zhongyao');
      expect(pinyinKeys('成都银行').full).toBe('chengduyinhang');
      expect(pinyinKeys('行业').full).toBe('hangye');
      expect(pinyinKeys('步行街').full).toBe('buxingjie');
      expect(pinyinKeys('乐至县音乐节').full).toBe('lezhixianyinyuejie');
    }
  });

  it('agrees with pinyin-pro reading each Han run whole, for any mix of characters', () => {
    // Single-reading characters, polyphones, words that fix a polyphone's reading, and text that is not Han.
    const pieces = [
      ...'大东鞋业成都王刘建国女绿一不儿',
      '重',
      '庆',
      '长',
      '安',
      '行',
      '乐',
      '都',
      '单',
      '曾',
      '重庆',
      '银行',
      '音乐',
      '长大',
      '单于',
      'ABC',
      '2号',
      ' ',
      'ｄ',
      '·',
      '（',
    ];
    const reference = (text: string) => {
      let full = '';
      let initials = '';
      for (const run of text.match(/[\u3400-\u9fff]+|[^\u3400-\u9fff]+/g) ?? []) {
        const syllables = /[\u3400-\u9fff]/.test(run)
          ? pinyin(run, { toneType: 'none', type: 'array', v: true })
          : [normalizeQuery(run)];
        for (const s of syllables) {
          full += s;
          initials += /[\u3400-\u9fff]/.test(run) ? (s[0] ?? '') : s;
        }
      }
      return { full, initials };
    };
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        expect(pinyinKeys(text)).toEqual(reference(text));
      }),
      { numRuns: 300 },
    );
  });

  it('normalises queries: full width folded, spaces gone, lower case', () => {
    expect(normalizeQuery('ＤＤ 大东')).toBe('dd大东');
    expect(normalizeQuery('Nike\u3000耐克')).toBe('nike耐克');
    expect(normalizeQuery('13800138000')).toBe('13800138000');
    expect(normalizeQuery('大东鞋业')).toBe('大东鞋业');
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
