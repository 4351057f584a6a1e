import { describe, expect, it } from 'vitest';
import { GuideConfigSchema } from '../../../electron/domain/guide';
import demoOutlets from '../../../resources/guide/demo-outlets.json';
import { bundledArticles, demoOutletList } from './bundled';
import { loadArticles, parseOutlets } from './guide-data';

describe('bundled guide articles', () => {
  it('every file in resources/guide/articles is a valid article', () => {
    expect(bundledArticles.rejected).toEqual([]);
  });

  it('cover every topic of the service guide (PRODUCT.md item 10)', () => {
    expect(bundledArticles.articles.map((a) => a.id)).toEqual([
      'lost-card',
      'where-to-reissue',
      'materials',
      'replacement-process',
      'medical-card-vs-ssc',
      'card-functions',
      'activation',
      'legal-basis',
      'hotline',
    ]);
  });

  it('cite the articles of the law the product asks for', () => {
    const legal = bundledArticles.articles.find((a) => a.id === 'legal-basis');
    const cited = legal?.body.flatMap((b) => (b.type === 'law' ? [b.article.en] : []));
    expect(cited).toEqual([
      'Article 2',
      'Article 4',
      'Article 29',
      'Article 31',
      'Article 58',
      'Articles 3, 18 and 19',
    ]);
  });

  it('have English text with no Chinese left in it', () => {
    const english = JSON.stringify(
      bundledArticles.articles.map((a) => [a.title.en, a.summary.en, a.keywords.en, a.body]),
      (key, value: unknown) => (key === 'zh-CN' ? undefined : value),
    );
    expect(english).not.toMatch(/\p{Script=Han}/u);
  });
});

describe('loading articles', () => {
  const good = bundledArticles.articles[0];

  it('rejects a file that breaks the schema and names the field', () => {
    const result = loadArticles({
      '/x/bad.json': { ...good, id: 'bad', title: { 'zh-CN': '标题' } },
    });
    expect(result.articles).toEqual([]);
    expect(result.rejected[0]?.reason).toMatch(/^title\.en/);
  });

  it('rejects an article whose id is not its file name', () => {
    const result = loadArticles({ '/x/other-name.json': good });
    expect(result.rejected[0]?.reason).toContain('differs from the file name');
  });
});

describe('outlets', () => {
  it('the demo outlet list is a valid guide configuration section', () => {
    const config = GuideConfigSchema.safeParse({ outlets: demoOutlets });
    expect(config.success).toBe(true);
    expect(config.data?.hotline).toBe('12333');
    expect(demoOutletList).toHaveLength(3);
  });

  it('a bad outlet list is refused as a whole, not half shown', () => {
    expect(parseOutlets([{ id: 'x' }])).toEqual([]);
    expect(
      GuideConfigSchema.safeParse({ outlets: [{ ...demoOutlets[0], phone: 'call me' }] }).success,
    ).toBe(false);
  });
});
