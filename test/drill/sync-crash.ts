/**
 * `npm run drill -- sync-crash [iterations]` (R1): kill -9 of a recording, delivering kiosk
 * process at random moments (default 300 times), restart each time, then compare with the
 * reference service's database. Last line: `sync-crash: <n> iterations, lost 0, duplicated 0 PASS|FAIL`.
 */
import { crashLine, runCrashDrill } from '../support/sync-crash';

const n = Number(process.argv[2] ?? 300);
const r = await runCrashDrill(n, (l) => console.log(l));
console.log(
  `recorded ${r.recorded} operations, ${r.acknowledgedSeen} acknowledgements seen, final drain ${r.drained ? 'complete' : 'INCOMPLETE'}`,
);
const line = crashLine(r);
console.log(line);
process.exitCode = line.endsWith('PASS') ? 0 : 1;
