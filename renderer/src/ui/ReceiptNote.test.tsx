import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { i18next, initI18n } from '../i18n';
import { ReceiptNote, receiptOutcomeOf, type ReceiptNoteState } from './ReceiptNote';

describe('ReceiptNote: what the citizen is told about the receipt', () => {
  beforeAll(async () => {
    await initI18n('zh-CN');
  });

  it('an answer becomes its state; no answer is "unknown", never "not printed"', () => {
    expect(receiptOutcomeOf({ ok: true, value: { receipt: 'printing', reason: null } })).toEqual({
      state: 'printing',
      reason: null,
    });
    expect(
      receiptOutcomeOf({ ok: true, value: { receipt: 'failed', reason: 'paper_out' } }),
    ).toEqual({ state: 'failed', reason: 'paper_out' });
    expect(
      receiptOutcomeOf({
        ok: false,
        error: { code: 'not_available', message: 'The kiosk did not answer in time.' },
      }),
    ).toEqual({ state: 'unknown', reason: null });
  });

  it('says each state in its own words, the failure with its reason (zh-CN and en)', async () => {
    await i18next.changeLanguage('zh-CN');
    const zh = (state: ReceiptNoteState) =>
      renderToStaticMarkup(<ReceiptNote outcome={{ state, reason: null }} testId="n" />);
    expect(zh('printed')).toContain('回执已打印');
    expect(zh('printing')).toContain('还在打印');
    expect(zh('unknown')).toContain('无法确认');
    const paper = renderToStaticMarkup(
      <ReceiptNote outcome={{ state: 'failed', reason: 'paper_out' }} testId="n" />,
    );
    expect(paper).toContain('缺纸');
    expect(paper).toContain('data-receipt="failed"');
    expect(paper).toContain('data-reason="paper_out"');
    await i18next.changeLanguage('en');
    const down = renderToStaticMarkup(
      <ReceiptNote outcome={{ state: 'failed', reason: 'printer_unavailable' }} testId="n" />,
    );
    expect(down).toContain('printer is not available');
    expect(
      renderToStaticMarkup(
        <ReceiptNote outcome={{ state: 'printing', reason: null }} testId="n" />,
      ),
    ).toContain('still being printed');
    await i18next.changeLanguage('zh-CN');
  });
});
