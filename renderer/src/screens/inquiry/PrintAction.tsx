import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  printerReadiness,
  type CommandError,
  type DeviceStatus,
  type PrintPage,
} from '../../../../electron/contract';
import { kioskApi } from '../../api';
import { useDeviceStore } from '../../state/device';
import { BigButton } from '../../ui/BigButton';
import './print.css';

/** Why printing cannot start: told before the citizen waits for anything. */
export type PrintBlock = 'paper_out' | 'printer_down' | 'central_offline';

/**
 * From the device status the renderer already has: printer ready (online or busy, paper not
 * out or jammed — `unknown` and `low` may print, most printers cannot tell) and the central
 * service online (no verification code, no statement). The main side checks again.
 */
export function printBlock(status: DeviceStatus | null): PrintBlock | null {
  if (!status) return 'printer_down';
  const readiness = printerReadiness(status.printer);
  if (readiness === 'printer_unavailable') return 'printer_down';
  if (readiness === 'paper_out') return 'paper_out';
  if (status.central.state !== 'online') return 'central_offline';
  return null;
}

/** At most five consecutive years in one statement (the main side enforces it too). */
export const MAX_YEARS = 5;

export type PrintTarget =
  | { readonly kind: 'statement'; readonly years: readonly number[] }
  | { readonly kind: 'page'; readonly page: PrintPage };

type Step =
  | { step: 'closed' }
  | { step: 'blocked'; reason: PrintBlock }
  | { step: 'choose'; from: number; to: number }
  | { step: 'printing' }
  | { step: 'done'; code: string }
  | { step: 'failed'; advice: 'kept' | 'try_again' | 'session' };

function blockOf(e: CommandError): PrintBlock | null {
  if (e.code === 'paper_out') return 'paper_out';
  if (e.code === 'printer_unavailable') return 'printer_down';
  if (e.code === 'central_unavailable') return 'central_offline';
  return null;
}

function adviceOf(e: CommandError): 'kept' | 'try_again' | 'session' {
  if (e.code === 'no_card' || e.code === 'not_authenticated') return 'session';
  if (e.code === 'print_failed' && e.category !== 'try_again') return 'kept';
  return 'try_again';
}

const BLOCK_TEXT = {
  paper_out: 'print.paperOut',
  printer_down: 'print.printerDown',
  central_offline: 'print.centralOffline',
} as const;

/**
 * The print button of an inquiry page and its dialog: printer (and central service) checked
 * the moment it is pressed, so a citizen is told "out of paper" before choosing years or
 * waiting, with "continue without printing"; a year chooser of big steppers for the
 * statement; a progress state while printing; "please take your statement" afterwards.
 */
export function PrintAction({ target }: { target: PrintTarget }) {
  const { t } = useTranslation();
  const [state, setState] = useState<Step>({ step: 'closed' });
  const close = () => setState({ step: 'closed' });

  const latest = target.kind === 'statement' ? Math.max(...target.years) : 0;
  const earliest = target.kind === 'statement' ? Math.min(...target.years) : 0;

  const open = () => {
    const block = printBlock(useDeviceStore.getState().status);
    if (block) return setState({ step: 'blocked', reason: block });
    if (target.kind === 'statement') return setState({ step: 'choose', from: latest, to: latest });
    void print();
  };

  const print = async (years?: { from: number; to: number }) => {
    setState({ step: 'printing' });
    const r =
      target.kind === 'statement' && years
        ? await kioskApi().invoke('print.statement', { fromYear: years.from, toYear: years.to })
        : target.kind === 'page'
          ? await kioskApi().invoke('print.page', { page: target.page })
          : null;
    if (!r) return close();
    if (r.ok) return setState({ step: 'done', code: r.value.verificationCode });
    const block = blockOf(r.error);
    if (block) return setState({ step: 'blocked', reason: block });
    setState({ step: 'failed', advice: adviceOf(r.error) });
  };

  const button = (
    <BigButton testId="btn-print" onPress={open} variant="secondary">
      {target.kind === 'statement' ? t('print.statement') : t('print.page')}
    </BigButton>
  );
  if (state.step === 'closed') return button;

  let body: ReactNode;
  switch (state.step) {
    case 'blocked':
      body = (
        <>
          <h2 id="print-title">{t(BLOCK_TEXT[state.reason])}</h2>
          <p>{t('print.blockedHint')}</p>
          <BigButton testId="btn-print-continue-without" onPress={close}>
            {t('print.continueWithout')}
          </BigButton>
        </>
      );
      break;
    case 'choose': {
      const { from, to } = state;
      const count = to - from + 1;
      const set = (f: number, tt: number) => setState({ step: 'choose', from: f, to: tt });
      body = (
        <>
          <h2 id="print-title">{t('print.chooseTitle')}</h2>
          <p>{t('print.chooseHint')}</p>
          <div className="year-steppers">
            <YearStepper
              label={t('print.fromYear')}
              year={from}
              testId="print-from"
              earlier={
                from > earliest && to - (from - 1) < MAX_YEARS ? () => set(from - 1, to) : null
              }
              later={from < to ? () => set(from + 1, to) : null}
            />
            <YearStepper
              label={t('print.toYear')}
              year={to}
              testId="print-to"
              earlier={to > from ? () => set(from, to - 1) : null}
              later={to < latest && to + 1 - from < MAX_YEARS ? () => set(from, to + 1) : null}
            />
          </div>
          <p className="print-range" data-testid="print-range" aria-live="polite">
            {count === 1
              ? t('print.rangeOne', { from })
              : t('print.rangeMany', { from, to, count })}
            {count === MAX_YEARS ? <span className="print-max">{t('print.maxYears')}</span> : null}
          </p>
          <div className="print-actions">
            <BigButton testId="btn-print-start" onPress={() => void print({ from, to })}>
              {t('print.start')}
            </BigButton>
            <BigButton testId="btn-print-cancel" variant="secondary" onPress={close}>
              {t('print.cancel')}
            </BigButton>
          </div>
        </>
      );
      break;
    }
    case 'printing':
      body = (
        <>
          <div className="spinner" aria-hidden="true" />
          <h2 id="print-title">{t('print.printingTitle')}</h2>
          <p>{t('print.printingHint')}</p>
        </>
      );
      break;
    case 'done':
      body = (
        <>
          <div className="print-done-mark" aria-hidden="true">
            ✓
          </div>
          <h2 id="print-title">{t('print.doneTitle')}</h2>
          <p>
            {t('print.doneHint')}{' '}
            <strong className="print-code" data-testid="print-code">
              {state.code}
            </strong>
          </p>
          <BigButton testId="btn-print-done" onPress={close}>
            {t('print.continue')}
          </BigButton>
        </>
      );
      break;
    case 'failed':
      body = (
        <>
          <h2 id="print-title">{t('print.failedTitle')}</h2>
          <p>
            {state.advice === 'kept'
              ? t('print.failedKept')
              : state.advice === 'session'
                ? t('print.failedSession')
                : t('print.failedTryAgain')}
          </p>
          <BigButton testId="btn-print-continue-without" onPress={close}>
            {t('print.continue')}
          </BigButton>
        </>
      );
      break;
  }
  return (
    <>
      {button}
      <div className="print-overlay">
        <div
          className="print-dialog"
          role={state.step === 'blocked' || state.step === 'failed' ? 'alertdialog' : 'dialog'}
          aria-modal="true"
          aria-labelledby="print-title"
          aria-busy={state.step === 'printing'}
          data-testid="print-dialog"
          data-step={state.step}
          data-reason={state.step === 'blocked' ? state.reason : undefined}
        >
          {body}
        </div>
      </div>
    </>
  );
}

function YearStepper({
  label,
  year,
  testId,
  earlier,
  later,
}: {
  label: string;
  year: number;
  testId: string;
  earlier: (() => void) | null;
  later: (() => void) | null;
}) {
  const { t } = useTranslation();
  return (
    <div className="year-stepper" role="group" aria-label={label}>
      <span className="year-stepper-label">{label}</span>
      <button
        type="button"
        className="stepper-button"
        disabled={!earlier}
        onClick={() => earlier?.()}
        data-testid={`${testId}-earlier`}
      >
        {t('print.earlier')}
      </button>
      <strong className="year-stepper-value" data-testid={`${testId}-year`}>
        {t('print.yearValue', { year })}
      </strong>
      <button
        type="button"
        className="stepper-button"
        disabled={!later}
        onClick={() => later?.()}
        data-testid={`${testId}-later`}
      >
        {t('print.later')}
      </button>
    </div>
  );
}
