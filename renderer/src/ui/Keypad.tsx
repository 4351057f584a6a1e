import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  actionForKey,
  keypadLayout,
  maskedEntry,
  pressKey,
  type KeypadAction,
  type KeypadKey,
} from './keypad';
import './keypad.css';

interface Props {
  /** Called once with the complete entry, which the keypad then forgets. */
  readonly onSubmit: (entry: string) => void;
  /** 6 for a PIN, 18 for an ID number. */
  readonly length?: number;
  /** Dots instead of digits (PINs). */
  readonly masked?: boolean;
  /** Digits in a random order (configuration `ui.shuffledKeypad`). */
  readonly shuffled?: boolean;
  /** An X key for the check character of an ID number. */
  readonly withX?: boolean;
  /** Submit as soon as the last digit is in, without the OK key. */
  readonly autoSubmit?: boolean;
  /** What is being entered, e.g. "请输入 6 位密码"; names the keypad for screen readers. */
  readonly label: string;
  readonly testId?: string;
}

/**
 * A large on-screen keypad. The entry exists only in this component's state: it is not in a
 * store, not logged, and is dropped on submit and with the component when the keypad goes away
 * (card pulled, timeout, back) — React discards an unmounted component's state.
 */
export function Keypad({
  onSubmit,
  length = 6,
  masked = true,
  shuffled = false,
  withX = false,
  autoSubmit = false,
  label,
  testId = 'keypad',
}: Props) {
  const { t } = useTranslation();
  const [entry, setEntry] = useState('');
  // One layout per keypad shown: reshuffling on each press would be unusable.
  const [rows] = useState(() => keypadLayout({ shuffled, withX }));

  const complete = entry.length === length;

  const submit = (value: string) => {
    setEntry('');
    onSubmit(value);
  };

  const press = (action: KeypadAction) => {
    const next = pressKey(entry, action, length);
    if (autoSubmit && next.length === length && next !== entry) submit(next);
    else setEntry(next);
  };

  // A PIN pad or keyboard that types works too. Re-bound on each change: it reads `entry`.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && complete) {
        e.preventDefault();
        submit(entry);
        return;
      }
      const action = actionForKey(e.key, withX);
      if (!action) return;
      e.preventDefault();
      press(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const keyButton = (key: KeypadKey, i: number) => {
    switch (key.kind) {
      case 'blank':
        return <span key={`blank-${i}`} className="keypad-blank" aria-hidden="true" />;
      case 'x':
        return (
          <button
            key="x"
            type="button"
            className="keypad-key"
            data-testid={`${testId}-key-x`}
            disabled={entry.length !== length - 1}
            onClick={() => press(key)}
          >
            X
          </button>
        );
      case 'digit':
        return (
          <button
            key={key.digit}
            type="button"
            className="keypad-key"
            data-testid={`${testId}-key-${key.digit}`}
            onClick={() => press(key)}
          >
            {key.digit}
          </button>
        );
    }
  };

  const shown = masked ? maskedEntry(entry, length) : entry;

  return (
    <div className="keypad" role="group" aria-label={label} data-testid={testId}>
      <div className="keypad-display">
        <p
          className={masked ? 'keypad-entry masked' : 'keypad-entry'}
          data-testid={`${testId}-display`}
          aria-hidden="true"
        >
          {shown === '' ? '\u00a0' : shown}
        </p>
        <p className="keypad-count" aria-live="polite" data-testid={`${testId}-count`}>
          {t('keypad.entered', { count: entry.length, length })}
        </p>
      </div>
      <div className="keypad-body">
        <div className="keypad-grid" aria-label={t('keypad.label')} role="group">
          {rows.flat().map(keyButton)}
        </div>
        <div className="keypad-side">
          <button
            type="button"
            className="keypad-key keypad-action"
            data-testid={`${testId}-back`}
            aria-label={t('keypad.backLabel')}
            disabled={entry === ''}
            onClick={() => press({ kind: 'back' })}
          >
            <span aria-hidden="true">⌫ </span>
            {t('keypad.back')}
          </button>
          <button
            type="button"
            className="keypad-key keypad-action"
            data-testid={`${testId}-clear`}
            disabled={entry === ''}
            onClick={() => press({ kind: 'clear' })}
          >
            {t('keypad.clear')}
          </button>
          {autoSubmit ? null : (
            <button
              type="button"
              className="keypad-key keypad-submit"
              data-testid={`${testId}-submit`}
              disabled={!complete}
              onClick={() => submit(entry)}
            >
              {t('keypad.submit')}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
