import { readFileSync, writeFileSync, appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { decodeCardNumber, encodeCardNumber } from './card-code';
import { nodeStoreIo } from './durable-file';
import { Hotlist } from './hotlist';
import { HotlistFiles } from './hotlist-files';
import { FaultyIo, flipByte, tempDirs } from './test-support';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const cardArb = fc
  .tuple(
    fc.integer({ min: 0, max: 25 }),
    fc.integer({ min: 0, max: 9_999_999 }),
    fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'),
  )
  .map(([l, d, c]) => String.fromCharCode(65 + l) + String(d).padStart(7, '0') + c);

describe('card codes', () => {
  it('round-trip every card number and keep string order', () => {
    fc.assert(
      fc.property(cardArb, cardArb, (a, b) => {
        const ca = encodeCardNumber(a);
        const cb = encodeCardNumber(b);
        expect(ca !== null && decodeCardNumber(ca)).toBe(a);
        expect(Math.sign((ca ?? 0) - (cb ?? 0))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
    expect(encodeCardNumber('Z9999999X')).toBeLessThan(2 ** 32);
  });

  it('refuse anything that is not letter + 7 digits + check', () => {
    for (const bad of ['', 'a12345678', 'A1234567', 'A1234567Y', '112345678', 'A12345678X']) {
      expect(encodeCardNumber(bad)).toBeNull();
    }
  });
});

describe('Hotlist', () => {
  it('answers lookups like a Set of the same numbers', () => {
    fc.assert(
      fc.property(
        fc.array(cardArb, { maxLength: 200 }),
        fc.array(cardArb, { maxLength: 50 }),
        (list, probes) => {
          const h = Hotlist.fromCardNumbers(1, list);
          if (!h.ok) throw new Error('build');
          const set = new Set(list);
          for (const p of [...probes, ...list]) expect(h.value.has(p)).toBe(set.has(p));
          expect(h.value.size).toBe(set.size);
        },
      ),
    );
  });

  it('applies deltas like set operations, removal winning, and moves the version', () => {
    fc.assert(
      fc.property(
        fc.array(cardArb, { maxLength: 100 }),
        fc.array(cardArb, { maxLength: 40 }),
        fc.array(cardArb, { maxLength: 40 }),
        (base, added, removed) => {
          const h = Hotlist.fromCardNumbers(3, base);
          if (!h.ok) throw new Error('build');
          const next = h.value.applyDelta({ fromVersion: 3, toVersion: 4, added, removed });
          if (!next.ok) throw new Error('delta');
          const expected = new Set([...base, ...added]);
          for (const r of removed) expected.delete(r);
          expect(next.value.size).toBe(expected.size);
          for (const c of [...base, ...added, ...removed])
            expect(next.value.has(c)).toBe(expected.has(c));
          expect(next.value.version).toBe(4);
          expect(h.value.size).toBe(new Set(base).size);
        },
      ),
    );
  });

  it('refuses a delta that does not follow its version, and malformed numbers', () => {
    const h = Hotlist.fromCardNumbers(5, ['A12345678']);
    if (!h.ok) throw new Error('build');
    const gap = h.value.applyDelta({ fromVersion: 4, toVersion: 6, added: [], removed: [] });
    expect(!gap.ok && gap.error.kind).toBe('hotlist_version');
    const bad = h.value.applyDelta({ fromVersion: 5, toVersion: 6, added: ['nope'], removed: [] });
    expect(!bad.ok && bad.error.kind).toBe('hotlist_card_number');
    expect(Hotlist.fromCardNumbers(1, ['A1234']).ok).toBe(false);
  });
});

describe('HotlistFiles', () => {
  const open = (dir: string, compactBytes?: number) => {
    const r = HotlistFiles.open({ dir, io: nodeStoreIo, log: silentLogger(), compactBytes });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };

  it('persists a full list and its deltas across reopen', async () => {
    const dir = dirs.make();
    const f = open(dir);
    expect((await f.replaceAll(10, ['A00000011', 'B12345678', 'C00000001'])).ok).toBe(true);
    expect(
      (
        await f.applyDelta({
          fromVersion: 10,
          toVersion: 11,
          added: ['D00000002'],
          removed: ['B12345678'],
        })
      ).ok,
    ).toBe(true);
    await f.close();
    const g = open(dir);
    expect(g.version).toBe(11);
    expect(['A00000011', 'B12345678', 'C00000001', 'D00000002'].map((c) => g.has(c))).toEqual([
      true,
      false,
      true,
      true,
    ]);
    await g.close();
  });

  it('folds deltas into the base once the delta log grows, and still loads the same list', async () => {
    const dir = dirs.make();
    const f = open(dir, 64 * 1024);
    await f.replaceAll(1, []);
    const all: string[] = [];
    for (let v = 1; v <= 8; v += 1) {
      const added = Array.from(
        { length: 3000 },
        (_, i) => `E${String(v * 10000 + i).padStart(7, '0')}1`,
      );
      all.push(...added);
      const r = await f.applyDelta({ fromVersion: v, toVersion: v + 1, added, removed: [] });
      expect(r.ok).toBe(true);
    }
    await f.close();
    expect(readFileSync(join(dir, 'hotlist-deltas.log')).length).toBeLessThan(64 * 1024);
    const g = open(dir);
    expect(g.version).toBe(9);
    expect(g.list.size).toBe(all.length);
    expect(all.every((c) => g.has(c))).toBe(true);
    await g.close();
  });

  it('discards a torn delta and refuses a stale one', async () => {
    const dir = dirs.make();
    const f = open(dir);
    await f.replaceAll(1, ['A00000011']);
    await f.applyDelta({ fromVersion: 1, toVersion: 2, added: ['B00000011'], removed: [] });
    const stale = await f.applyDelta({
      fromVersion: 1,
      toVersion: 2,
      added: ['C00000011'],
      removed: [],
    });
    expect(!stale.ok && stale.error.kind).toBe('hotlist_version');
    await f.close();
    appendFileSync(join(dir, 'hotlist-deltas.log'), Buffer.from([200, 0, 0, 0, 1, 2]));
    const g = open(dir);
    expect([g.version, g.has('B00000011'), g.has('C00000011')]).toEqual([2, true, false]);
    await g.close();
  });

  it('answers a full disk with a typed error and keeps the list it had', async () => {
    const dir = dirs.make();
    const io = new FaultyIo();
    const r = HotlistFiles.open({ dir, io, log: silentLogger() });
    if (!r.ok) throw new Error(r.error.message);
    const f = r.value;
    await f.replaceAll(1, ['A00000011']);
    io.failAppends = { code: 'ENOSPC', partial: true };
    const d = await f.applyDelta({
      fromVersion: 1,
      toVersion: 2,
      added: ['B00000011'],
      removed: [],
    });
    expect(!d.ok && d.error.kind).toBe('disk_full');
    expect([f.version, f.has('B00000011')]).toEqual([1, false]);
    io.failAppends = null;
    const retry = await f.applyDelta({
      fromVersion: 1,
      toVersion: 2,
      added: ['B00000011'],
      removed: [],
    });
    expect(retry.ok).toBe(true);
    await f.close();
    const g = open(dir);
    expect([g.version, g.has('A00000011'), g.has('B00000011')]).toEqual([2, true, true]);
    await g.close();
  });

  it('starts empty (version 0, so the sync engine fetches a full list) when the base is damaged', async () => {
    const dir = dirs.make();
    const f = open(dir);
    await f.replaceAll(7, ['A00000011', 'B00000011']);
    await f.close();
    const base = join(dir, 'hotlist.bin');
    const buf = readFileSync(base);
    flipByte(buf, -1, 1);
    writeFileSync(base, buf);
    const g = open(dir);
    expect([g.version, g.list.size]).toEqual([0, 0]);
    await g.close();
    expect(readdirSync(dir).sort()).toEqual(['hotlist-deltas.log', 'hotlist.bin']);
  });
});
