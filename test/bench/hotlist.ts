/**
 * `npm run bench -- hotlist` — P3: the invalid list at 5,000,000 card numbers. Measures, each in
 * a fresh child process (so resident memory is the structure's own): load from disk, resident
 * memory added, lookup p99 (every lookup timed singly, timer cost included), and applying a
 * 10,000-entry delta (5,000 added + 5,000 removed, durable for ours). Peers in the same run: a
 * JS Set<string> loaded from a text file, and a sql.js table with an index on the card number.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import initSqlJs from 'sql.js';
import { cardCheckCharacter } from '../../electron/domain/card-number';
import { silentLogger } from '../../electron/log';
import { decodeCardNumber, encodeCardNumber } from '../../electron/store/card-code';
import { nodeStoreIo } from '../../electron/store/durable-file';
import { sortUnique } from '../../electron/store/hotlist';
import { HotlistFiles } from '../../electron/store/hotlist-files';

const COUNT = Number(process.env.HOTLIST_COUNT ?? 5_000_000);
const PROBES = 200_000;
const DELTA_HALF = 5_000;
const DELTAS = 5;

interface PhaseResult {
  loadMs: number;
  memMB: number;
  p99us: number;
  p50us: number;
  deltaMs: number;
}

function randomCard(): string {
  const first8 =
    String.fromCharCode(65 + Math.floor(Math.random() * 26)) +
    String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0');
  return first8 + (cardCheckCharacter(first8) ?? '0');
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function rssMB(): number {
  gc();
  return process.memoryUsage().rss / (1024 * 1024);
}

function quantile(samples: Float64Array, q: number): number {
  const s = Float64Array.from(samples).sort();
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

function timeLookups(
  probes: readonly string[],
  has: (c: string) => boolean,
): { p50: number; p99: number; hits: number } {
  for (let i = 0; i < 20_000; i += 1) has(probes[i % probes.length] ?? ''); // warm up the JIT
  const t = new Float64Array(probes.length);
  let hits = 0;
  for (let i = 0; i < probes.length; i += 1) {
    const p = probes[i] ?? '';
    const a = process.hrtime.bigint();
    if (has(p)) hits += 1;
    t[i] = Number(process.hrtime.bigint() - a) / 1000;
  }
  return { p50: quantile(t, 0.5), p99: quantile(t, 0.99), hits };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** Each delta removes entries known to be on the list and adds fresh ones. */
function makeDeltas(listed: readonly string[]): { added: string[]; removed: string[] }[] {
  return Array.from({ length: DELTAS }, (_, d) => ({
    added: Array.from({ length: DELTA_HALF }, randomCard),
    removed: listed.slice(d * DELTA_HALF, (d + 1) * DELTA_HALF),
  }));
}

async function phase(kind: string, dir: string): Promise<PhaseResult> {
  const probes = readFileSync(join(dir, 'probes.txt'), 'utf8').split('\n');
  const listedSample = probes.slice(0, PROBES / 2);
  const deltas = makeDeltas(listedSample);
  const base = rssMB();
  if (kind === 'ours') {
    const t0 = performance.now();
    const opened = HotlistFiles.open({
      dir: join(dir, 'ours'),
      io: nodeStoreIo,
      log: silentLogger(),
    });
    const loadMs = performance.now() - t0;
    if (!opened.ok) throw new Error(opened.error.message);
    const files = opened.value;
    const memMB = rssMB() - base;
    const l = timeLookups(probes, (c) => files.has(c));
    const times: number[] = [];
    let version = files.version;
    for (const d of deltas) {
      const t = performance.now();
      const r = await files.applyDelta({ fromVersion: version, toVersion: version + 1, ...d });
      times.push(performance.now() - t);
      if (!r.ok) throw new Error(r.error.message);
      version += 1;
    }
    await files.close();
    return { loadMs, memMB, p99us: l.p99, p50us: l.p50, deltaMs: median(times) };
  }
  if (kind === 'set') {
    const t0 = performance.now();
    const set = new Set(readFileSync(join(dir, 'list.txt'), 'utf8').split('\n'));
    const loadMs = performance.now() - t0;
    const memMB = rssMB() - base;
    const l = timeLookups(probes, (c) => set.has(c));
    const times = deltas.map((d) => {
      const t = performance.now();
      for (const c of d.added) set.add(c);
      for (const c of d.removed) set.delete(c);
      return performance.now() - t;
    });
    return { loadMs, memMB, p99us: l.p99, p50us: l.p50, deltaMs: median(times) };
  }
  const SQL = await initSqlJs();
  const base2 = rssMB();
  const t0 = performance.now();
  const db = new SQL.Database(readFileSync(join(dir, 'list.sqlite')));
  const loadMs = performance.now() - t0;
  const memMB = rssMB() - base2;
  const stmt = db.prepare('SELECT 1 FROM hotlist WHERE card = ?');
  const l = timeLookups(probes, (c) => {
    stmt.bind([c]);
    const found = stmt.step();
    stmt.reset();
    return found;
  });
  const ins = db.prepare('INSERT OR IGNORE INTO hotlist (card) VALUES (?)');
  const del = db.prepare('DELETE FROM hotlist WHERE card = ?');
  const times = deltas.map((d) => {
    const t = performance.now();
    db.run('BEGIN');
    for (const c of d.added) ins.run([c]);
    for (const c of d.removed) del.run([c]);
    db.run('COMMIT');
    return performance.now() - t;
  });
  return { loadMs, memMB, p99us: l.p99, p50us: l.p50, deltaMs: median(times) };
}

async function prepare(dir: string): Promise<void> {
  console.log(`generating ${COUNT.toLocaleString('en')} card numbers…`);
  const raw = new Uint32Array(Math.ceil(COUNT * 1.01));
  for (let i = 0; i < raw.length; i += 1) raw[i] = encodeCardNumber(randomCard()) ?? 0;
  const codes = sortUnique(raw).subarray(0, COUNT);
  const cards = Array.from(codes, decodeCardNumber);
  const files = HotlistFiles.open({ dir: join(dir, 'ours'), io: nodeStoreIo, log: silentLogger() });
  if (!files.ok) throw new Error(files.error.message);
  const written = await files.value.replaceAll(1, cards);
  if (!written.ok) throw new Error(written.error.message);
  await files.value.close();
  writeFileSync(join(dir, 'list.txt'), cards.join('\n'));
  const probes: string[] = [];
  for (let i = 0; i < PROBES / 2; i += 1)
    probes.push(cards[Math.floor(Math.random() * cards.length)] ?? '');
  for (let i = 0; i < PROBES / 2; i += 1) probes.push(randomCard());
  writeFileSync(join(dir, 'probes.txt'), probes.join('\n'));
  console.log('building the sql.js peer table…');
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run('CREATE TABLE hotlist (card TEXT NOT NULL)');
  db.run('BEGIN');
  const ins = db.prepare('INSERT INTO hotlist (card) VALUES (?)');
  for (const c of cards) ins.run([c]);
  ins.free();
  db.run('COMMIT');
  db.run('CREATE UNIQUE INDEX hotlist_card ON hotlist (card)');
  writeFileSync(join(dir, 'list.sqlite'), db.export());
  db.close();
}

const [flag, kind, dirArg] = process.argv.slice(2);
if (flag === '--phase' && kind && dirArg) {
  console.log(JSON.stringify(await phase(kind, dirArg)));
} else {
  const dir = mkdtempSync(join(tmpdir(), 'ssc-bench-hotlist-'));
  try {
    await prepare(dir);
    const self = fileURLToPath(import.meta.url);
    const results: Record<string, PhaseResult> = {};
    for (const k of ['ours', 'set', 'sqljs']) {
      const r = spawnSync(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', self, '--phase', k, dir],
        {
          encoding: 'utf8',
          maxBuffer: 1024 * 1024,
        },
      );
      if (r.status !== 0) throw new Error(`${k} phase failed: ${r.stderr}`);
      results[k] = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as PhaseResult;
    }
    console.log(
      `\n${COUNT.toLocaleString('en')} entries     load s   memory MB   lookup p50 µs   p99 µs   10k delta ms`,
    );
    const names: Record<string, string> = {
      ours: 'sorted Uint32Array',
      set: 'Set<string> (peer)',
      sqljs: 'sql.js index (peer)',
    };
    for (const [k, r] of Object.entries(results)) {
      console.log(
        `${(names[k] ?? k).padEnd(21)} ${(r.loadMs / 1000).toFixed(3).padStart(7)} ${r.memMB.toFixed(1).padStart(11)} ${r.p50us.toFixed(2).padStart(15)} ${r.p99us.toFixed(2).padStart(8)} ${r.deltaMs.toFixed(1).padStart(14)}`,
      );
    }
    const o = results.ours;
    const s = results.set;
    const q = results.sqljs;
    if (!o || !s || !q) throw new Error('missing phase');
    console.log(
      `ratios vs Set: load ${(o.loadMs / s.loadMs).toFixed(2)}x, memory ${(o.memMB / s.memMB).toFixed(2)}x; vs sql.js: load ${(o.loadMs / q.loadMs).toFixed(2)}x, memory ${(o.memMB / q.memMB).toFixed(2)}x, p99 ${(o.p99us / q.p99us).toFixed(2)}x`,
    );
    console.log('(ours: delta includes the durable append + fdatasync; peers: in memory only)');
    const pass =
      o.loadMs <= 1500 && o.memMB <= 64 && o.p99us <= 5 && o.deltaMs <= 50 && COUNT >= 5_000_000;
    console.log(
      `hotlist: load ${(o.loadMs / 1000).toFixed(2)}s, ${o.memMB.toFixed(1)}MB, p99 ${o.p99us.toFixed(2)}µs, delta ${o.deltaMs.toFixed(1)}ms ${pass ? 'PASS' : 'FAIL'}`,
    );
    process.exitCode = pass ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
