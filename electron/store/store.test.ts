import { readdirSync, readFileSync, writeFileSync, appendFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import type { Migration } from './migrations';
import { Store, type StoreOptions } from './store';
import { FaultyIo, flipByte, tempDirs } from './test-support';
import pino from 'pino';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'items',
    statements: [
      'CREATE TABLE parent (id INTEGER PRIMARY KEY)',
      'CREATE TABLE item (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parent(id), v TEXT)',
    ],
  },
];

async function open(dir: string, extra: Partial<StoreOptions> = {}): Promise<Store> {
  const r = await Store.open({ dir, log: silentLogger(), migrations: MIGRATIONS, ...extra });
  if (!r.ok) throw new Error(`open failed: ${r.error.message}`);
  return r.value;
}

const insert = (s: Store, id: number, v = `v${id}`) =>
  s.transaction((tx) => tx.run('INSERT INTO item (id, v) VALUES (?, ?)', [id, v]));

const ids = (s: Store) => s.all('SELECT id FROM item ORDER BY id').map((r) => Number(r.id));

const journals = (dir: string) =>
  readdirSync(dir)
    .filter((n) => n.startsWith('journal-'))
    .sort();
const snapshots = (dir: string) =>
  readdirSync(dir)
    .filter((n) => n.startsWith('snapshot-'))
    .sort();

describe('Store', () => {
  it('keeps committed transactions across a reopen by replaying the journal', async () => {
    const dir = dirs.make();
    const s = await open(dir);
    for (let i = 1; i <= 5; i += 1) expect((await insert(s, i)).ok).toBe(true);
    await s.close();
    const again = await open(dir);
    expect(ids(again)).toEqual([1, 2, 3, 4, 5]);
    expect(again.status().recovery.replayedRecords).toBeGreaterThanOrEqual(5);
    await again.close();
  });

  it('rolls back a transaction whose body throws and journals nothing for it', async () => {
    const dir = dirs.make();
    const s = await open(dir);
    const before = s.status().journalBytes;
    await expect(
      s.transaction((tx) => {
        tx.run('INSERT INTO item (id) VALUES (1)');
        throw new Error('bug');
      }),
    ).rejects.toThrow('bug');
    expect(ids(s)).toEqual([]);
    expect(s.status().journalBytes).toBe(before);
    await s.close();
  });

  it('group-commits concurrent transactions and answers each after it is durable', async () => {
    const dir = dirs.make();
    const io = new FaultyIo();
    const s = await open(dir, { io });
    const syncsBefore = io.datasyncs;
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => insert(s, i + 1)));
    expect(results.every((r) => r.ok)).toBe(true);
    // The first commit goes alone; the 39 that queued behind it share the next fdatasync.
    expect(io.datasyncs - syncsBefore).toBeLessThanOrEqual(3);
    await s.close();
    const again = await open(dir);
    expect(ids(again)).toHaveLength(40);
    await again.close();
  });

  it('enforces foreign keys, also after a snapshot (sql.js export resets pragmas)', async () => {
    const dir = dirs.make();
    const s = await open(dir);
    const bad = () => s.transaction((tx) => tx.run('INSERT INTO item (id, parent) VALUES (1, 99)'));
    await expect(bad()).rejects.toThrow(/FOREIGN KEY/);
    expect((await s.snapshot()).ok).toBe(true);
    await expect(bad()).rejects.toThrow(/FOREIGN KEY/);
    await s.close();
  });

  it('snapshots into a new generation and keeps the previous snapshot as fallback', async () => {
    const dir = dirs.make();
    const s = await open(dir);
    await insert(s, 1);
    expect((await s.snapshot()).ok).toBe(true);
    await insert(s, 2);
    expect((await s.snapshot()).ok).toBe(true);
    await insert(s, 3);
    expect((await s.snapshot()).ok).toBe(true);
    expect(snapshots(dir)).toEqual(['snapshot-00000003.db', 'snapshot-00000004.db']);
    expect(journals(dir)).toEqual(['journal-00000003.log', 'journal-00000004.log']);
    await insert(s, 4);
    await s.close();
    const again = await open(dir);
    expect(ids(again)).toEqual([1, 2, 3, 4]);
    await again.close();
  });

  it('takes a snapshot by itself once the journal passes the threshold', async () => {
    const dir = dirs.make();
    const s = await open(dir, { snapshotJournalBytes: 2000 });
    for (let i = 1; i <= 60; i += 1) await insert(s, i, 'x'.repeat(50));
    await s.close();
    expect(Number(snapshots(dir).at(-1)?.slice(9, 17))).toBeGreaterThan(1);
    const again = await open(dir);
    expect(ids(again)).toHaveLength(60);
    await again.close();
  });

  it('discards a torn last journal record and keeps every whole one', async () => {
    const dir = dirs.make();
    const s = await open(dir);
    await insert(s, 1);
    await insert(s, 2);
    await s.close();
    const j = join(dir, journals(dir).at(-1) ?? '');
    const whole = statSync(j).size;
    // A record header that promises 500 bytes, followed by only 10: a crash mid-append.
    const torn = Buffer.alloc(18);
    torn.writeUInt32LE(500, 0);
    appendFileSync(j, torn);
    const again = await open(dir);
    expect(ids(again)).toEqual([1, 2]);
    expect(again.status().recovery.tornBytesDiscarded).toBe(18);
    expect(statSync(j).size).toBe(whole);
    await insert(again, 3);
    await again.close();
    const third = await open(dir);
    expect(ids(third)).toEqual([1, 2, 3]);
    await third.close();
  });

  it('discards a last record whose checksum does not match', async () => {
    const dir = dirs.make();
    const s = await open(dir);
    await insert(s, 1);
    await insert(s, 2);
    await s.close();
    const j = join(dir, journals(dir).at(-1) ?? '');
    const buf = readFileSync(j);
    flipByte(buf, -3);
    writeFileSync(j, buf);
    const again = await open(dir);
    expect(ids(again)).toEqual([1]);
    await again.close();
  });

  it('falls back to the previous snapshot when the newest is corrupt, and says so', async () => {
    const dir = dirs.make();
    const s = await open(dir);
    await insert(s, 1);
    await s.snapshot();
    await insert(s, 2);
    await s.snapshot();
    await insert(s, 3);
    await s.close();
    const newest = join(dir, snapshots(dir).at(-1) ?? '');
    const buf = readFileSync(newest);
    flipByte(buf, -100, 0x55);
    writeFileSync(newest, buf);
    const logged: string[] = [];
    const log = pino({ level: 'error' }, { write: (line: string) => logged.push(line) });
    const again = await open(dir, { log });
    expect(ids(again)).toEqual([1, 2, 3]);
    expect(again.status().recovery.corruptSnapshots).toHaveLength(1);
    expect(logged.some((m) => m.includes('falling back'))).toBe(true);
    await again.close();
  });

  it('refuses to open (typed error) rather than start empty when no snapshot is usable', async () => {
    const dir = dirs.make();
    const s = await open(dir);
    await insert(s, 1);
    await s.close();
    for (const n of snapshots(dir)) writeFileSync(join(dir, n), 'garbage');
    const r = await Store.open({ dir, log: silentLogger(), migrations: MIGRATIONS });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('store_corrupt');
  });

  it('refuses to open when a closed journal needed for replay is damaged', async () => {
    const dir = dirs.make();
    const s = await open(dir);
    await insert(s, 1);
    await s.snapshot();
    await insert(s, 2);
    await s.snapshot();
    await insert(s, 3);
    await s.close();
    // Newest snapshot unusable and the middle journal gone: replay would skip committed data.
    writeFileSync(join(dir, snapshots(dir).at(-1) ?? ''), 'garbage');
    const middle = journals(dir)[0] ?? '';
    writeFileSync(join(dir, middle), 'garbage');
    const r = await Store.open({ dir, log: silentLogger(), migrations: MIGRATIONS });
    expect(r.ok).toBe(false);
  });

  it('reports a full disk to the caller and as a fault, loses nothing committed, and recovers', async () => {
    const dir = dirs.make();
    const io = new FaultyIo();
    const s = await open(dir, { io });
    await insert(s, 1);
    const seen: string[] = [];
    s.onStatus((st) => seen.push(st.state));
    io.failAppends = { code: 'ENOSPC', partial: true };
    const failed = await Promise.all([insert(s, 2), insert(s, 3)]);
    expect(failed.map((r) => (r.ok ? 'ok' : r.error.kind))).toEqual(['disk_full', 'disk_full']);
    expect(s.status().fault?.reason).toBe('disk_full');
    // Memory was rebuilt from disk: the refused rows are not visible to anyone.
    expect(ids(s)).toEqual([1]);
    io.failAppends = null;
    expect((await insert(s, 4)).ok).toBe(true);
    expect(s.status().state).toBe('ok');
    expect(seen).toEqual(['fault', 'ok']);
    await s.close();
    const again = await open(dir);
    expect(ids(again)).toEqual([1, 4]);
    await again.close();
  });

  it('refuses further commits when a failed write cannot even be cut off (read-only disk)', async () => {
    const dir = dirs.make();
    const io = new FaultyIo();
    const s = await open(dir, { io });
    await insert(s, 1);
    io.failAppends = { code: 'EROFS', partial: true };
    io.failTruncate = true;
    const r = await insert(s, 2);
    expect(!r.ok && r.error.kind).toBe('read_only');
    io.failAppends = null;
    const next = await insert(s, 3);
    expect(!next.ok && next.error.kind).toBe('read_only');
    expect(s.status().fault?.reason).toBe('read_only');
    await s.close();
    const again = await open(dir);
    expect(ids(again)).toEqual([1]);
    await again.close();
  });

  it('reports a snapshot that cannot be written without losing the journal', async () => {
    const dir = dirs.make();
    const io = new FaultyIo();
    const s = await open(dir, { io });
    await insert(s, 1);
    io.failAtomicWrites = 'ENOSPC';
    const r = await s.snapshot();
    expect(!r.ok && r.error.kind).toBe('disk_full');
    expect(s.status().state).toBe('fault');
    io.failAtomicWrites = null;
    await insert(s, 2);
    expect((await s.snapshot()).ok).toBe(true);
    await s.close();
    const again = await open(dir);
    expect(ids(again)).toEqual([1, 2]);
    await again.close();
    // The failed generation left no snapshot; the fallback must still reach back to the last good one.
    const newest = join(dir, snapshots(dir).at(-1) ?? '');
    writeFileSync(newest, 'garbage');
    const fallback = await open(dir);
    expect(ids(fallback)).toEqual([1, 2]);
    await fallback.close();
  });

  it('applies migrations once, in version order, and records them', async () => {
    const dir = dirs.make();
    const s = await open(dir);
    await s.close();
    const more: Migration[] = [
      ...MIGRATIONS,
      { version: 2, name: 'note', statements: ['ALTER TABLE item ADD COLUMN note TEXT'] },
    ];
    const r = await Store.open({ dir, log: silentLogger(), migrations: more });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.all('SELECT version FROM schema_migrations ORDER BY version')).toEqual([
      { version: 1 },
      { version: 2 },
    ]);
    await r.value.close();
    const third = await Store.open({ dir, log: silentLogger(), migrations: more });
    if (!third.ok) throw new Error(third.error.message);
    expect(third.value.get('SELECT COUNT(*) AS n FROM schema_migrations')).toEqual({ n: 2 });
    await third.value.close();
  });

  it('commits in time independent of the database size: each record holds only its statements', async () => {
    const dir = dirs.make();
    const s = await open(dir);
    const big = 'y'.repeat(2000);
    for (let i = 1; i <= 300; i += 1) await insert(s, i, big);
    const before = s.status().journalBytes;
    await insert(s, 1000, 'small');
    // One small commit appends a record of its own size, not a copy of the 600 KB database.
    expect(s.status().journalBytes - before).toBeLessThan(300);
    await s.close();
  });
});
