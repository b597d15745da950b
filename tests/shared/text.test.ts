import { describe, expect, it } from 'vitest';
import { cleanText, isFormulaLike, toHalfWidth } from '../../shared/domain/text';

describe('toHalfWidth', () => {
  it('converts full-width digits, letters, punctuation and the ideographic space', () => {
    expect(toHalfWidth('ＡＢＣ１２３，．　ｘ')).toBe('ABC123,. x');
  });
  it('leaves Chinese text alone', () => {
    expect(toHalfWidth('晋江鞋业（集团）有限公司')).toBe('晋江鞋业(集团)有限公司');
    expect(toHalfWidth('成都市双流区')).toBe('成都市双流区');
  });
});

describe('cleanText', () => {
  it('trims and collapses whitespace runs, including full-width and non-breaking spaces', () => {
    expect(cleanText('  成都   鞋业\u3000\u3000有限公司 ')).toBe('成都 鞋业 有限公司');
    expect(cleanText('张\u00A0 三')).toBe('张 三');
  });
  it('joins lines into one unless multiline', () => {
    expect(cleanText('第一次走访\r\n  对接用地\n')).toBe('第一次走访 对接用地');
  });
  it('keeps line breaks with {multiline}, tidying each line and blank-line runs', () => {
    expect(cleanText('  第一次走访  \r\n\r\n\r\n\r\n  对接　用地  \n', 500, { multiline: true })).toBe(
      '第一次走访\n\n对接 用地',
    );
    expect(cleanText('a\rb', 500, { multiline: true })).toBe('a\nb');
  });
  it('returns undefined for empty, whitespace-only and non-text input', () => {
    expect(cleanText('')).toBeUndefined();
    expect(cleanText(' \u3000\t\n ')).toBeUndefined();
    expect(cleanText('\u3000', 500, { multiline: true })).toBeUndefined();
    expect(cleanText(null)).toBeUndefined();
    expect(cleanText(undefined)).toBeUndefined();
    expect(cleanText({ name: '张三' })).toBeUndefined();
    expect(cleanText(Number.NaN)).toBeUndefined();
  });
  it('turns numbers and booleans into text', () => {
    expect(cleanText(13800138000)).toBe('13800138000');
    expect(cleanText(85.4)).toBe('85.4');
    expect(cleanText(true)).toBe('true');
  });
  it('drops zero-width characters and control characters', () => {
    expect(cleanText('\uFEFF泉州\u200B市\u0007')).toBe('泉州市');
  });
  it('cuts to maxLength characters without splitting a character', () => {
    expect(cleanText('招商引资台账', 4)).toBe('招商引资');
    expect(cleanText('招商引资', 4)).toBe('招商引资');
    expect(cleanText('𠀀𠀁𠀂', 2)).toBe('𠀀𠀁');
    expect(cleanText('ab cd', 3)).toBe('ab');
    expect(cleanText('x'.repeat(600))).toHaveLength(500);
  });
});

describe('isFormulaLike', () => {
  it.each(['=SUM(A1:A3)', '+86 138', '-5', '@cmd', '\tx', '\rx', '＝1+1', '＋1', '－1', '＠a'])(
    'flags %j',
    (s) => {
      expect(isFormulaLike(s)).toBe(true);
    },
  );
  it.each(['成都鞋业', '13800138000', ' =1', '', '85.4亿', 'a=b'])('passes %j', (s) => {
    expect(isFormulaLike(s)).toBe(false);
  });
});
