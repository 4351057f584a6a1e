/**
 * The demo citizen flow as a list of taps, each with the element that proves the next screen
 * is up; `tapFlow` times every tap from the click to the first frame painted after the next
 * screen appeared (P8). Used by `npm run bench -- ui`.
 */
import type { Browser, Page } from 'playwright';
import { centralOnline, startKiosk } from './kiosk';

export interface TapStep {
  readonly name: string;
  readonly tap: string;
  readonly next: string;
  /** Keypad digits typed (untimed) before the timed tap, e.g. the PIN before "confirm". */
  readonly digitsFirst?: string;
}

const id = (testId: string) => `[data-testid="${testId}"]`;

/** One citizen's inquiry visit with the demo card of a known PIN (persona active-2). */
export const FLOW: readonly TapStep[] = [
  { name: 'lost card', tap: id('btn-report-lost'), next: id('screen-loss') },
  { name: 'home', tap: id('btn-loss-exit'), next: id('screen-attract') },
  {
    name: 'insert card',
    tap: id('demo-insert-active-2'),
    next: '[data-testid="session-panel"][data-disposition="normal"]',
  },
  { name: 'look up (→ PIN)', tap: id('btn-inquiry'), next: id('keypad') },
  {
    name: 'confirm PIN (card + centre)',
    tap: id('keypad-submit'),
    next: id('inquiry-contributions'),
    digitsFirst: '135790',
  },
  { name: 'contributions', tap: id('inquiry-contributions'), next: id('table-months') },
  { name: 'back to list', tap: id('btn-inquiry-menu'), next: id('inquiry-medical') },
  { name: 'medical account', tap: id('inquiry-medical'), next: id('medical-balance') },
  { name: 'finish', tap: id('btn-finish'), next: id('screen-take-card') },
  { name: 'remove card', tap: id('demo-remove'), next: id('screen-attract') },
];

/**
 * Click → next selector present → one more animation frame (the paint) → elapsed ms. Sent as
 * plain JavaScript text: tsx's transform would add helpers that do not exist in the page.
 */
const TAP_SCRIPT = `async ({ tap, next }) => {
  const el = document.querySelector(tap);
  if (!el) throw new Error('nothing to tap at ' + tap);
  const t0 = performance.now();
  el.click();
  await new Promise((resolve, reject) => {
    const check = () => {
      if (document.querySelector(next)) resolve();
      else if (performance.now() > t0 + 10000) reject(new Error(next + ' did not appear'));
      else requestAnimationFrame(check);
    };
    check();
  });
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - t0;
}`;

export async function timeTap(page: Page, step: TapStep): Promise<number> {
  const ms: unknown = await page.evaluate(`(${TAP_SCRIPT})(${JSON.stringify(step)})`);
  if (typeof ms !== 'number') throw new Error(`tap ${step.name} measured nothing`);
  return ms;
}

export async function tapFlow(
  browser: Browser,
  rounds: number,
): Promise<{ samples: number[]; steps: string[]; byStep: Map<string, number[]> }> {
  // The inquiry needs the central service: the embedded demo one, as `npm start` runs it.
  const kiosk = await startKiosk({ central: { mode: 'embedded' } });
  await centralOnline(kiosk);
  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  try {
    await page.goto(kiosk.host.url);
    await page.locator('[data-testid="screen-attract"]').waitFor();
    // The demo panel stands in for the card slot; opening it is not a citizen's tap.
    await page.locator('[data-testid="demo-open"]').click();
    const samples: number[] = [];
    const byStep = new Map<string, number[]>(FLOW.map((s) => [s.name, []]));
    for (let r = 0; r < rounds; r++) {
      for (const step of FLOW) {
        // Untimed, in the page: the open demo panel (the stand-in for the card slot) covers the
        // keypad's lowest row in portrait, where a citizen's hand would not meet it.
        for (const d of step.digitsFirst ?? '')
          await page.evaluate(`document.querySelector('[data-testid="keypad-key-${d}"]').click()`);
        await page.locator(step.tap).first().waitFor();
        const ms = await timeTap(page, step);
        samples.push(ms);
        byStep.get(step.name)?.push(ms);
      }
    }
    return { samples, steps: FLOW.map((s) => s.name), byStep };
  } finally {
    await page.close();
    await kiosk.close();
  }
}
