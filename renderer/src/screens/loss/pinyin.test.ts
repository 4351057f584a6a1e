import { describe, expect, it } from 'vitest';
import dictionaryFile from '../../../../resources/pinyin/name-characters.json';
import { candidates, canType, completions, loadDictionary, type PinyinDictionary } from './pinyin';

const dict = loadDictionary(dictionaryFile) as PinyinDictionary;

describe('pinyin name entry', () => {
  it('loads the bundled dictionary', () => {
    expect(dict).not.toBeNull();
    expect(dict.syllables.size).toBeGreaterThan(200);
  });

  it('offers the exact syllable first, the most common name character leading', () => {
    expect(candidates(dict, 'zhang')[0]).toBe('张');
    expect(candidates(dict, 'wang')[0]).toBe('王');
    expect(candidates(dict, 'li')[0]).toBe('李');
  });

  it('finds every demo citizen name, one syllable at a time', () => {
    const names: Record<string, string[]> = {
      张伟: ['zhang', 'wei'],
      李娜: ['li', 'na'],
      王芳: ['wang', 'fang'],
      刘洋: ['liu', 'yang'],
      陈静: ['chen', 'jing'],
      何洋: ['he', 'yang'],
      吴敏: ['wu', 'min'],
      孙磊: ['sun', 'lei'],
    };
    for (const [name, syllables] of Object.entries(names))
      Array.from(name).forEach((ch, i) =>
        expect(candidates(dict, syllables[i] ?? '')).toContain(ch),
      );
  });

  it('after a prefix, offers the longer syllables too, shortest first, without repeats', () => {
    const c = candidates(dict, 'zh');
    expect(c).toContain('张');
    expect(c).toContain('周');
    expect(new Set(c).size).toBe(c.length);
    expect(c.length).toBeLessThanOrEqual(60);
    expect(completions(dict, 'zh')).toContain('zhang');
    expect(completions(dict, 'zhang')).toEqual([]);
    const shang = candidates(dict, 'sh');
    // "shan" (shorter) comes before "shang"
    expect(shang.indexOf('山')).toBeLessThan(shang.indexOf('尚'));
  });

  it('disables letters that continue no syllable', () => {
    expect(canType(dict, '', 'z')).toBe(true);
    expect(canType(dict, 'zh', 'a')).toBe(true);
    expect(canType(dict, 'zh', 'q')).toBe(false);
    expect(canType(dict, '', 'i')).toBe(false);
    expect(candidates(dict, 'qx')).toEqual([]);
    expect(candidates(dict, '')).toEqual([]);
  });

  it('refuses a malformed dictionary file', () => {
    expect(loadDictionary({ syllables: { ZH: 1 } })).toBeNull();
    expect(loadDictionary(null)).toBeNull();
  });
});
