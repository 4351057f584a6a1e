import { expect, it } from 'vitest';
import { crashLine, runCrashDrill } from '../support/sync-crash';

// R1, bounded: 30 kill -9 / restart cycles of a kiosk process recording and delivering
// operations; `npm run drill -- sync-crash` runs the full 300.
it('sync-crash (30 iterations): nothing recorded is lost or applied twice', async () => {
  const r = await runCrashDrill(30);
  expect(r.recorded).toBeGreaterThan(0);
  expect(r.drained).toBe(true);
  expect({ lost: r.lost, duplicated: r.duplicated }).toEqual({ lost: 0, duplicated: 0 });
  expect(crashLine(r)).toMatch(/PASS$/);
}, 900_000);
