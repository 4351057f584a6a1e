import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ReceiptKind } from './receipt';

/**
 * The last N printed documents, kept so a receipt that did not come out can be printed again
 * when the citizen or attendant asks. What is kept is the rendered PDF — exactly what the paper
 * shows, already masked by the builders — plus a small index entry without personal fields.
 * Entries older than the configured age are purged.
 */
export interface ReprintEntry {
  readonly id: string;
  readonly kind: ReceiptKind;
  readonly title: string;
  readonly reference: string | null;
  /** ISO time of the first print. */
  readonly createdAt: string;
}

const Entry = z.object({
  id: z.string().regex(/^[0-9a-f-]{36}$/),
  kind: z.enum([
    'activation',
    'loss_report',
    'cancel',
    'contribution_statement',
    'inquiry',
    'test_page',
    'diagnostics',
    'pin_change',
  ]),
  title: z.string().max(200),
  reference: z.string().max(100).nullable(),
  createdAt: z.iso.datetime(),
});

export interface ReprintStoreOptions {
  readonly dir: string;
  readonly keep: number;
  readonly maxAgeMs: number;
  readonly now?: () => Date;
}

export class ReprintStore {
  private readonly now: () => Date;

  constructor(private readonly opts: ReprintStoreOptions) {
    this.now = opts.now ?? (() => new Date());
  }

  async add(meta: Omit<ReprintEntry, 'id' | 'createdAt'>, pdf: Buffer): Promise<ReprintEntry> {
    await mkdir(this.opts.dir, { recursive: true, mode: 0o700 });
    const entry: ReprintEntry = { ...meta, id: randomUUID(), createdAt: this.now().toISOString() };
    // PDF first, index entry last: an entry listed always has its document.
    await atomicWrite(join(this.opts.dir, `${entry.id}.pdf`), pdf);
    await atomicWrite(join(this.opts.dir, `${entry.id}.json`), Buffer.from(JSON.stringify(entry)));
    await this.purge();
    return entry;
  }

  /** Newest first; unreadable or foreign files are ignored (and purged). */
  async list(): Promise<ReprintEntry[]> {
    let names: string[];
    try {
      names = await readdir(this.opts.dir);
    } catch {
      return [];
    }
    const entries: ReprintEntry[] = [];
    for (const n of names.filter((x) => x.endsWith('.json'))) {
      try {
        const parsed = Entry.safeParse(JSON.parse(await readFile(join(this.opts.dir, n), 'utf8')));
        if (parsed.success) entries.push(parsed.data);
      } catch {
        // A torn or foreign file: not an entry.
      }
    }
    return entries.sort(
      (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id),
    );
  }

  async get(id: string): Promise<{ entry: ReprintEntry; pdf: Buffer } | null> {
    if (!Entry.shape.id.safeParse(id).success) return null;
    const entry = (await this.list()).find((e) => e.id === id);
    if (!entry) return null;
    try {
      return { entry, pdf: await readFile(join(this.opts.dir, `${id}.pdf`)) };
    } catch {
      return null;
    }
  }

  /** Drops entries beyond `keep` and older than `maxAgeMs`, and orphaned files. */
  async purge(): Promise<number> {
    const entries = await this.list();
    const cutoff = this.now().getTime() - this.opts.maxAgeMs;
    const keep = new Set(
      entries
        .filter((e) => Date.parse(e.createdAt) >= cutoff)
        .slice(0, this.opts.keep)
        .map((e) => e.id),
    );
    let removed = 0;
    let names: string[];
    try {
      names = await readdir(this.opts.dir);
    } catch {
      return 0;
    }
    for (const n of names) {
      const id = n.replace(/\.(pdf|json|tmp)$/, '');
      if (keep.has(id)) continue;
      await rm(join(this.opts.dir, n), { force: true });
      if (n.endsWith('.json')) removed += 1;
    }
    return removed;
  }
}

async function atomicWrite(file: string, data: Buffer): Promise<void> {
  const tmp = `${file}.${randomUUID()}.tmp`;
  await writeFile(tmp, data, { mode: 0o600 });
  await rename(tmp, file);
}
