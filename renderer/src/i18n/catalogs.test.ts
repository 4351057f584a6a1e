import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

function keys(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function values(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (typeof node !== 'object' || node === null) return [];
  return Object.values(node).flatMap(values);
}

describe('translation catalogs', () => {
  it('have the same keys in Chinese and English', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('have no empty text, and English has no Chinese left untranslated', () => {
    for (const v of [...values(zhCN), ...values(en)]) expect(v.trim()).not.toBe('');
    // The only Chinese allowed in English is the button that switches back to Chinese.
    const untranslated = values(en).filter((v) => /[\u4e00-\u9fff]/.test(v));
    expect(untranslated).toEqual(['中文']);
  });
});
