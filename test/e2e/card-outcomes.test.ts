import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import type { CardStatus } from '../../server/src/domain/card-status';
import { formatDate } from '../../renderer/src/screens/inquiry/inquiry-model';
import { screenshot } from '../support/browser';
import { centralOnline, e2eSuiteWithCentral, seriousViolations, typePin } from '../support/e2e';
import { demoCardNumber } from '../support/reference-central';

/**
 * Every card outcome on its own screen, with the words a citizen reads, and where the status
 * came from: the central service (reference service, demo data) when it answers, the local
 * hotlist when it does not. Then the PIN: right, wrong with the tries left, blocked.
 */
const suite = e2eSuiteWithCentral();
const central = () => suite.central;

const panel = (page: Page) => page.getByTestId('session-panel');
const text = (page: Page, testId: string) => page.getByTestId(testId).innerText();

describe('card outcomes with the central service online', () => {
  it('normal active card: the services on offer, status from the centre', async () => {
    const page = await suite.open();
    await suite.insert(page, 'active-2');
    expect(await panel(page).getAttribute('data-disposition')).toBe('normal');
    expect(await panel(page).locator('h2').innerText()).toBe('请选择要办理的业务');
    expect(await page.getByTestId('status-source').getAttribute('data-source')).toBe('central');
    expect(await text(page, 'status-source')).toBe('卡片状态来自社保中心（实时）');
    expect(await text(page, 'btn-inquiry')).toContain('查询个人信息');
    // The bank comes from the centre's card record.
    const state = await suite.session();
    expect(state.phase === 'card' && state.card.bank).toBe(
      (await central().records(demoCardNumber('active-2'))).person.bank,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await suite.remove(page);
    await page.close();
  });

  it('sealed card: explains activation and offers it', async () => {
    const page = await suite.open();
    await suite.insert(page, 'sealed-3');
    expect(await panel(page).getAttribute('data-disposition')).toBe('sealed');
    expect(await panel(page).locator('h2').innerText()).toBe('您的社保卡还没有启用');
    expect(await panel(page).locator('p').first().innerText()).toContain('初始密码');
    expect(await text(page, 'btn-activate')).toContain('启用社保卡');
    expect(await page.getByTestId('btn-inquiry').count()).toBe(0);
    expect(await page.getByTestId('status-source').getAttribute('data-source')).toBe('central');
    await screenshot(page, 'outcome-sealed-zh-portrait');
    await suite.remove(page);
    await page.close();
  });

  it('pre-reported lost card: says so with the validity from the centre, offers cancellation', async () => {
    const page = await suite.open();
    await suite.insert(page, 'reported-lost');
    expect(await panel(page).getAttribute('data-disposition')).toBe('pre_reported_lost');
    expect(await panel(page).locator('h2').innerText()).toBe('此卡已临时挂失');
    const rows = await central().db.query<{ pre_report_valid_until: Date }>(
      'SELECT pre_report_valid_until FROM cards WHERE card_number = $1',
      [demoCardNumber('reported-lost')],
    );
    const until = rows[0]?.pre_report_valid_until.toISOString() ?? 'none';
    expect(await panel(page).locator('p').first().innerText()).toContain(
      `临时挂失有效期至 ${formatDate(until, 'zh-CN')}`,
    );
    expect(await text(page, 'btn-cancel-loss')).toContain('解除挂失');
    expect(await page.getByTestId('btn-inquiry').count()).toBe(0);
    await screenshot(page, 'outcome-pre-reported-zh-portrait');
    await suite.remove(page);
    await page.close();
  });

  it('expired card: replacement guidance that leads to the guide', async () => {
    const page = await suite.open();
    await suite.insert(page, 'expired');
    expect(await panel(page).getAttribute('data-disposition')).toBe('expired');
    expect(await panel(page).locator('h2').innerText()).toBe('您的社保卡已过有效期');
    expect(await panel(page).locator('p').first().innerText()).toContain('换领新卡');
    await page.getByTestId('btn-replacement-guide').click();
    await page.getByTestId('screen-guide').waitFor();
    await suite.remove(page);
    await page.close();
  });

  it('formally lost, cancelled after loss, cancelled, not issued: explained, sent to the counter', async () => {
    const page = await suite.open();
    const card = demoCardNumber('name-extension');
    const cases: [CardStatus, string][] = [
      ['formally_lost', '此卡已正式挂失。'],
      ['cancelled_after_loss', '此卡已挂失注销。'],
      ['cancelled', '此卡已注销。'],
      ['number_assigned', '此卡尚未发放。'],
    ];
    const before = await central().setStatus(card, 'active');
    try {
      for (const [status, words] of cases) {
        await central().setStatus(card, status);
        await suite.insert(page, 'name-extension');
        expect(await panel(page).getAttribute('data-disposition'), status).toBe('refused');
        expect(await panel(page).locator('h2').innerText()).toBe('此卡不能在本机办理业务');
        const body = await panel(page).locator('p').first().innerText();
        expect(body, status).toContain(words);
        expect(body).toContain('请取出卡片，携带本人身份证到人工窗口办理');
        expect(await page.getByTestId('btn-inquiry').count()).toBe(0);
        expect(await page.getByTestId('status-source').getAttribute('data-source')).toBe('central');
        if (status === 'formally_lost') {
          expect(await seriousViolations(page)).toEqual([]);
          await screenshot(page, 'outcome-refused-zh-portrait');
        }
        await suite.remove(page);
      }
    } finally {
      await central().setStatus(card, before);
    }
    await page.close();
  });

  it('a chip the centre did not issue, and a card number it does not know: refused by the centre', async () => {
    const page = await suite.open();
    const card = demoCardNumber('name-extension');
    const db = central().db;
    const cases = [
      ["UPDATE cards SET algorithm = 'sm4' WHERE card_number = $1", '卡片验证未通过。'],
      [
        "UPDATE cards SET card_number = 'X' || card_number WHERE card_number = $1",
        '此卡尚未发放。',
      ],
    ] as const;
    for (const [sql, words] of cases) {
      await db.query(sql, [card]);
      try {
        await suite.insert(page, 'name-extension');
        expect(await panel(page).getAttribute('data-disposition')).toBe('refused');
        expect(await panel(page).locator('p').first().innerText()).toContain(words);
        // The centre answered: the screen must not say it could not be reached.
        expect(await page.getByTestId('status-source').getAttribute('data-source')).toBe('central');
        expect(await page.getByTestId('btn-inquiry').count()).toBe(0);
        await suite.remove(page);
      } finally {
        await db.query(
          "UPDATE cards SET algorithm = '3des', card_number = $1 WHERE card_number IN ($1, 'X' || $1)",
          [card],
        );
      }
    }
    await page.close();
  });

  it('not an SSC card, and a mute card: re-insert guidance, no session', async () => {
    const page = await suite.open();
    await suite.insert(page, 'non-ssc', 'not_ssc_card');
    expect(await page.locator('h1').innerText()).toBe('这不是社会保障卡');
    expect(await page.locator('main p').first().innerText()).toContain('重新插入');
    expect(await page.getByTestId('session-panel').count()).toBe(0);
    await suite.remove(page);
    await suite.insert(page, 'mute', 'unreadable');
    expect(await page.locator('h1').innerText()).toBe('无法读取此卡');
    expect(await page.locator('main p').first().innerText()).toContain('重新插入');
    expect(await page.getByTestId('session-panel').count()).toBe(0);
    await suite.remove(page);
    await page.close();
  });
});

describe('PIN', () => {
  it('wrong PIN shows the tries left from the card, the last try is warned, the right PIN opens inquiry', async () => {
    const page = await suite.open();
    await suite.insert(page, 'active-2');
    await page.getByTestId('btn-inquiry').click();
    await page.getByTestId('keypad').waitFor();
    await typePin(page, '000000');
    await expect.poll(() => text(page, 'pin-warning')).toBe('密码不正确，还可以再试 2 次');
    await typePin(page, '000001');
    await expect.poll(() => text(page, 'pin-warning')).toContain('只剩最后 1 次机会');
    await screenshot(page, 'pin-last-try-zh-portrait');
    // Back to the card and in again: the last try is warned before the first digit.
    await page.getByTestId('btn-pin-cancel').click();
    await page.getByTestId('btn-inquiry').click();
    await expect
      .poll(() => text(page, 'pin-warning'))
      .toBe('请注意：这张卡的密码只剩最后 1 次机会。输错一次，卡片密码将被锁定');
    await screenshot(page, 'pin-last-try-ahead-zh-portrait');
    await typePin(page, '135790');
    await page.locator('[data-testid="screen-inquiry"][data-state="menu"]').waitFor();
    const state = await suite.session();
    expect(state.phase === 'card' && state.authenticated).toBe(true);
    await suite.remove(page);
    // A correct PIN gave the card its tries back.
    await suite.insert(page, 'active-2');
    await page.getByTestId('btn-inquiry').click();
    await typePin(page, '999999');
    await expect.poll(() => text(page, 'pin-warning')).toBe('密码不正确，还可以再试 2 次');
    await typePin(page, '135790');
    await page.locator('[data-testid="screen-inquiry"][data-state="menu"]').waitFor();
    await suite.remove(page);
    await page.close();
  });

  it('a blocked PIN sends the citizen to the counter', async () => {
    const page = await suite.open();
    await suite.insert(page, 'blocked');
    expect(await panel(page).getAttribute('data-disposition')).toBe('normal');
    await page.getByTestId('btn-inquiry').click();
    // Said at once, from the card's try counter: no six digits typed for nothing.
    await page.locator('[data-testid="screen-pin"][data-state="blocked"]').waitFor();
    expect(await page.getByTestId('keypad').count()).toBe(0);
    expect(await page.locator('h1').innerText()).toBe('卡片密码已被锁定');
    expect(await page.locator('main p').first().innerText()).toContain('人工窗口解锁');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'pin-blocked-zh-portrait');
    await page.getByTestId('btn-finish').click();
    await page.getByTestId('screen-take-card').waitFor();
    await suite.remove(page);
    await page.close();
  });
});

describe('card outcomes with the central service unreachable', () => {
  it('the status comes from the hotlist, and says so; a PIN is checked but inquiry is not offered', async () => {
    await central().stop();
    try {
      const page = await suite.open();
      // A pre-reported card is on the hotlist the kiosk pulled while online.
      await suite.insert(page, 'reported-lost');
      expect(await panel(page).getAttribute('data-disposition')).toBe('refused');
      expect(await page.getByTestId('status-source').getAttribute('data-source')).toBe('hotlist');
      expect(await text(page, 'status-source')).toBe(
        '社保中心暂时无法连接，卡片状态来自本机挂失名单',
      );
      expect(await panel(page).locator('p').first().innerText()).toContain('此卡在挂失名单中。');
      await screenshot(page, 'outcome-hotlisted-offline-zh-portrait');
      await suite.remove(page);

      await suite.insert(page, 'active-2');
      expect(await panel(page).getAttribute('data-disposition')).toBe('normal');
      expect(await page.getByTestId('status-source').getAttribute('data-source')).toBe('hotlist');
      await page.getByTestId('btn-inquiry').click();
      await typePin(page, '135790');
      await page.locator('[data-testid="screen-pin"][data-state="offline"]').waitFor();
      expect(await page.locator('h1').innerText()).toBe('密码正确');
      expect(await page.locator('main p').first().innerText()).toContain('现在不能查询');
      await suite.remove(page);
      await page.close();
    } finally {
      await central().start();
    }
    await centralOnline(suite.kiosk);
  });
});
