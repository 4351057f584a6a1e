/**
 * The guide's content: articles from resources/guide/articles/*.json (bundled at build time
 * and validated here, the boundary where the files enter the app) and the outlets page built
 * from configuration.
 */
import { z } from 'zod';
import {
  GuideArticle,
  Outlet,
  type GuideBlock,
  type LocalizedText,
} from '../../../electron/domain/guide';
import type { Language } from '../../../electron/contract';
import type { SearchSource } from './guide-search';

export interface LoadedArticles {
  readonly articles: readonly GuideArticle[];
  /** Files that failed validation, with the reason; shown to nobody but tests and the log. */
  readonly rejected: readonly { readonly file: string; readonly reason: string }[];
}

/** Validates raw files (path → parsed JSON); an article's id must be its file name. */
export function loadArticles(files: Readonly<Record<string, unknown>>): LoadedArticles {
  const articles: GuideArticle[] = [];
  const rejected: { file: string; reason: string }[] = [];
  for (const [file, raw] of Object.entries(files)) {
    const parsed = GuideArticle.safeParse(raw);
    const name = file.replace(/^.*\//, '').replace(/\.json$/, '');
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      rejected.push({
        file,
        reason: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
      });
    } else if (parsed.data.id !== name) {
      rejected.push({ file, reason: `id "${parsed.data.id}" differs from the file name` });
    } else {
      articles.push(parsed.data);
    }
  }
  articles.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { articles, rejected };
}

export function parseOutlets(raw: unknown): readonly Outlet[] {
  const parsed = z.array(Outlet).safeParse(raw);
  return parsed.success ? parsed.data : [];
}

const both = (t: LocalizedText): string[] => [t['zh-CN'], t.en];

function blockTexts(block: GuideBlock): string[] {
  switch (block.type) {
    case 'paragraph':
    case 'note':
      return both(block.text);
    case 'steps':
    case 'list':
      return block.items.flatMap(both);
    case 'law':
      return [...both(block.source), ...both(block.article), ...both(block.text)];
  }
}

export function articleSource(article: GuideArticle): SearchSource {
  return {
    id: article.id,
    order: article.order,
    fields: {
      title: both(article.title),
      keywords: [...article.keywords['zh-CN'], ...article.keywords.en],
      summary: both(article.summary),
      body: article.body.flatMap(blockTexts),
    },
  };
}

export const OUTLETS_ID = 'outlets';

/** The outlets page in the search: its title, keywords and every outlet's details. */
export function outletsSource(
  outlets: readonly Outlet[],
  text: Readonly<Record<Language, { title: string; summary: string; keywords: string }>>,
  order: number,
): SearchSource {
  return {
    id: OUTLETS_ID,
    order,
    fields: {
      title: [text['zh-CN'].title, text.en.title],
      keywords: [text['zh-CN'].keywords, text.en.keywords],
      summary: [text['zh-CN'].summary, text.en.summary],
      body: outlets.flatMap((o) => [...both(o.name), ...both(o.address), ...both(o.hours)]),
    },
  };
}
