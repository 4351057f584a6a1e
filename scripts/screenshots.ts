/**
 * `npm run screenshots` — every citizen screen in portrait 1080×1920 and landscape 1920×1080,
 * in both languages, normal and large text, written to test-results/screenshots/look/
 * (git-ignored) for people to look at. Walks the same tour as the accessibility test.
 * Optional filter: `npm run screenshots -- zh-CN portrait` (any of language, orientation,
 * `large`, `normal`).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureRendererBuilt } from '../electron/renderer-build';
import { LANDSCAPE, PORTRAIT, launchBrowser } from '../test/support/browser';
import { startKiosk } from '../test/support/kiosk';
import { screenTour, waitForCentral } from '../test/support/screen-tour';

const root = process.cwd();
const filter = process.argv.slice(2);
if (!ensureRendererBuilt(root).ok) {
  console.error('renderer build failed');
  process.exit(1);
}
const outDir = join(root, 'test-results', 'screenshots', 'look');
mkdirSync(outDir, { recursive: true });

const kiosk = await startKiosk({ central: { mode: 'embedded' } });
const readerDown = await startKiosk({
  card: { reader: 'pcsc', readerName: 'no-such-reader-here' },
});
const browser = await launchBrowser();
let count = 0;
try {
  await waitForCentral(kiosk);
  const tour = screenTour(browser, kiosk, readerDown);
  for (const [orientation, viewport] of [
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ] as const) {
    for (const language of ['zh-CN', 'en'] as const) {
      for (const largeText of [false, true]) {
        const tags = [orientation, language, largeText ? 'large' : 'normal'];
        if (!filter.every((f) => tags.includes(f))) continue;
        let n = 0;
        await tour.run({ language, largeText, viewport }, async (page, screen) => {
          const name = `${tags.join('-')}-${String(++n).padStart(2, '0')}-${screen}.png`;
          // Animations stopped so two runs give comparable pictures.
          await page.screenshot({ path: join(outDir, name), animations: 'disabled' });
          count++;
        });
        console.log(`${tags.join(' ')}: ${n} screens`);
      }
    }
  }
  console.log(`screenshots: ${count} files in ${outDir}`);
} finally {
  await browser.close();
  await kiosk.close();
  await readerDown.close();
}
