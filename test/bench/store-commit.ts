/**
 * `npm run bench -- store-commit` — P1: p50 of one durable outbox commit, against
 * better-sqlite3 (WAL, synchronous=FULL) in the same run, at 1 MB and 64 MB databases; and
 * sql.js exporting the whole database on every write, for contrast. Commits are sequential
 * (one caller waiting for each), so group commit does not flatter the figure.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdtempSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import initSqlJs from 'sql.js';
import { silentLogger } from '../../electron/log';
import { storeConfigSchema } from '../../electron/store/config';
import { fsyncDirSync } from '../../electron/store/durable-file';
import { FieldCipher } from '../../electron/store/field-cipher';
import { openKioskStore } from '../../electron/store/kiosk-store';
import { KIOSK_MIGRATIONS } from '../../electron/store/migrations';

const MB = 1024 * 1024;
const ROW = 4000; // filler row size; rows = size / ROW
const cipher = new FieldCipher(randomBytes(32));
const PAYLOAD = {
  idNumber: '11010519491231002X',
  phone: '13812345678',
  card: 'A12345678',
  reason: 'lost',
};
const fillerSql = (bytes: number) =>
  `INSERT INTO filler (id, body) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${Math.ceil(bytes / ROW)}) SELECT x, zeroblob(${ROW}) FROM c`;
const OUTBOX_INSERT = `INSERT INTO outbox (key, kind, payload, summary, created_at, attempts, next_attempt_at, state) VALUES (?, 'loss_report', ?, '{}', ?, 0, ?, 'pending')`;

function p50(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

type Commit = () => Promise<void> | void;

interface Target {
  readonly commit: Commit;
  readonly sizeBytes: () => number;
  readonly close: () => Promise<void> | void;
}

async function ours(dir: string, bytes: number): Promise<Target> {
  const config = storeConfigSchema.parse({ dataDir: dir });
  const opened = await openKioskStore({ config, log: silentLogger() });
  if (!opened.ok) throw new Error(opened.error.message);
  const k = opened.value;
  await k.store.transaction((tx) => {
    tx.run('CREATE TABLE filler (id INTEGER PRIMARY KEY, body BLOB)');
    tx.run(fillerSql(bytes));
  });
  const snap = await k.store.snapshot(); // the size lives in the snapshot, as in steady state
  if (!snap.ok) throw new Error(snap.error.message);
  return {
    commit: async () => {
      const r = await k.outbox.record({ kind: 'loss_report', payload: PAYLOAD });
      if (!r.ok) throw new Error(r.error.kind);
    },
    sizeBytes: () =>
      Number(
        k.store.get(
          'SELECT page_count * page_size AS b FROM pragma_page_count(), pragma_page_size()',
        )?.b,
      ),
    close: () => k.close(),
  };
}

function peer(dir: string, bytes: number): Target {
  const db = new Database(join(dir, 'peer.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  for (const m of KIOSK_MIGRATIONS) for (const st of m.statements) db.exec(st);
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body BLOB)');
  db.exec(fillerSql(bytes));
  db.pragma('wal_checkpoint(TRUNCATE)');
  const insert = db.prepare(OUTBOX_INSERT);
  return {
    commit: () => {
      const now = Date.now();
      // Autocommit: one durable transaction each, sealed payload as ours.
      insert.run(randomUUID(), cipher.seal(JSON.stringify(PAYLOAD), 'outbox.payload'), now, now);
    },
    sizeBytes: () =>
      Number(db.pragma('page_count', { simple: true })) *
      Number(db.pragma('page_size', { simple: true })),
    close: () => {
      db.close();
    },
  };
}

async function naive(dir: string, bytes: number): Promise<Target> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  for (const m of KIOSK_MIGRATIONS) for (const st of m.statements) db.run(st);
  db.run('CREATE TABLE filler (id INTEGER PRIMARY KEY, body BLOB)');
  db.run(fillerSql(bytes));
  const path = join(dir, 'naive.db');
  return {
    commit: () => {
      const now = Date.now();
      db.run(OUTBOX_INSERT, [
        randomUUID(),
        cipher.seal(JSON.stringify(PAYLOAD), 'outbox.payload'),
        now,
        now,
      ]);
      const image = db.export();
      const fd = openSync(`${path}.tmp`, 'w');
      writeSync(fd, image);
      fsyncSync(fd);
      closeSync(fd);
      renameSync(`${path}.tmp`, path);
      fsyncDirSync(dir);
    },
    sizeBytes: () => bytes,
    close: () => db.close(),
  };
}

/**
 * Round-robin: one commit of each target per round, so the shared disk's drift (other
 * processes, writeback) hits every target alike instead of whichever ran during a bad minute.
 */
async function interleaved(targets: Target[], rounds: number, warmup: number): Promise<number[]> {
  const samples = targets.map(() => [] as number[]);
  for (let r = 0; r < warmup + rounds; r += 1) {
    for (let i = 0; i < targets.length; i += 1) {
      const t = performance.now();
      await targets[i]?.commit();
      if (r >= warmup) samples[i]?.push(performance.now() - t);
    }
  }
  return samples.map(p50);
}

const root = mkdtempSync(join(tmpdir(), 'ssc-bench-commit-'));
try {
  const mk = (name: string) => mkdtempSync(join(root, `${name}-`));
  const targets = [
    await ours(mk('ours-1'), 1 * MB),
    peer(mk('peer-1'), 1 * MB),
    await ours(mk('ours-64'), 64 * MB),
    peer(mk('peer-64'), 64 * MB),
  ];
  const [o1, p1, o64, p64] = await interleaved(targets, 300, 30);
  const labels = [
    'sql.js + journal',
    'better-sqlite3 WAL',
    'sql.js + journal',
    'better-sqlite3 WAL',
  ];
  const p50s = [o1, p1, o64, p64];
  for (let i = 0; i < targets.length; i += 1) {
    const size = (targets[i]?.sizeBytes() ?? 0) / MB;
    console.log(
      `  ${(labels[i] ?? '').padEnd(22)} ${size.toFixed(1).padStart(6)} MB  p50 ${(p50s[i] ?? NaN).toFixed(3)} ms`,
    );
  }
  for (const t of targets) await t.close();
  const naives = [await naive(mk('naive-1'), 1 * MB), await naive(mk('naive-64'), 64 * MB)];
  const [n1, n64] = await interleaved(naives, 10, 2);
  console.log(
    `  ${'sql.js export/commit'.padEnd(22)} ${'1.0'.padStart(6)} MB  p50 ${(n1 ?? NaN).toFixed(3)} ms`,
  );
  console.log(
    `  ${'sql.js export/commit'.padEnd(22)} ${'64.0'.padStart(6)} MB  p50 ${(n64 ?? NaN).toFixed(3)} ms`,
  );
  for (const t of naives) await t.close();
  if ([o1, p1, o64, p64, n1, n64].some((x) => x === undefined)) throw new Error('missing result');
  const r1 = (o1 ?? NaN) / (p1 ?? NaN);
  const r64 = (o64 ?? NaN) / (p64 ?? NaN);
  const ratio = Math.max(r1, r64);
  const sizeRatio = (o64 ?? NaN) / (o1 ?? NaN);
  console.log('');
  console.log(
    `ours / better-sqlite3: 1 MB ${r1.toFixed(2)}x, 64 MB ${r64.toFixed(2)}x (the worse counts)`,
  );
  console.log(
    `naive export-per-commit / ours: 1 MB ${((n1 ?? NaN) / (o1 ?? NaN)).toFixed(1)}x, 64 MB ${((n64 ?? NaN) / (o64 ?? NaN)).toFixed(1)}x`,
  );
  const pass = ratio <= 2 && sizeRatio <= 1.5;
  console.log(
    `store-commit: ${ratio.toFixed(2)}x vs better-sqlite3, size ratio ${sizeRatio.toFixed(2)} (goal ≤2x, ≤1.5) ${pass ? 'PASS' : 'FAIL'}`,
  );
  process.exitCode = pass ? 0 : 1;
} finally {
  rmSync(root, { recursive: true, force: true });
}
