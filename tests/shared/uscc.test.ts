import { describe, expect, it } from 'vitest';
import { normalizeUscc, USCC_ALPHABET, usccCheckChar, validateUscc } from '../../shared/domain/uscc';

describe('USCC_ALPHABET', () => {
  it('has 31 characters without I, O, S, V, Z', () => {
    expect(USCC_ALPHABET).toBe('0123456789ABCDEFGHJKLMNPQRTUWXY');
    expect(USCC_ALPHABET).toHaveLength(31);
    for (const c of 'IOSVZ') expect(USCC_ALPHABET.includes(c)).toBe(false);
  });
});

describe('normalizeUscc', () => {
  it('upper-cases and strips all whitespace, including the full-width space', () => {
    expect(normalizeUscc(' 9131 0110 6660 0721 7t ')).toBe('91310110666007217T');
    expect(normalizeUscc('913101\u3000106660\t07217T\n')).toBe('91310110666007217T');
  });
  it('turns full-width letters and digits into half-width', () => {
    expect(normalizeUscc('９１３１０１１０６６６００７２１７Ｔ')).toBe('91310110666007217T');
    expect(normalizeUscc('９１３５０１００ｍ０００１００ｙ４３')).toBe('91350100M000100Y43');
  });
});

describe('usccCheckChar', () => {
  it('computes the GB 32100-2015 check character', () => {
    expect(usccCheckChar('91310110666007217')).toBe('T');
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    // Σ ≡ 0 (mod 31) gives check 0, not 31.
    expect(usccCheckChar('00000000000000000')).toBe('0');
  });
  it('is null for the wrong length or a character outside the alphabet', () => {
    expect(usccCheckChar('9131011066600721')).toBeNull();
    expect(usccCheckChar('913101106660072170')).toBeNull();
    expect(usccCheckChar('91310110666007I17')).toBeNull();
    expect(usccCheckChar('91310110666007z17')).toBeNull();
  });
});

describe('validateUscc', () => {
  it('accepts a valid code', () => {
    expect(validateUscc('91310110666007217T')).toEqual({ ok: true, value: '91310110666007217T' });
    expect(validateUscc('91350100M000100Y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
  });

  it('normalises lower case, spaces and full-width input before checking', () => {
    expect(validateUscc('91310110666007217t')).toEqual({ ok: true, value: '91310110666007217T' });
    expect(validateUscc(' 9131 0110 6660 0721 7T ')).toEqual({ ok: true, value: '91310110666007217T' });
    expect(validateUscc('９１３１０１１０６６６００７２１７ｔ')).toEqual({
      ok: true,
      value: '91310110666007217T',
    });
  });

  it('says what the check character should be', () => {
    expect(validateUscc('91350100M000100Y4Z')).toEqual({
      ok: false,
      error: '统一社会信用代码校验位错误：第18位应为3',
    });
    expect(validateUscc('91310110666007217U')).toEqual({
      ok: false,
      error: '统一社会信用代码校验位错误：第18位应为T',
    });
  });

  it('reports the length', () => {
    expect(validateUscc('9131011066600721')).toEqual({
      ok: false,
      error: '统一社会信用代码应为18位（现为16位）',
    });
    expect(validateUscc('91310110666007217T0')).toEqual({
      ok: false,
      error: '统一社会信用代码应为18位（现为19位）',
    });
    expect(validateUscc('')).toEqual({ ok: false, error: '统一社会信用代码应为18位（现为0位）' });
    expect(validateUscc('福建晋江鞋业有限公司')).toEqual({
      ok: false,
      error: '统一社会信用代码应为18位（现为10位）',
    });
  });

  it('reports the first invalid character', () => {
    expect(validateUscc('91350100MI00100Y43')).toEqual({ ok: false, error: '统一社会信用代码含无效字符：I' });
    expect(validateUscc('9135010OM000100Y43')).toEqual({ ok: false, error: '统一社会信用代码含无效字符：O' });
    expect(validateUscc('91350100M000-00Y43')).toEqual({ ok: false, error: '统一社会信用代码含无效字符：-' });
  });
});
