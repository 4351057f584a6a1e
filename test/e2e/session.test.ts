import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import type { InquiryAnswer } from '../../electron/contract';
import { formatYuan } from '../../renderer/src/screens/inquiry/inquiry-model';
import { LANDSCAPE, PORTRAIT, screenshot } from '../support/browser';
import { e2eSuite, seriousViolations, typePin, type Viewport } from '../support/e2e';

/**
 * The citizen session end to end on the web host, with the embedded reference central
 * service and the simulated reader: disposition per card, PIN right/wrong, inquiry pages with
 * the central service's numbers, finish → take card, card pulled mid-flow.
 */
const suite = e2eSuite({ config: { central: { mode: 'embedded' } }, waitOnline: true });
const call = (command: string, payload: unknown = {}) => suite.call(command, payload);
const open = (viewport: Viewport = PORTRAIT) => suite.open(viewport);
const insert = (page: Page, cardId: string) => suite.insert(page, cardId);

describe('citizen session', () => {
  it('normal card: wrong PIN shows tries left, right PIN opens inquiry with the central numbers', async () => {
    const page = await open();
    await insert(page, 'active-2');
    const panel = page.getByTestId('session-panel');
    expect(await panel.getAttribute('data-disposition')).toBe('normal');
    expect(await page.getByTestId('status-source').getAttribute('data-source')).toBe('central');
    await page.getByTestId('btn-inquiry').click();
    await page.getByTestId('keypad').waitFor();
    await screenshot(page, 'session-pin-zh-portrait');
    expect(await seriousViolations(page)).toEqual([]);

    await typePin(page, '000000');
    await expect.poll(() => page.getByTestId('pin-warning').textContent()).toContain('2');
    await typePin(page, '135790');
    await page.getByTestId('inquiry-contributions').waitFor();

    await page.getByTestId('inquiry-medical').click();
    await page.getByTestId('medical-balance').waitFor();
    const medical = await call('session.inquiry', { kind: 'medicalAccount' });
    if (!medical.ok) throw new Error('inquiry failed');
    const account = medical.value as Extract<InquiryAnswer, { kind: 'medicalAccount' }>;
    expect(await page.getByTestId('medical-balance').textContent()).toBe(
      formatYuan(account.data.balanceFen, 'zh-CN'),
    );
    await screenshot(page, 'session-medical-zh-portrait');

    await page.getByTestId('btn-inquiry-menu').click();
    await page.getByTestId('inquiry-contributions').click();
    await page.getByTestId('table-months').waitFor();
    const year = Number((await page.getByTestId('year-title').textContent())?.slice(0, 4));
    const contributions = await call('session.inquiry', {
      kind: 'contributions',
      fromYear: year,
      toYear: year,
    });
    if (!contributions.ok) throw new Error('inquiry failed');
    const data = (contributions.value as Extract<InquiryAnswer, { kind: 'contributions' }>).data;
    const endowment = data.years[0]?.types.find((t) => t.type === 'endowment');
    const paid = endowment?.months.filter((m) => m.paid).length ?? -1;
    expect(await page.getByTestId('year-summary').textContent()).toContain(`已缴 ${paid} 个月`);
    await screenshot(page, 'session-contributions-zh-portrait');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('btn-finish').click();
    await page.getByTestId('screen-take-card').waitFor();
    await call('demo.removeCard');
    await page.getByTestId('screen-attract').waitFor();
    await page.close();
  });

  it('in English and landscape the contributions page reads right', async () => {
    await call('prefs.set', { language: 'en' });
    const page = await open(LANDSCAPE);
    await insert(page, 'name-extension');
    await page.getByTestId('btn-inquiry').click();
    await typePin(page, '314159');
    await page.getByTestId('inquiry-contributions').click();
    await page.getByTestId('table-months').waitFor();
    expect(await page.getByTestId('year-summary').textContent()).toMatch(/months paid/);
    await screenshot(page, 'session-contributions-en-landscape');
    await page.close();
  });

  it('sealed and pre-reported cards lead to their own panels, with the status from the centre', async () => {
    const page = await open();
    await insert(page, 'sealed-3');
    expect(await page.getByTestId('session-panel').getAttribute('data-disposition')).toBe('sealed');
    await screenshot(page, 'session-sealed-zh-portrait');
    await call('demo.removeCard');
    await page.getByTestId('screen-attract').waitFor();
    await insert(page, 'reported-lost');
    expect(await page.getByTestId('session-panel').getAttribute('data-disposition')).toBe(
      'pre_reported_lost',
    );
    await page.close();
  });

  it('a card pulled on the PIN screen ends the session without an error screen', async () => {
    const page = await open();
    await insert(page, 'active-2');
    await page.getByTestId('btn-inquiry').click();
    await page.getByTestId('keypad').waitFor();
    await page.getByTestId('keypad-key-1').click();
    await call('demo.removeCard');
    await page.getByTestId('screen-attract').waitFor();
    expect(await page.getByTestId('keypad').count()).toBe(0);
    await page.close();
  });
});
