import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  truncateSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Database, SqlJsStatic } from 'sql.js';
import type { Logger } from '../log';
import { err, ok, type Result } from '../result';
import { fsyncDirSync } from './durable-file';
import type { StoreError } from './errors';
import { decodeRecord, type JournalRecord } from './journal-record';
import { JOURNAL_HEADER, JOURNAL_MAGIC, journalName } from './journal-writer';
import { readFrames } from './record-frame';
import { parseSnapshot, snapshotHeader, snapshotName } from './snapshot-file';

export interface LoadedState {
  readonly db: Database;
  /** Generation of the newest journal: the one appends continue in. */
  readonly journalGen: number;
  /** Valid length of that journal (0 when it does not exist yet). */
  readonly journalSize: number;
  readonly snapshotGen: number;
  readonly lastSeq: number;
  readonly recovery: Recovery;
}

export interface Recovery {
  readonly corruptSnapshots: readonly string[];
  readonly tornBytesDiscarded: number;
  readonly replayedRecords: number;
}

const gensOf = (names: string[], re: RegExp): number[] =>
  names
    .map((n) => re.exec(n)?.[1])
    .filter((g): g is string => g !== undefined)
    .map(Number)
    .sort((a, b) => a - b);

/** Applies one journal record as a transaction; a failing statement means the files disagree. */
export function applyRecord(db: Database, rec: JournalRecord): void {
  db.run('BEGIN');
  try {
    for (const [sql, params] of rec.statements) db.run(sql, [...params]);
    db.run('COMMIT');
  } catch (e) {
    db.run('ROLLBACK');
    throw e;
  }
}

export function preparePragmas(db: Database): void {
  // Off by default in SQLite and reset by every sql.js export(), so set on each (re)open.
  db.run('PRAGMA foreign_keys = ON');
  // The database lives in Emscripten's in-memory file system, where a rollback journal file
  // per transaction is pure overhead (it was most of a commit's CPU time); durability is our
  // journal's job. MEMORY still lets a failed transaction roll back.
  db.run('PRAGMA journal_mode = MEMORY');
  db.run('PRAGMA synchronous = OFF');
}

function writeFileDurableSync(path: string, chunks: readonly Uint8Array[]): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    for (const c of chunks) writeSync(fd, c);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/**
 * Rebuilds the database from disk: the newest snapshot that passes its checksum and
 * `integrity_check` (falling back to the previous one, logged), then every journal from that
 * generation on. A torn tail of the newest journal is the crash's unfinished append and is cut
 * off; any other gap or damage is refused as corruption rather than silently dropped.
 */
export function loadDiskState(
  SQL: SqlJsStatic,
  dir: string,
  log: Logger,
  opts: { readonly repairTail: boolean },
): Result<LoadedState, StoreError> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const names = readdirSync(dir);
  for (const n of names) if (n.endsWith('.tmp') && opts.repairTail) unlinkSync(join(dir, n));
  const snapshots = gensOf(names, /^snapshot-(\d+)\.db$/);
  const journals = gensOf(names, /^journal-(\d+)\.log$/);

  if (snapshots.length === 0 && journals.length === 0) {
    const db = new SQL.Database();
    const image = db.export();
    preparePragmas(db);
    writeFileDurableSync(join(dir, snapshotName(1)), [snapshotHeader(1, 0, image), image]);
    fsyncDirSync(dir);
    const recovery = { corruptSnapshots: [], tornBytesDiscarded: 0, replayedRecords: 0 };
    return ok({ db, journalGen: 1, journalSize: 0, snapshotGen: 1, lastSeq: 0, recovery });
  }

  const corruptSnapshots: string[] = [];
  let base: { db: Database; gen: number; lastSeq: number } | null = null;
  for (const gen of [...snapshots].reverse()) {
    const name = snapshotName(gen);
    const parsed = parseSnapshot(readFileSync(join(dir, name)));
    let problem = typeof parsed === 'string' ? parsed : null;
    if (typeof parsed !== 'string') {
      try {
        const db = new SQL.Database(parsed.image);
        const check = db.exec('PRAGMA integrity_check');
        const verdict = check[0]?.values[0]?.[0];
        if (verdict === 'ok') {
          base = { db, gen, lastSeq: parsed.lastSeq };
          break;
        }
        db.close();
        problem = `integrity_check: ${String(verdict)}`;
      } catch (e) {
        problem = e instanceof Error ? e.message : String(e);
      }
    }
    corruptSnapshots.push(`${name}: ${problem ?? 'unknown'}`);
    log.error(
      { file: name, problem },
      'store: snapshot unusable, falling back to the previous one',
    );
  }
  if (!base) {
    return err({
      kind: 'store_corrupt',
      message: `no usable snapshot (${corruptSnapshots.join('; ')})`,
    });
  }
  const { db } = base;
  preparePragmas(db);

  let lastSeq = base.lastSeq;
  let replayed = 0;
  let torn = 0;
  const toReplay = journals.filter((g) => g >= base.gen);
  const newest = toReplay[toReplay.length - 1] ?? base.gen;
  let newestSize = 0;
  for (let i = 0; i < toReplay.length; i += 1) {
    const gen = toReplay[i] ?? 0;
    const isNewest = gen === newest;
    const fail = (message: string): Result<LoadedState, StoreError> => {
      db.close();
      return err({ kind: 'store_corrupt', message: `${journalName(gen)}: ${message}` });
    };
    const expected = i === 0 ? base.gen : (toReplay[i - 1] ?? 0) + 1;
    if (gen !== expected) return fail('a journal generation is missing');
    const path = join(dir, journalName(gen));
    const buf = readFileSync(path);
    const headerOk =
      buf.length >= JOURNAL_HEADER &&
      buf.subarray(0, 8).equals(JOURNAL_MAGIC) &&
      buf.readUInt32LE(8) === gen;
    if (!headerOk) {
      // Only the newest journal can be caught half-created by a crash.
      if (!isNewest) return fail('bad header');
      torn += buf.length;
      if (opts.repairTail && buf.length > 0) truncateSync(path, 0);
      newestSize = 0;
      continue;
    }
    const scan = readFrames(buf, JOURNAL_HEADER);
    for (const payload of scan.payloads) {
      const rec = decodeRecord(payload);
      if (!rec) return fail('undecodable record');
      if (rec.seq <= lastSeq) continue;
      if (rec.seq !== lastSeq + 1) return fail(`sequence gap after ${lastSeq}`);
      try {
        applyRecord(db, rec);
      } catch (e) {
        return fail(
          `replay of record ${rec.seq} failed: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
      lastSeq = rec.seq;
      replayed += 1;
    }
    if (scan.tornBytes > 0) {
      if (!isNewest) return fail('damaged records inside a closed journal');
      torn += scan.tornBytes;
      log.warn(
        { file: journalName(gen), bytes: scan.tornBytes },
        'store: torn journal tail discarded',
      );
      if (opts.repairTail) truncateSync(path, scan.validLength);
    }
    if (isNewest) newestSize = scan.validLength;
  }
  if (!existsSync(join(dir, journalName(newest)))) newestSize = 0;
  return ok({
    db,
    journalGen: newest,
    journalSize: newestSize,
    snapshotGen: base.gen,
    lastSeq,
    recovery: { corruptSnapshots, tornBytesDiscarded: torn, replayedRecords: replayed },
  });
}
