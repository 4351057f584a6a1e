import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DemoCard } from '../../../electron/contract';
import { kioskApi } from '../api';
import { useDeviceStore } from '../state/device';
import { usePrefsStore } from '../state/prefs';

/** Demo mode only: stands in for a hand inserting a card into the reader. */
export function DemoPanel() {
  const { t } = useTranslation();
  const mode = useDeviceStore((s) => s.info?.mode);
  const connected = useDeviceStore((s) => s.connected);
  const cardPresent = useDeviceStore((s) => s.status?.reader.media === 'present');
  const language = usePrefsStore((s) => s.language);
  const [open, setOpen] = useState(false);
  const [cards, setCards] = useState<DemoCard[]>([]);

  useEffect(() => {
    if (mode !== 'demo' || !connected) return;
    void kioskApi()
      .invoke('demo.cards', {})
      .then((r) => {
        if (r.ok) setCards(r.value);
      });
  }, [mode, connected]);

  if (mode !== 'demo') return null;
  if (!open) {
    return (
      <button
        type="button"
        className="demo-tab"
        data-testid="demo-open"
        onClick={() => setOpen(true)}
      >
        {t('demo.panel')}
      </button>
    );
  }
  return (
    <aside className="demo-panel" data-testid="demo-panel" aria-label={t('demo.title')}>
      <div className="demo-head">
        <strong>{t('demo.title')}</strong>
        <button type="button" className="demo-close" onClick={() => setOpen(false)}>
          {t('demo.close')}
        </button>
      </div>
      <div className="demo-cards">
        {cards.map((c) => (
          <button
            key={c.id}
            type="button"
            className="demo-card"
            data-testid={`demo-insert-${c.id}`}
            disabled={cardPresent}
            onClick={() => void kioskApi().invoke('demo.insertCard', { cardId: c.id })}
          >
            {c.label[language]}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="demo-remove"
        data-testid="demo-remove"
        disabled={!cardPresent}
        onClick={() => void kioskApi().invoke('demo.removeCard', {})}
      >
        {t('demo.remove')}
      </button>
    </aside>
  );
}
