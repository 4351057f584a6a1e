import { afterEach, describe, expect, it } from 'vitest';
import { filesContaining } from '../../test/system/store-file-scan';
import { silentLogger } from '../log';
import { storeConfigSchema } from './config';
import { openKioskStore, type KioskStore } from './kiosk-store';
import { tempDirs } from './test-support';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const CARD = 'A12345678';
const OTHER = 'B87654321';

async function open(dataDir: string, now?: () => number): Promise<KioskStore> {
  const r = await openKioskStore({
    config: storeConfigSchema.parse({ dataDir }),
    log: silentLogger(),
    now,
  });
  if (!r.ok) throw new Error(r.error.kind);
  return r.value;
}

describe('PinRecheckList', () => {
  it('keeps the cards to re-check across a close and reopen, and forgets them once settled', async () => {
    const dir = dirs.make();
    const first = await open(dir);
    expect(first.pinRecheck.purposeOf(CARD)).toBeNull();
    expect((await first.pinRecheck.add(CARD, 'activation')).ok).toBe(true);
    expect((await first.pinRecheck.add(OTHER, 'change')).ok).toBe(true);
    expect(first.pinRecheck.purposeOf(CARD)).toBe('activation');
    await first.close();

    const second = await open(dir);
    expect(second.pinRecheck.purposeOf(CARD)).toBe('activation');
    expect(second.pinRecheck.purposeOf(OTHER)).toBe('change');
    expect(second.pinRecheck.purposeOf('C11111111')).toBeNull();
    expect((await second.pinRecheck.remove(CARD)).ok).toBe(true);
    // Removing what is not there is fine (the memory copy may have been settled first).
    expect((await second.pinRecheck.remove(CARD)).ok).toBe(true);
    await second.close();

    const third = await open(dir);
    expect(third.pinRecheck.purposeOf(CARD)).toBeNull();
    expect(third.pinRecheck.purposeOf(OTHER)).toBe('change');
    expect(third.pinRecheck.size()).toBe(1);
    await third.close();
  });

  it('a later pull of the same card replaces the entry', async () => {
    const dir = dirs.make();
    const s = await open(dir);
    await s.pinRecheck.add(CARD, 'activation');
    await s.pinRecheck.add(CARD, 'change');
    expect(s.pinRecheck.purposeOf(CARD)).toBe('change');
    expect(s.pinRecheck.size()).toBe(1);
    await s.close();
  });

  it('keeps no card number on disk, only a keyed reference', async () => {
    const dir = dirs.make();
    const s = await open(dir);
    await s.pinRecheck.add(CARD, 'activation');
    await s.store.snapshot();
    await s.close();
    expect(filesContaining(dir, CARD)).toEqual([]);
    // The reference depends on the store's key: another kiosk's store does not match it.
    const elsewhere = await open(dirs.make());
    expect(elsewhere.pinRecheck.purposeOf(CARD)).toBeNull();
    await elsewhere.close();
  });

  it('drops entries older than the retention', async () => {
    const dir = dirs.make();
    let now = Date.UTC(2026, 0, 1);
    const s = await open(dir, () => now);
    await s.pinRecheck.add(CARD, 'activation');
    now += 179 * 24 * 3600_000;
    expect(s.pinRecheck.purposeOf(CARD)).toBe('activation');
    now += 2 * 24 * 3600_000;
    expect(s.pinRecheck.purposeOf(CARD)).toBeNull();
    await s.pinRecheck.add(OTHER, 'change');
    expect(s.pinRecheck.size()).toBe(1);
    await s.close();
  });
});
