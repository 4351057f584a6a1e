/**
 * P2 (QUALITY.md): card read on real pcscd + vpcd + the virtual card. The kiosk's read (SSC
 * card application over the supervised pcsclite adapter) against a raw pcsclite transmit loop
 * of the same APDUs in the same run. Figure: median read time ÷ (APDUs × median raw round
 * trip). Connecting (power-up, exclusive lock) is the same for both and shown apart.
 */
import { readCardSummary } from '../../electron/devices/card/card-summary';
import { ioDetail, loadPcsclite, type NativeReader } from '../../electron/devices/card/pcsc-native';
import { findPersona } from '../../electron/devices/card/personas';
import { PcscReader } from '../../electron/devices/card/pcsc-reader';
import type { CardChannel, CardConnection } from '../../electron/devices/card/reader-port';
import { SscCard } from '../../electron/devices/card/ssc-card';
import { VpcdCards, virtualCard } from '../support/vpcd-cards';
import { silentLogger } from '../../electron/log';
import { CARD_TEST_PORT, PrivatePcscd, until } from '../system/card-harness';

const ROUNDS = 5;
const READS_PER_ROUND = 10;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

async function connectKiosk(reader: PcscReader): Promise<CardConnection> {
  await until('card seen by the adapter', () => reader.readers()[0]?.cardPresent === true, 10_000);
  const name = reader.readers()[0]?.name ?? '';
  const c = await reader.connect(name);
  if (!c.ok) throw new Error(`connect failed: ${c.error.code}`);
  return c.value;
}

function rawReader(): Promise<{ reader: NativeReader; close: () => void }> {
  const ctx = loadPcsclite()();
  // close() ends the watch with a "cancelled" error; nothing to act on in a benchmark.
  ctx.on('error', () => undefined);
  return new Promise((resolve) => {
    ctx.on('reader', (reader) => {
      reader.on('error', () => undefined);
      if (!reader.name.endsWith('00 00')) return;
      reader.on('status', (s) => {
        if (s.state & reader.SCARD_STATE_PRESENT) resolve({ reader, close: () => ctx.close() });
      });
    });
  });
}

function rawConnect(reader: NativeReader): Promise<number> {
  return new Promise((resolve, reject) => {
    reader.connect({ share_mode: reader.SCARD_SHARE_EXCLUSIVE }, (e, protocol) =>
      e ? reject(new Error(ioDetail(e))) : resolve(protocol),
    );
  });
}

function rawTransmit(reader: NativeReader, protocol: number, apdu: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    reader.transmit(apdu, 1024, protocol, (e, data) =>
      e ? reject(new Error(ioDetail(e))) : resolve(data),
    );
  });
}

function rawDisconnect(reader: NativeReader): Promise<void> {
  return new Promise((resolve) => reader.disconnect(reader.SCARD_RESET_CARD, () => resolve()));
}

async function main(): Promise<void> {
  const pcscd = new PrivatePcscd();
  await pcscd.start();
  const persona = findPersona('active-2');
  if (!persona) throw new Error('persona missing');
  const cards = await VpcdCards.start([CARD_TEST_PORT]);
  await cards.slots[0]?.insert(virtualCard(persona.id));
  const kiosk = new PcscReader({ logger: silentLogger() });
  kiosk.start();
  const raw = await rawReader();

  // The APDUs the kiosk sends for one read, recorded once: the raw loop replays exactly them.
  let apdus: Buffer[] = [];
  const appTimes: number[] = [];
  const rawSeqTimes: number[] = [];
  const rawRtts: number[] = [];
  const connectTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    let t = performance.now();
    const conn = await connectKiosk(kiosk);
    connectTimes.push(performance.now() - t);
    const recorded: Buffer[] = [];
    const recording: CardChannel = {
      transmit: (apdu) => {
        if (round === 0 && apdus.length === 0) recorded.push(apdu);
        return conn.transmit(apdu);
      },
    };
    for (let i = 0; i < READS_PER_ROUND; i += 1) {
      t = performance.now();
      const card = new SscCard(recording);
      const summary = await readCardSummary(card);
      appTimes.push(performance.now() - t);
      if (!summary.ok) throw new Error(`read failed: ${summary.error.code}`);
      if (apdus.length === 0) apdus = [...recorded];
    }
    await conn.disconnect();

    const protocol = await rawConnect(raw.reader);
    for (let i = 0; i < READS_PER_ROUND; i += 1) {
      const seqStart = performance.now();
      for (const apdu of apdus) {
        const s = performance.now();
        const answer = await rawTransmit(raw.reader, protocol, apdu);
        rawRtts.push(performance.now() - s);
        if (answer.length < 2) throw new Error('raw transmit failed');
      }
      rawSeqTimes.push(performance.now() - seqStart);
    }
    await rawDisconnect(raw.reader);
  }
  raw.close();
  await kiosk.stop();
  await cards.stop();
  await pcscd.stop();

  const appMedian = median(appTimes);
  const rtt = median(rawRtts);
  const budget = apdus.length * rtt;
  const ratio = appMedian / budget;
  console.log('measure                              median ms');
  console.log(
    `kiosk read (SELECT + EF05 + EF06)    ${appMedian.toFixed(2)}  (${appTimes.length} reads)`,
  );
  console.log(`raw pcsclite loop, same APDUs        ${median(rawSeqTimes).toFixed(2)}`);
  console.log(`raw round trip per APDU              ${rtt.toFixed(3)}`);
  console.log(`APDUs × raw round trip               ${budget.toFixed(2)}`);
  console.log(
    `kiosk ÷ raw loop (same APDUs)        ${(appMedian / median(rawSeqTimes)).toFixed(2)}x`,
  );
  console.log(`connect (both paths, not in figure)  ${median(connectTimes).toFixed(2)}`);
  console.log(`APDUs per read                       ${apdus.length}`);
  const pass = ratio <= 1.3 && apdus.length <= 14;
  console.log(
    `card-read: ${ratio.toFixed(2)}x, ${apdus.length} APDUs (goal ≤1.3x, ≤14) ${pass ? 'PASS' : 'FAIL'}`,
  );
  process.exitCode = pass ? 0 : 1;
}

await main();
