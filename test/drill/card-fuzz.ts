/**
 * R6 (QUALITY.md), card part: ≥ 1,000,000 fuzz cases over the APDU/TLV/FCI/cn/an parsers, the
 * virtual card and the card application facing a hostile card. Pass = 0 uncaught exceptions.
 * `npm run drill -- card-fuzz [cases]`.
 */
import fc from 'fast-check';
import {
  hostileCardProperty,
  parserProperty,
  virtualCardProperty,
} from '../../electron/devices/card/fuzz-targets';

const total = Number(process.argv[2] ?? 1_000_000);
// The parsers are cheap; the hostile-card sessions are async and cost far more per case.
const plan: {
  name: string;
  runs: number;
  check: (runs: number) => Promise<fc.RunDetails<unknown>>;
}[] = [
  {
    name: 'parsers (APDU, SW, BER-TLV, FCI, records, cn, an, dates)',
    runs: Math.round(total * 0.8),
    check: (numRuns) =>
      Promise.resolve(fc.check(parserProperty, { numRuns }) as fc.RunDetails<unknown>),
  },
  {
    name: 'virtual card, random command sequences',
    runs: Math.round(total * 0.15),
    check: (numRuns) =>
      Promise.resolve(fc.check(virtualCardProperty, { numRuns }) as fc.RunDetails<unknown>),
  },
  {
    name: 'card application vs hostile card',
    runs: Math.round(total * 0.05),
    check: async (numRuns) =>
      (await fc.check(hostileCardProperty, { numRuns })) as fc.RunDetails<unknown>,
  },
];

let cases = 0;
let failures = 0;
const started = Date.now();
for (const step of plan) {
  const t = Date.now();
  const details = await step.check(step.runs);
  cases += details.numRuns;
  if (details.failed) {
    failures += 1;
    console.log(`FAILED after ${details.numRuns} runs: ${JSON.stringify(details.counterexample)}`);
    console.log(String(details.errorInstance));
  }
  console.log(
    `${step.name.padEnd(62)} ${String(details.numRuns).padStart(9)} cases  ${((Date.now() - t) / 1000).toFixed(1)} s`,
  );
}
console.log(`total ${cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
const pass = failures === 0 && cases >= 1_000_000;
console.log(
  `card-fuzz: ${cases} cases, ${failures} uncaught exceptions (goal ≥1000000 cases, 0) ${pass ? 'PASS' : 'FAIL'}`,
);
process.exitCode = pass ? 0 : 1;
