import { describe, expect, it } from 'vitest';
import { guideStringsEn, guideStringsZh } from '../i18n/guide-strings';
import { bundledArticles, demoOutletList } from './bundled';
import { articleSource, OUTLETS_ID, outletsSource } from './guide-data';
import {
  buildIndex,
  normalise,
  queryTerms,
  searchGuide,
  stem,
  type SearchSource,
} from './guide-search';

const index = buildIndex([
  ...bundledArticles.articles.map(articleSource),
  outletsSource(
    demoOutletList,
    { 'zh-CN': guideStringsZh.guide.outlets, en: guideStringsEn.guide.outlets },
    100,
  ),
]);
const ids = (query: string) => searchGuide(index, query).hits.map((h) => h.id);
const first = (query: string) => ids(query)[0];

describe('normalise', () => {
  it('folds full-width letters, digits and spaces to half-width and lower case', () => {
    expect(normalise('ＬＯＳＴ　Ｃａｒｄ １２３３３')).toBe('lost card 12333');
  });

  it('turns Chinese and English punctuation into spaces', () => {
    expect(normalise('补卡，材料？（照片）')).toBe('补卡 材料 照片');
    expect(normalise('pre-report: card!')).toBe('pre report card');
  });
});

describe('query terms', () => {
  it('cuts Chinese questions at filler words and keeps the topic', () => {
    expect(queryTerms('请问怎么补卡')).toEqual([{ kind: 'han', text: '补卡' }]);
    expect(queryTerms('社保卡的功能')).toEqual([
      { kind: 'han', text: '社保卡' },
      { kind: 'han', text: '功能' },
    ]);
  });

  it('drops English filler and stems the rest', () => {
    expect(queryTerms('How do I replace my cards?')).toEqual([
      { kind: 'word', text: 'replace' },
      { kind: 'word', text: 'card' },
    ]);
  });

  it('keeps filler when the query is nothing else', () => {
    expect(queryTerms('where')).toEqual([{ kind: 'word', text: 'where' }]);
  });

  it('splits mixed Chinese, numbers and English', () => {
    expect(queryTerms('12333电话 hotline')).toEqual([
      { kind: 'han', text: '电话' },
      { kind: 'word', text: '12333' },
      { kind: 'word', text: 'hotline' },
    ]);
  });

  it('stems plurals and endings but not numbers', () => {
    expect(
      ['cards', 'copies', 'replaced', 'replacing', 'boxes', 'address', '12333'].map(stem),
    ).toEqual(['card', 'copy', 'replac', 'replac', 'box', 'address', '12333']);
  });
});

describe('searching the bundled guide', () => {
  it('an empty query lists every entry in guide order', () => {
    const result = searchGuide(index, '   ');
    expect(result.exact).toBe(true);
    expect(result.hits.map((h) => h.id)).toEqual([
      ...bundledArticles.articles.map((a) => a.id),
      OUTLETS_ID,
    ]);
  });

  it('finds articles by Chinese words, in any order of the words', () => {
    expect(first('补卡')).toBe('where-to-reissue');
    expect(first('需要带什么材料')).toBe('materials');
    expect(first('社保卡丢了怎么办')).toBe('lost-card');
    expect(first('医保卡')).toBe('medical-card-vs-ssc');
    expect(first('激活')).toBe('activation');
    expect(first('社会保险法')).toBe('legal-basis');
    expect(ids('补办社保卡')).toContain('where-to-reissue');
  });

  it('finds articles by English words, plurals and partial words', () => {
    expect(first('lost card')).toBe('lost-card');
    expect(first('What documents do I need?')).toBe('materials');
    expect(first('activate')).toBe('activation');
    expect(first('replac')).toBe('where-to-reissue');
    expect(first('how long does it take')).toBe('replacement-process');
    expect(first('six functions')).toBe('card-functions');
    expect(first('social insurance law')).toBe('legal-basis');
  });

  it('ignores case and full-width characters', () => {
    expect(ids('ＬＯＳＴ ＣＡＲＤ')).toEqual(ids('lost card'));
    expect(first('１２３３３')).toBe('hotline');
  });

  it('searches both languages whatever the query language', () => {
    // A Chinese word that appears only in the Chinese text finds the same article as its English.
    expect(first('密码函')).toBe('activation');
    expect(first('PIN')).toBe('activation');
  });

  it('finds the outlets page by its words and by an outlet in the configuration', () => {
    expect(ids('网点')).toContain(OUTLETS_ID);
    expect(first('opening hours')).toBe(OUTLETS_ID);
    expect(first('人民路')).toBe(OUTLETS_ID);
    expect(first('Donghu')).toBe(OUTLETS_ID);
  });

  it('offers related entries when no entry holds every word', () => {
    const result = searchGuide(index, 'lost zebra');
    expect(result.exact).toBe(false);
    expect(result.hits[0]?.id).toBe('lost-card');
  });

  it('finds nothing for words the guide does not have', () => {
    expect(searchGuide(index, '火星旅游').hits).toEqual([]);
    expect(searchGuide(index, 'xylophone').hits).toEqual([]);
  });
});

describe('search rules on a small index', () => {
  const source = (id: string, order: number, title: string, body = ''): SearchSource => ({
    id,
    order,
    fields: { title: [title], keywords: [], summary: [], body: [body] },
  });
  const small = buildIndex([
    source('a', 1, '社保卡补办流程', 'bring your identity card'),
    source('b', 2, '社保卡启用', 'replacement is not done here'),
    source('c', 3, '社保卡密码', 'card'),
  ]);

  it('a title match ranks above a body match, whatever the guide order', () => {
    const ranked = buildIndex([
      source('in-body', 1, 'help', 'your card'),
      source('in-title', 2, 'card help'),
    ]);
    expect(searchGuide(ranked, 'card').hits.map((h) => h.id)).toEqual(['in-title', 'in-body']);
  });

  it('Chinese words out of order match through their character pairs, common pairs aside', () => {
    // "补办社保卡" is not a substring of "社保卡补办流程", but "补办" is, and 社保/保卡 are in every entry.
    expect(searchGuide(small, '补办社保卡').hits.map((h) => h.id)).toEqual(['a']);
  });

  it('a query word matches the start of a longer word, and a longer word its stem', () => {
    expect(searchGuide(small, 'ident').hits.map((h) => h.id)).toEqual(['a']);
    expect(searchGuide(small, 'replacements').hits.map((h) => h.id)).toEqual(['b']);
  });
});
