import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { maskCardNumber, maskIdNumber } from '../../electron/domain/mask';
import { silentLogger } from '../../electron/log';
import { storeConfigSchema } from '../../electron/store/config';
import { openKioskStore } from '../../electron/store/kiosk-store';
import { allFiles, filesContaining } from './store-file-scan';

const dataDir = mkdtempSync(join(tmpdir(), 'ssc-store-files-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const ID = '11010519491231002X';
const PHONE = '13812345678';
const NAME = '张三丰';
const CARD = 'A12345678';

describe('store files at rest', () => {
  it('the scanner finds a number stored in plain UTF-8 or UTF-16', () => {
    const probe = mkdtempSync(join(tmpdir(), 'ssc-store-probe-'));
    try {
      writeFileSync(join(probe, 'a.bin'), Buffer.concat([Buffer.from([0, 1]), Buffer.from(ID)]));
      writeFileSync(join(probe, 'b.bin'), Buffer.from(`x${ID}`, 'utf16le'));
      writeFileSync(join(probe, 'c.bin'), Buffer.from(maskIdNumber(ID)));
      expect(filesContaining(probe, ID).map((f) => f.slice(-5))).toEqual(['a.bin', 'b.bin']);
    } finally {
      rmSync(probe, { recursive: true, force: true });
    }
  });

  it('hold no ID number, phone, name or card number in plain text, in snapshots or journals', async () => {
    const config = storeConfigSchema.parse({ dataDir, snapshot: { journalBytes: 64 * 1024 } });
    const opened = await openKioskStore({ config, log: silentLogger() });
    if (!opened.ok) throw new Error(opened.error.message);
    const k = opened.value;
    const keys: string[] = [];
    for (let i = 0; i < 400; i += 1) {
      const r = await k.outbox.record({
        kind: i % 2 ? 'loss_report' : 'activation',
        payload: { idNumber: ID, phone: PHONE, name: NAME, cardNumber: CARD, i },
        summary: { card: maskCardNumber(CARD), id: maskIdNumber(ID) },
      });
      if (!r.ok) throw new Error(r.error.kind);
      keys.push(r.value.key);
      if (i % 10 === 0) {
        await k.audit.append('citizen', 'loss_report', {
          card: maskCardNumber(CARD),
          ref: k.cipher.reference(ID),
        });
      }
    }
    const batch = await k.outbox.nextBatch(50, Date.now());
    if (!batch.ok) throw new Error('batch');
    await k.outbox.markAcknowledged(
      batch.value.slice(0, 25).map((o) => o.key),
      'LR-1',
    );
    for (const o of batch.value.slice(25))
      await k.outbox.markRetry(o.key, Date.now() + 1000, 'HTTP 503');
    await k.hotlist.replaceAll(1, [CARD, 'B00000011']);
    await k.hotlist.applyDelta({ fromVersion: 1, toVersion: 2, added: ['C00000011'], removed: [] });
    await k.close();

    const files = allFiles(dataDir);
    // The scan must cover what it claims: snapshots (background ones included), journals, hotlist, anchor.
    expect(files.filter((f) => /snapshot-\d+\.db$/.test(f)).length).toBeGreaterThanOrEqual(2);
    expect(files.some((f) => /journal-\d+\.log$/.test(f))).toBe(true);
    expect(files.some((f) => f.endsWith('hotlist.bin'))).toBe(true);
    for (const secret of [ID, PHONE, NAME, CARD])
      expect(filesContaining(dataDir, secret)).toEqual([]);
    // Ciphertext or not, nothing the store writes is readable by other local users.
    const readable = files.filter((f) => (statSync(join(dataDir, f)).mode & 0o077) !== 0);
    expect(readable).toEqual([]);
    // …while the data is all there for the store itself.
    const again = await openKioskStore({ config, log: silentLogger() });
    if (!again.ok) throw new Error(again.error.message);
    const last = keys.at(-1) ?? '';
    expect(again.value.outbox.payloadOf(last)).toEqual({
      ok: true,
      value: { idNumber: ID, phone: PHONE, name: NAME, cardNumber: CARD, i: 399 },
    });
    expect(again.value.outbox.depth().count).toBe(375);
    expect(again.value.hotlist.has(CARD)).toBe(true);
    expect(again.value.audit.verify().ok).toBe(true);
    await again.value.close();
  });
});
