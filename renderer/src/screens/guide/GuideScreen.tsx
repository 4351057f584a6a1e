import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuideArticle, GuideBlock, Outlet } from '../../../../electron/domain/guide';
import { bundledArticles } from '../../guide/bundled';
import { articleSource, outletsSource } from '../../guide/guide-data';
import { buildIndex, searchGuide } from '../../guide/guide-search';
import { catalogs } from '../../i18n';
import { useFlowStore } from '../../state/flow';
import { useGuideStore } from '../../state/guide';
import { usePrefsStore } from '../../state/prefs';
import { BigButton } from '../../ui/BigButton';
import { Pager } from '../../ui/Pager';
import './guide.css';

const TOPICS = ['replace', 'materials', 'lost', 'activate', 'medical', 'outlets'] as const;

interface Entry {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
}

function Block({ block }: { block: GuideBlock }) {
  const language = usePrefsStore((s) => s.language);
  switch (block.type) {
    case 'paragraph':
      return <p className="guide-p">{block.text[language]}</p>;
    case 'note':
      return (
        <p className="guide-note" role="note">
          {block.text[language]}
        </p>
      );
    case 'steps':
      return (
        <ol className="guide-steps">
          {block.items.map((item) => (
            <li key={item.en}>{item[language]}</li>
          ))}
        </ol>
      );
    case 'list':
      return (
        <ul className="guide-list">
          {block.items.map((item) => (
            <li key={item.en}>{item[language]}</li>
          ))}
        </ul>
      );
    case 'law':
      return (
        <div className="guide-law">
          <p className="guide-law-source">
            {block.source[language]} {block.article[language]}
          </p>
          <p className="guide-p">{block.text[language]}</p>
        </div>
      );
  }
}

function OutletList({ outlets }: { outlets: readonly Outlet[] }) {
  const { t } = useTranslation();
  const language = usePrefsStore((s) => s.language);
  if (outlets.length === 0) return <p className="guide-note">{t('guide.outlets.none')}</p>;
  return (
    <>
      <p className="guide-p">{t('guide.outlets.intro')}</p>
      {outlets.map((o) => (
        <section key={o.id} className="guide-outlet" data-testid={`outlet-${o.id}`}>
          <h2>{o.name[language]}</h2>
          <dl>
            <dt>{t('guide.outlets.address')}</dt>
            <dd>{o.address[language]}</dd>
            <dt>{t('guide.outlets.hours')}</dt>
            <dd>{o.hours[language]}</dd>
            {o.phone ? (
              <>
                <dt>{t('guide.outlets.phone')}</dt>
                <dd>{o.phone}</dd>
              </>
            ) : null}
            <dt>{t('guide.outlets.services')}</dt>
            <dd>
              {o.services.map((s) => t(`guide.service.${s}`)).join(language === 'en' ? ', ' : '、')}
            </dd>
          </dl>
        </section>
      ))}
    </>
  );
}

function ArticleView({
  id,
  article,
  onBack,
}: {
  id: string;
  article: GuideArticle | undefined;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const language = usePrefsStore((s) => s.language);
  const largeText = usePrefsStore((s) => s.largeText);
  const outlets = useGuideStore((s) => s.outlets);
  const title = article ? article.title[language] : t('guide.outlets.title');
  return (
    <section className="guide" data-testid="guide-article" data-article-id={id}>
      <div className="guide-head">
        <p className="guide-crumb">{t('guide.title')}</p>
        <h1>{title}</h1>
      </div>
      <Pager key={`${id}-${language}-${String(largeText)}`} label={title} testId="guide-pages" wide>
        {article ? (
          article.body.map((block, i) => <Block key={i} block={block} />)
        ) : (
          <OutletList outlets={outlets} />
        )}
      </Pager>
      <div className="guide-actions">
        <BigButton testId="guide-back-list" variant="secondary" onPress={onBack}>
          {t('guide.backToList')}
        </BigButton>
        <HomeButton />
      </div>
    </section>
  );
}

function HomeButton() {
  const { t } = useTranslation();
  const home = useFlowStore((s) => s.home);
  return (
    <BigButton testId="guide-home" onPress={home}>
      {t('common.back')}
    </BigButton>
  );
}

/** The service guide: search and a paged list of topics, then one topic a page at a time. */
export function GuideScreen() {
  const { t } = useTranslation();
  const language = usePrefsStore((s) => s.language);
  const largeText = usePrefsStore((s) => s.largeText);
  const { outlets, hotline } = useGuideStore();
  const [query, setQuery] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);

  const { articles } = bundledArticles;
  const outletsOrder = (articles[articles.length - 1]?.order ?? 0) + 1;
  const index = useMemo(
    () =>
      buildIndex([
        ...articles.map(articleSource),
        outletsSource(
          outlets,
          { 'zh-CN': catalogs['zh-CN'].guide.outlets, en: catalogs.en.guide.outlets },
          outletsOrder,
        ),
      ]),
    [articles, outlets, outletsOrder],
  );
  const result = useMemo(() => searchGuide(index, query), [index, query]);

  if (openId !== null) {
    return (
      <ArticleView
        id={openId}
        article={articles.find((a) => a.id === openId)}
        onBack={() => setOpenId(null)}
      />
    );
  }

  const entries: Entry[] = result.hits.map(({ id }) => {
    const article = articles.find((a) => a.id === id);
    return article
      ? { id, title: article.title[language], summary: article.summary[language] }
      : { id, title: t('guide.outlets.title'), summary: t('guide.outlets.summary') };
  });
  const searching = query.trim() !== '';
  const count = searching
    ? result.exact
      ? t('guide.resultsCount', { count: entries.length })
      : t('guide.related')
    : t('guide.allArticles', { count: entries.length });

  return (
    <section className="guide guide-index" data-testid="screen-guide">
      <div className="guide-side">
        <div className="guide-head">
          <h1>{t('guide.title')}</h1>
          <p className="guide-hotline" data-testid="guide-hotline">
            <span className="guide-hotline-title">{t('guide.hotlineTitle')}</span>
            <span className="guide-hotline-number">{hotline}</span>
          </p>
        </div>
        <div className="guide-search">
          <label htmlFor="guide-search-input">{t('guide.searchLabel')}</label>
          <div className="guide-search-row">
            <input
              id="guide-search-input"
              data-testid="guide-search"
              type="search"
              value={query}
              placeholder={t('guide.searchPlaceholder')}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setQuery(e.target.value)}
            />
            <button
              type="button"
              className="guide-clear"
              data-testid="guide-clear"
              disabled={!searching}
              onClick={() => setQuery('')}
            >
              {t('guide.clearSearch')}
            </button>
          </div>
          <div className="guide-topics" role="group" aria-label={t('guide.topicsLabel')}>
            {TOPICS.map((topic) => {
              const word = t(`guide.topic.${topic}`);
              return (
                <button
                  key={topic}
                  type="button"
                  className="guide-topic"
                  data-testid={`guide-topic-${topic}`}
                  aria-pressed={query === word}
                  onClick={() => setQuery(word)}
                >
                  {word}
                </button>
              );
            })}
          </div>
        </div>
        <p className="guide-count" role="status" data-testid="guide-count">
          {entries.length === 0 ? t('guide.noResults') : count}
        </p>
      </div>
      <div className="guide-main">
        <Pager
          key={`${query}-${language}-${String(largeText)}`}
          label={t('guide.title')}
          testId="guide-list-pages"
        >
          <ul className="guide-entries">
            {entries.map((e) => (
              <li key={e.id}>
                <button
                  type="button"
                  className="guide-entry"
                  data-testid={`guide-entry-${e.id}`}
                  onClick={() => setOpenId(e.id)}
                >
                  <span className="guide-entry-title">{e.title}</span>
                  <span className="guide-entry-summary">{e.summary}</span>
                </button>
              </li>
            ))}
          </ul>
        </Pager>
      </div>
      <div className="guide-actions single">
        <HomeButton />
      </div>
    </section>
  );
}
