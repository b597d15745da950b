import { describe, expect, it } from 'vitest';
import { normalizeMobile, validateMobile } from '../../shared/domain/mobile';

describe('normalizeMobile', () => {
  it('removes spaces (also full-width), dashes and converts full-width digits', () => {
    expect(normalizeMobile('138 0013 8000')).toBe('13800138000');
    expect(normalizeMobile('138-0013-8000')).toBe('13800138000');
    expect(normalizeMobile('138\u30000013\u30008000')).toBe('13800138000');
    expect(normalizeMobile('１３８－００１３－８０００')).toBe('13800138000');
    expect(normalizeMobile('+86 138—0013—8000')).toBe('+8613800138000');
  });
});

describe('validateMobile', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['+8619912345678', '19912345678'],
    ['１５９５９５９５９５９', '15959595959'],
  ])('%j → %s', (input, expected) => {
    expect(validateMobile(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    '12800138000', // second digit 2
    '1380013800', // 10 digits
    '138001380001', // 12 digits
    '0595-88888888', // landline
    '+85213800138000',
    '138OO138000',
    '',
  ])('rejects %j', (input) => {
    expect(validateMobile(input)).toEqual({ ok: false, error: `手机号格式不正确：${input}` });
  });

  it('shows the input trimmed in the message', () => {
    expect(validateMobile('  电话待补 ')).toEqual({ ok: false, error: '手机号格式不正确：电话待补' });
  });
});
