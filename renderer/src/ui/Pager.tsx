import { useCallback, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './pager.css';

interface Props {
  readonly children: ReactNode;
  readonly testId?: string;
  readonly label?: string;
  /** Two columns a page where the screen is wider than tall. */
  readonly wide?: boolean;
}

/** A page is the area's width plus one gap: the next page's first column starts after it. */
function columnGap(el: HTMLElement): number {
  return parseFloat(getComputedStyle(el).columnGap) || 0;
}

/**
 * Content longer than the screen is shown a page at a time, turned with big buttons: elderly
 * users do not find or hit thin scrollbars, and a swipe is not obvious. The pages are CSS
 * columns one screen wide, so they follow any orientation and text size without measuring text.
 */
/** Give it a `key` that changes with the content (article, search) so it starts again at page 1. */
export function Pager({ children, testId, label, wide = false }: Props) {
  const { t } = useTranslation();
  const area = useRef<HTMLDivElement>(null);
  const [page, setPage] = useState(0);
  const [pages, setPages] = useState(1);

  const measure = useCallback(() => {
    const el = area.current;
    if (!el || el.clientWidth === 0) return;
    const gap = columnGap(el);
    const count = Math.max(1, Math.round((el.scrollWidth + gap) / (el.clientWidth + gap)));
    setPages(count);
    setPage((p) => Math.min(p, count - 1));
  }, []);

  useLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    // Observing calls back once at once, which takes the first measurement.
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    // Fonts arriving late re-flow the columns without resizing the area.
    void document.fonts.ready.then(measure);
    return () => observer.disconnect();
  }, [measure]);

  useLayoutEffect(() => {
    const el = area.current;
    if (el) el.scrollLeft = page * (el.clientWidth + columnGap(el));
  }, [page, pages]);

  // Focus moving to an element on another page scrolls the area; keep the buttons in step.
  const onScroll = () => {
    const el = area.current;
    if (!el || el.clientWidth === 0) return;
    const shown = Math.round(el.scrollLeft / (el.clientWidth + columnGap(el)));
    if (shown !== page) setPage(shown);
  };

  return (
    <div className="pager" data-testid={testId}>
      <div
        ref={area}
        className={wide ? 'pager-area wide' : 'pager-area'}
        onScroll={onScroll}
        role="region"
        aria-label={label}
        data-page={page + 1}
        data-pages={pages}
      >
        {children}
      </div>
      {pages > 1 ? (
        <nav className="pager-controls">
          <button
            type="button"
            className="pager-button"
            data-testid="page-previous"
            disabled={page === 0}
            onClick={() => setPage((p) => Math.max(0, p - 1))}
          >
            <span aria-hidden="true">◀ </span>
            {t('pager.previous')}
          </button>
          <span className="pager-position" aria-live="polite" data-testid="page-position">
            {t('pager.position', { page: page + 1, pages })}
          </span>
          <button
            type="button"
            className="pager-button"
            data-testid="page-next"
            disabled={page >= pages - 1}
            onClick={() => setPage((p) => Math.min(pages - 1, p + 1))}
          >
            {t('pager.next')}
            <span aria-hidden="true"> ▶</span>
          </button>
        </nav>
      ) : null}
    </div>
  );
}
