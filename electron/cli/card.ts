/**
 * `npm run card -- status [--json]` and `npm run card -- read [--json] [--reader NAME]`: the
 * attendant's and developer's view of the real readers through pcscd (pcsclite). No PIN is
 * ever asked. Errors print as {"error": code, "message": ...} with --json, exit code 1.
 */
import { readCardSummary, type CardSummary } from '../devices/card/card-summary';
import { PcscReader } from '../devices/card/pcsc-reader';
import type { ReaderInfo } from '../devices/card/reader-port';
import { SscCard } from '../devices/card/ssc-card';
import { maskIdNumber } from '../domain/mask';
import { createLogger } from '../log';
import { err, ok, type Result } from '../result';

const args = process.argv.slice(2);
const command = args[0];
const json = args.includes('--json');
const readerArg = args.includes('--reader') ? args[args.indexOf('--reader') + 1] : undefined;

// pcscd announces readers, then each reader's card state, within a few hundred ms of a new
// context; the CLI waits for that burst to go quiet rather than for a fixed time.
const QUIET_MS = 300;
const DEADLINE_MS = 3000;

interface CliFailure {
  readonly code: string;
  readonly message: string;
}
const fail = (code: string, message: string) => err<CliFailure>({ code, message });

async function settledReaders(
  reader: PcscReader,
): Promise<Result<readonly ReaderInfo[], CliFailure>> {
  await new Promise<void>((resolve) => {
    let quiet: NodeJS.Timeout | null = null;
    const deadline = setTimeout(finish, DEADLINE_MS);
    const off = reader.onEvent(() => {
      if (quiet) clearTimeout(quiet);
      quiet = setTimeout(finish, QUIET_MS);
    });
    function finish(): void {
      off();
      clearTimeout(deadline);
      if (quiet) clearTimeout(quiet);
      resolve();
    }
    reader.start();
  });
  if (reader.status().device === 'offline') {
    return fail('pcscd_unavailable', 'pcscd is not running or not reachable');
  }
  return ok(reader.readers());
}

async function status(reader: PcscReader): Promise<Result<void, CliFailure>> {
  const settled = await settledReaders(reader);
  if (!settled.ok) return settled;
  const readers = settled.value;
  if (json) {
    console.log(JSON.stringify({ status: reader.status(), readers }, null, 2));
    return ok(undefined);
  }
  console.log(`device: ${reader.status().device}, media: ${reader.status().media}`);
  if (readers.length === 0) console.log('no readers');
  for (const r of readers)
    console.log(`${r.name}: ${r.cardPresent ? `card present, ATR ${r.atr ?? '?'}` : 'no card'}`);
  return ok(undefined);
}

async function read(reader: PcscReader): Promise<Result<void, CliFailure>> {
  const settled = await settledReaders(reader);
  if (!settled.ok) return settled;
  const readers = settled.value;
  if (readers.length === 0) return fail('no_reader', 'no card reader found');
  const target = readerArg
    ? readers.find((r) => r.name === readerArg)
    : (readers.find((r) => r.cardPresent) ?? readers[0]);
  if (!target) return fail('no_reader', `no reader named ${readerArg ?? ''}`);
  if (!target.cardPresent) return fail('no_card', `no card in ${target.name}`);
  const connection = await reader.connect(target.name);
  if (!connection.ok)
    return fail(connection.error.code, `cannot connect: ${connection.error.detail}`);
  try {
    const card = new SscCard(connection.value);
    const summary = await readCardSummary(card);
    if (!summary.ok) {
      const message =
        summary.error.code === 'not_ssc_card'
          ? 'the card is not a social security card'
          : `card read failed (${summary.error.detail})`;
      return fail(summary.error.code, message);
    }
    print(summary.value, target);
    return ok(undefined);
  } finally {
    await connection.value.disconnect();
  }
}

function print(s: CardSummary, r: ReaderInfo): void {
  if (json) {
    console.log(JSON.stringify({ ...s, reader: r.name, atr: r.atr }, null, 2));
    return;
  }
  console.log(`reader          ${r.name} (ATR ${r.atr ?? '?'})`);
  console.log(
    `card number     ${s.cardNumber} (${s.cardNumberValid ? 'check character ok' : 'CHECK CHARACTER WRONG'})`,
  );
  console.log(`identification  ${s.cardIdentificationCode}`);
  console.log(`region          ${s.region}`);
  console.log(`type / version  ${s.cardType} / ${s.specVersion}, algorithm ${s.algorithm}`);
  console.log(`issued/expires  ${s.issueDate} / ${s.expiryDate}${s.expired ? ' (EXPIRED)' : ''}`);
  if (s.personal) {
    console.log(`name            ${s.personal.name}`);
    console.log(
      `ID number       ${maskIdNumber(s.personal.idNumber)} (${s.personal.idNumberValid ? 'valid' : 'INVALID'})`,
    );
  } else {
    console.log('personal data   locked until authenticated (3.00 card, no central service)');
  }
}

async function main(): Promise<number> {
  if (command !== 'status' && command !== 'read') {
    console.error('usage: npm run card -- status [--json] | read [--json] [--reader NAME]');
    return 2;
  }
  const reader = new PcscReader({
    logger: createLogger({ level: process.env.LOG_LEVEL ?? 'silent' }),
  });
  const r = command === 'status' ? await status(reader) : await read(reader);
  await reader.stop();
  if (r.ok) return 0;
  if (json) console.log(JSON.stringify({ error: r.error.code, message: r.error.message }));
  else console.error(`error: ${r.error.code}: ${r.error.message}`);
  return 1;
}

process.exitCode = await main();
