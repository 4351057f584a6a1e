import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import dictionaryFile from '../../../../resources/pinyin/name-characters.json';
import { KEY_ROWS, candidates, canType, completions, loadDictionary } from './pinyin';

const dictionary = loadDictionary(dictionaryFile);
/** Candidate characters shown at once: few and large, with a "more" key. */
const PAGE = 10;

interface Props {
  readonly onDone: (name: string) => void;
  readonly initial?: string;
}

/**
 * The name, entered by touch: pinyin letters (letters that lead nowhere are disabled), whole
 * syllables offered to complete the spelling, then large character buttons. The name so far
 * is shown big above. The name lives only in this component's state until "next".
 */
export function PinyinKeyboard({ onDone, initial = '' }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState<string[]>(() => Array.from(initial));
  const [typed, setTyped] = useState('');
  const [page, setPage] = useState(0);

  const chars = useMemo(() => (dictionary ? candidates(dictionary, typed) : []), [typed]);
  const syllables = useMemo(() => (dictionary ? completions(dictionary, typed, 10) : []), [typed]);
  const shown = chars.slice(page * PAGE, page * PAGE + PAGE);
  const pages = Math.max(1, Math.ceil(chars.length / PAGE));

  const type = (letters: string) => {
    setTyped(letters);
    setPage(0);
  };
  const pick = (ch: string) => {
    if (name.length >= 20) return;
    setName([...name, ch]);
    type('');
  };

  return (
    <div className="pinyin" data-testid="pinyin-keyboard">
      <div className="pinyin-name" aria-live="polite">
        <span className="pinyin-name-label">{t('loss.name.entered')}</span>
        <span className="pinyin-name-value" data-testid="name-display">
          {name.length > 0 ? name.join('') : t('loss.name.empty')}
        </span>
      </div>
      <div className="pinyin-spell">
        <span className="pinyin-spell-label">{t('loss.name.spell')}</span>
        <span className="pinyin-spell-value" data-testid="pinyin-typed">
          {typed === '' ? '\u00a0' : typed}
        </span>
      </div>
      {typed !== '' ? (
        <div className="pinyin-candidates" role="group" aria-label={t('loss.name.candidates')}>
          {shown.length === 0 ? (
            <p className="pinyin-none">{t('loss.name.noCandidates')}</p>
          ) : (
            shown.map((ch) => (
              <button
                key={ch}
                type="button"
                className="pinyin-char"
                data-testid={`pinyin-char-${ch}`}
                onClick={() => pick(ch)}
              >
                {ch}
              </button>
            ))
          )}
          {pages > 1 ? (
            <button
              type="button"
              className="pinyin-more"
              data-testid="pinyin-more"
              onClick={() => setPage((page + 1) % pages)}
            >
              {t('loss.name.more')} {page + 1}/{pages}
            </button>
          ) : null}
        </div>
      ) : null}
      {syllables.length > 0 ? (
        <div className="pinyin-syllables" role="group" aria-label={t('loss.name.spell')}>
          {syllables.map((s) => (
            <button
              key={s}
              type="button"
              className="pinyin-syllable"
              data-testid={`pinyin-syllable-${s}`}
              onClick={() => type(s)}
            >
              {s}
            </button>
          ))}
        </div>
      ) : null}
      <div className="pinyin-keys" role="group" aria-label={t('loss.name.spell')}>
        {KEY_ROWS.map((row, i) => (
          <div className="pinyin-row" key={i}>
            {row.map((letter) => (
              <button
                key={letter}
                type="button"
                className="pinyin-key"
                data-testid={`pinyin-key-${letter}`}
                disabled={!dictionary || !canType(dictionary, typed, letter) || typed.length >= 6}
                onClick={() => type(typed + letter)}
              >
                {letter === 'v' ? 'ü' : letter}
              </button>
            ))}
          </div>
        ))}
      </div>
      <div className="pinyin-actions">
        <button
          type="button"
          className="pinyin-action"
          data-testid="pinyin-delete"
          disabled={typed === '' && name.length === 0}
          onClick={() => (typed !== '' ? type(typed.slice(0, -1)) : setName(name.slice(0, -1)))}
        >
          {typed !== '' ? t('loss.name.deleteLetter') : t('loss.name.deleteChar')}
        </button>
        <button
          type="button"
          className="pinyin-action"
          data-testid="pinyin-clear"
          disabled={typed === '' && name.length === 0}
          onClick={() => {
            setName([]);
            type('');
          }}
        >
          {t('loss.name.clearAll')}
        </button>
        <button
          type="button"
          className="pinyin-action pinyin-next"
          data-testid="name-next"
          disabled={name.length < 2}
          onClick={() => onDone(name.join(''))}
        >
          {t('loss.name.next')}
        </button>
      </div>
      <p className="pinyin-help">
        {name.length === 1 ? t('loss.name.tooShort') : t('loss.name.notFound')}
      </p>
    </div>
  );
}
