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
const payload = () =>
  cipher.seal(
    JSON.stringify({
      idNumber: '11010519491231002X',
      phone: '13812345678',
      card: 'A12345678',
      reason: 'lost',
    }),
    'outbox.payload',
  );
const fillerSql = (bytes: number) =>
  `INSERT INTO filler (id, body) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${Math.ceil(bytes / ROW)}) SELECT x, zeroblob(${ROW}) FROM c`;
const OUTBOX_INSERT = `INSERT INTO outbox (key, kind, payload, summary, created_at, attempts, next_attempt_at, state) VALUES (?, 'loss_report', ?, '{}', ?, 0, ?, 'pending')`;

function p50(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function timeEach(n: number, f: () => Promise<void> | void): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const t = performance.now();
    await f();
    out.push(performance.now() - t);
  }
  return out;
}

async function ours(dir: string, bytes: number, n: number): Promise<number> {
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
  const record = async () => {
    const r = await k.outbox.record({
      kind: 'loss_report',
      payload: {
        idNumber: '11010519491231002X',
        phone: '13812345678',
        card: 'A12345678',
        reason: 'lost',
      },
    });
    if (!r.ok) throw new Error(r.error.kind);
  };
  await timeEach(20, record);
  const samples = await timeEach(n, record);
  const size = Number(
    k.store.get('SELECT page_count * page_size AS b FROM pragma_page_count(), pragma_page_size()')
      ?.b,
  );
  await k.close();
  console.log(
    `  sql.js + journal     ${(size / MB).toFixed(1).padStart(6)} MB  p50 ${p50(samples).toFixed(3)} ms`,
  );
  return p50(samples);
}

function peer(dir: string, bytes: number, n: number): Promise<number> {
  const db = new Database(join(dir, 'peer.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  for (const m of KIOSK_MIGRATIONS) for (const s of m.statements) db.exec(s);
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body BLOB)');
  db.exec(fillerSql(bytes));
  db.pragma('wal_checkpoint(TRUNCATE)');
  const insert = db.prepare(OUTBOX_INSERT);
  const record = () => {
    const now = Date.now();
    insert.run(randomUUID(), payload(), now, now); // autocommit: one durable transaction each
  };
  return timeEach(20, record).then(async () => {
    const samples = await timeEach(n, record);
    const size =
      Number(db.pragma('page_count', { simple: true })) *
      Number(db.pragma('page_size', { simple: true }));
    db.close();
    console.log(
      `  better-sqlite3 WAL   ${(size / MB).toFixed(1).padStart(6)} MB  p50 ${p50(samples).toFixed(3)} ms`,
    );
    return p50(samples);
  });
}

async function naive(dir: string, bytes: number, n: number): Promise<number> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  for (const m of KIOSK_MIGRATIONS) for (const s of m.statements) db.run(s);
  db.run('CREATE TABLE filler (id INTEGER PRIMARY KEY, body BLOB)');
  db.run(fillerSql(bytes));
  const path = join(dir, 'naive.db');
  const record = () => {
    const now = Date.now();
    db.run(OUTBOX_INSERT, [randomUUID(), payload(), now, now]);
    const image = db.export();
    const fd = openSync(`${path}.tmp`, 'w');
    writeSync(fd, image);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(`${path}.tmp`, path);
    fsyncDirSync(dir);
  };
  await timeEach(2, record);
  const samples = await timeEach(n, record);
  db.close();
  console.log(
    `  sql.js export/commit ${(bytes / MB).toFixed(1).padStart(6)} MB  p50 ${p50(samples).toFixed(3)} ms`,
  );
  return p50(samples);
}

const root = mkdtempSync(join(tmpdir(), 'ssc-bench-commit-'));
try {
  const results: Record<string, { ours: number; peer: number; naive: number }> = {};
  for (const [label, bytes] of [
    ['1 MB', 1 * MB],
    ['64 MB', 64 * MB],
  ] as const) {
    console.log(`${label} database:`);
    const dir = mkdtempSync(join(root, 'run-'));
    const o = await ours(join(dir, 'ours'), bytes, 300);
    const p = await peer(dir, bytes, 300);
    const nv = await naive(dir, bytes, bytes > 8 * MB ? 10 : 40);
    results[label] = { ours: o, peer: p, naive: nv };
    rmSync(dir, { recursive: true, force: true });
  }
  const small = results['1 MB'];
  const big = results['64 MB'];
  if (!small || !big) throw new Error('missing result');
  const ratio = Math.max(small.ours / small.peer, big.ours / big.peer);
  const sizeRatio = big.ours / small.ours;
  console.log('');
  console.log(
    `ours / better-sqlite3: 1 MB ${(small.ours / small.peer).toFixed(2)}x, 64 MB ${(big.ours / big.peer).toFixed(2)}x (the worse counts)`,
  );
  console.log(
    `naive export-per-commit / ours: 1 MB ${(small.naive / small.ours).toFixed(1)}x, 64 MB ${(big.naive / big.ours).toFixed(1)}x`,
  );
  const pass = ratio <= 2 && sizeRatio <= 1.5;
  console.log(
    `store-commit: ${ratio.toFixed(2)}x vs better-sqlite3, size ratio ${sizeRatio.toFixed(2)} (goal ≤2x, ≤1.5) ${pass ? 'PASS' : 'FAIL'}`,
  );
  process.exitCode = pass ? 0 : 1;
} finally {
  rmSync(root, { recursive: true, force: true });
}
