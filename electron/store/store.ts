import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue, type Statement } from 'sql.js';
import type { Logger } from '../log';
import { err, ok, type Result } from '../result';
import { loadDiskState, preparePragmas, type Recovery } from './disk-state';
import { nodeStoreIo, type StoreIo } from './durable-file';
import { faultFromErrno as faultOf, type StoreError, type StoreFaultReason } from './errors';
import { encodeRecord } from './journal-record';
import { JournalWriter } from './journal-writer';
import { runMigrations, type Migration } from './migrations';
import { snapshotHeader, snapshotName } from './snapshot-file';

export type Row = Record<string, SqlValue>;
export type Params = readonly SqlValue[];

/** What a transaction body may do. Writes go through `run` so the journal can replay them. */
export interface Tx {
  run(sql: string, params?: Params): number;
  get(sql: string, params?: Params): Row | undefined;
  all(sql: string, params?: Params): Row[];
}

export interface StoreStatus {
  readonly state: 'ok' | 'fault';
  readonly fault: {
    readonly reason: StoreFaultReason;
    readonly message: string;
    readonly since: number;
  } | null;
  readonly recovery: Recovery;
  readonly journalBytes: number;
  readonly snapshotGeneration: number;
}

export interface StoreOptions {
  readonly dir: string;
  readonly log: Logger;
  readonly migrations: readonly Migration[];
  /** Journal size that triggers a background snapshot. */
  readonly snapshotJournalBytes?: number;
  readonly io?: StoreIo;
  readonly now?: () => number;
}

let sqlJs: Promise<SqlJsStatic> | null = null;
const loadSqlJs = (): Promise<SqlJsStatic> => (sqlJs ??= initSqlJs());

/**
 * The kiosk's database: sql.js in memory, made durable by an fsync'd journal of committed
 * transactions replayed over the last snapshot (docs/store.md). A commit costs one append and
 * one fdatasync of its own statements, whatever the database size; snapshots are taken when
 * the journal grows and written off the commit path.
 */
export class Store {
  private stmtCache = new Map<string, Statement>();
  private snapshotting: Promise<Result<void, StoreError>> | null = null;
  private faultState: StoreStatus['fault'] = null;
  private listeners = new Set<(s: StoreStatus) => void>();
  private closed = false;
  private lastSeq: number;
  private snapshotGen: number;
  private recovery: Recovery;

  private constructor(
    private readonly SQL: SqlJsStatic,
    private db: Database,
    private writer: JournalWriter,
    loaded: { lastSeq: number; snapshotGen: number; recovery: Recovery },
    private readonly opts: StoreOptions,
  ) {
    this.lastSeq = loaded.lastSeq;
    this.snapshotGen = loaded.snapshotGen;
    this.recovery = loaded.recovery;
  }

  static async open(opts: StoreOptions): Promise<Result<Store, StoreError>> {
    const SQL = await loadSqlJs();
    let loaded;
    try {
      loaded = loadDiskState(SQL, opts.dir, opts.log, { repairTail: true });
    } catch (e) {
      return err(faultOf(e));
    }
    if (!loaded.ok) return loaded;
    const state = loaded.value;
    let writer: JournalWriter;
    const holder: { store: Store | null } = { store: null };
    try {
      writer = await JournalWriter.open(
        opts.io ?? nodeStoreIo,
        opts.dir,
        state.journalGen,
        state.journalSize,
        {
          onFailure: (fault) => holder.store?.onWriteFailure(fault),
          onDurable: () => holder.store?.onDurable(),
        },
      );
    } catch (e) {
      state.db.close();
      return err(faultOf(e));
    }
    const store = new Store(SQL, state.db, writer, state, opts);
    holder.store = store;
    const migrated = await runMigrations(store, opts.migrations);
    if (!migrated.ok) {
      await store.close();
      return migrated;
    }
    return ok(store);
  }

  /**
   * Runs `body` as one transaction and resolves once it is on disk. The body runs synchronously
   * (sql.js is single-threaded), so no other transaction interleaves. Throwing rolls back.
   */
  async transaction<T>(body: (tx: Tx) => T): Promise<Result<T, StoreError>> {
    if (this.closed) return err({ kind: 'store_closed', message: 'store is closed' });
    const broken = this.writer.broken;
    if (broken) return err(broken);
    const statements: [string, SqlValue[]][] = [];
    const tx: Tx = {
      run: (sql, params = []) => {
        this.exec(sql, params);
        statements.push([sql, [...params]]);
        return this.db.getRowsModified();
      },
      get: (sql, params) => this.get(sql, params),
      all: (sql, params) => this.all(sql, params),
    };
    this.db.run('BEGIN');
    let value: T;
    try {
      value = body(tx);
    } catch (e) {
      this.db.run('ROLLBACK');
      throw e;
    }
    try {
      this.db.run('COMMIT');
    } catch (e) {
      this.db.run('ROLLBACK');
      throw e;
    }
    if (statements.length === 0) return ok(value);
    this.lastSeq += 1;
    const durable = await this.writer.append(encodeRecord({ seq: this.lastSeq, statements }));
    return durable.ok ? ok(value) : durable;
  }

  get(sql: string, params: Params = []): Row | undefined {
    return this.all(sql, params)[0];
  }

  all(sql: string, params: Params = []): Row[] {
    const stmt = this.prepared(sql);
    try {
      stmt.bind([...params]);
      const rows: Row[] = [];
      while (stmt.step()) rows.push(stmt.getAsObject());
      return rows;
    } finally {
      stmt.reset();
    }
  }

  status(): StoreStatus {
    return {
      state: this.faultState ? 'fault' : 'ok',
      fault: this.faultState,
      recovery: this.recovery,
      journalBytes: this.writer.size,
      snapshotGeneration: this.snapshotGen,
    };
  }

  /** Called on every status change (a fault appears or clears); returns an unsubscribe. */
  onStatus(listener: (s: StoreStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Writes a snapshot and starts a new journal. The image is exported at a moment when every
   * committed transaction is already in the journal, and the new journal exists before the
   * snapshot does, so a crash at any step leaves a previous snapshot + journals that replay.
   */
  snapshot(): Promise<Result<void, StoreError>> {
    this.snapshotting ??= this.writeSnapshot().finally(() => {
      this.snapshotting = null;
    });
    return this.snapshotting;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.snapshotting;
    this.closed = true;
    await this.writer.close();
    this.clearStatements();
    this.db.close();
  }

  private async writeSnapshot(): Promise<Result<void, StoreError>> {
    while (!this.writer.idle) await this.writer.whenIdle();
    if (this.closed) return err({ kind: 'store_closed', message: 'store is closed' });
    this.clearStatements();
    const image = this.db.export();
    preparePragmas(this.db);
    const gen = this.writer.generation + 1;
    const lastSeq = this.lastSeq;
    const rotated = await this.writer.rotate(gen);
    if (!rotated.ok) return rotated;
    const io = this.opts.io ?? nodeStoreIo;
    try {
      await io.writeAtomic(join(this.opts.dir, snapshotName(gen)), [
        snapshotHeader(gen, lastSeq, image),
        image,
      ]);
    } catch (e) {
      const fault = faultOf(e);
      this.setFault(fault);
      return err(fault);
    }
    // The previous good snapshot (not simply gen - 1: a failed snapshot leaves a gap) and
    // every journal since stay, so a damaged new snapshot can still be replayed around.
    const previous = this.snapshotGen;
    this.snapshotGen = gen;
    this.removeGenerationsBefore(previous);
    return ok(undefined);
  }

  /** Keeps the previous snapshot and its journal as the fallback for a damaged newest one. */
  private removeGenerationsBefore(keepFrom: number): void {
    for (const name of readdirSync(this.opts.dir)) {
      const m = /^(?:snapshot|journal)-(\d+)\.(?:db|log)$/.exec(name);
      if (m && Number(m[1]) < keepFrom) {
        try {
          unlinkSync(join(this.opts.dir, name));
        } catch (e) {
          this.opts.log.warn({ file: name, e }, 'store: could not remove an old generation');
        }
      }
    }
  }

  private onDurable(): void {
    if (this.faultState) this.setFault(null);
    const threshold = this.opts.snapshotJournalBytes ?? 8 * 1024 * 1024;
    if (this.writer.size > threshold && !this.snapshotting && !this.closed) {
      void this.snapshot().then((r) => {
        if (!r.ok) this.opts.log.error({ error: r.error }, 'store: background snapshot failed');
      });
    }
  }

  /**
   * The disk refused a write. Memory holds transactions that are not on disk, so it is rebuilt
   * from the files; the callers of those transactions receive the error.
   */
  private onWriteFailure(fault: { kind: StoreFaultReason; message: string }): void {
    this.opts.log.error({ fault }, 'store: journal write failed');
    this.setFault(fault);
    const reloaded = loadDiskState(this.SQL, this.opts.dir, this.opts.log, { repairTail: false });
    if (!reloaded.ok) {
      this.opts.log.fatal({ error: reloaded.error }, 'store: cannot reload after a write failure');
      this.closed = true;
      return;
    }
    this.clearStatements();
    this.db.close();
    this.db = reloaded.value.db;
    this.lastSeq = reloaded.value.lastSeq;
  }

  private setFault(fault: { kind: StoreFaultReason; message: string } | null): void {
    this.faultState = fault
      ? { reason: fault.kind, message: fault.message, since: (this.opts.now ?? Date.now)() }
      : null;
    const s = this.status();
    for (const l of this.listeners) l(s);
  }

  private exec(sql: string, params: Params): void {
    const stmt = this.prepared(sql);
    try {
      stmt.run([...params]);
    } finally {
      stmt.reset();
    }
  }

  private prepared(sql: string): Statement {
    let stmt = this.stmtCache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.stmtCache.set(sql, stmt);
    }
    return stmt;
  }

  /** sql.js export() frees every prepared statement, so the cache must forget them first. */
  private clearStatements(): void {
    for (const s of this.stmtCache.values()) s.free();
    this.stmtCache.clear();
  }
}
