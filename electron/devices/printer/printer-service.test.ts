import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleDocuments } from '../../../test/support/receipt-samples';
import { silentLogger } from '../../log';
import { createPrinter, printerConfigSchema } from './config';
import { PdfFolderPrinter } from './pdf-folder-printer';
import type { PrinterEvent } from './printer-port';
import { ReprintStore } from './reprint-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ssc-print-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('PDF-folder printer', () => {
  it('writes each job as a whole PDF file and reports it handed over; paper unknown', async () => {
    const p = new PdfFolderPrinter(join(dir, 'out'));
    const events: PrinterEvent[] = [];
    p.onEvent((e) => events.push(e));
    expect((await p.refresh()).device).toBe('online');
    expect(p.status().paper).toBe('unknown');
    const r = await p.print({ pdf: Buffer.from('%PDF-1.3 test'), title: 't' });
    if (!r.ok) throw new Error(r.error.detail);
    const files = readdirSync(join(dir, 'out'));
    expect(files).toEqual([`${r.value}.pdf`]);
    expect(readFileSync(join(dir, 'out', files[0] ?? '')).toString()).toBe('%PDF-1.3 test');
    const job = await p.waitForJob(r.value);
    expect(job.ok && job.value.state).toBe('handed_to_printer');
    expect(events.some((e) => e.type === 'job_changed')).toBe(true);
  });

  it('a folder that cannot be written is a hardware error and the print is refused', async () => {
    const blocker = join(dir, 'file');
    writeFileSync(blocker, 'not a directory');
    const p = new PdfFolderPrinter(join(blocker, 'out'));
    const r = await p.print({ pdf: Buffer.from('x'), title: 't' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('printer_unavailable');
    expect(p.status()).toMatchObject({
      device: 'hardware_error',
      reasons: ['folder-not-writable'],
    });
  });
});

describe('reprint store', () => {
  it('keeps the newest N and drops entries past their age', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const store = new ReprintStore({ dir, keep: 2, maxAgeMs: 3_600_000, now: () => now });
    const a = await store.add(
      { kind: 'activation', title: 'A', reference: 'R-1' },
      Buffer.from('a'),
    );
    now = new Date('2026-01-01T00:10:00Z');
    const b = await store.add({ kind: 'cancel', title: 'B', reference: 'R-2' }, Buffer.from('b'));
    now = new Date('2026-01-01T00:20:00Z');
    const c = await store.add(
      { kind: 'loss_report', title: 'C', reference: null },
      Buffer.from('c'),
    );
    expect((await store.list()).map((e) => e.id)).toEqual([c.id, b.id]);
    expect(await store.get(a.id)).toBeNull();
    expect((await store.get(b.id))?.pdf.toString()).toBe('b');

    now = new Date('2026-01-01T01:15:00Z');
    await store.purge();
    expect((await store.list()).map((e) => e.id)).toEqual([c.id]);
    expect(readdirSync(dir).sort()).toEqual([`${c.id}.json`, `${c.id}.pdf`]);
  });

  it('index entries hold no personal fields, and foreign files are ignored', async () => {
    const store = new ReprintStore({ dir, keep: 5, maxAgeMs: 3_600_000 });
    const e = await store.add({ kind: 'activation', title: 'T', reference: 'R' }, Buffer.from('p'));
    const json = JSON.parse(readFileSync(join(dir, `${e.id}.json`), 'utf8')) as object;
    expect(Object.keys(json).sort()).toEqual(['createdAt', 'id', 'kind', 'reference', 'title']);
    writeFileSync(join(dir, 'junk.json'), '{not json');
    expect((await store.list()).map((x) => x.id)).toEqual([e.id]);
    expect(await store.get('../../etc/passwd')).toBeNull();
  });
});

describe('printer service (demo configuration)', () => {
  it('renders, keeps for reprint, prints to the folder; reprints on request', async () => {
    const config = printerConfigSchema.parse({});
    expect(config.kind).toBe('pdf-folder');
    const created = createPrinter(config, { logger: silentLogger(), dataDir: dir });
    if (!created.ok) throw new Error(created.error.message);
    const service = created.value;
    const doc = sampleDocuments('zh-CN').find((d) => d.kind === 'loss_report');
    if (!doc) throw new Error('no sample');
    const outcome = await service.printAndWait(doc);
    if (!outcome.ok) throw new Error(outcome.error.detail);
    expect(outcome.value.job.state).toBe('handed_to_printer');
    const kept = await service.listReprints();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ kind: 'loss_report', reference: 'LPR-20261130-000231' });
    const again = await service.reprint(kept[0]?.id ?? '');
    expect(again.ok).toBe(true);
    expect(readdirSync(join(dir, 'printouts'))).toHaveLength(2);
    await service.stop();
  });

  it('a document with a character the font lacks is refused, naming only code points', async () => {
    const created = createPrinter(printerConfigSchema.parse({}), {
      logger: silentLogger(),
      dataDir: dir,
    });
    if (!created.ok) throw new Error(created.error.message);
    const doc = sampleDocuments('zh-CN')[0];
    if (!doc) throw new Error('no sample');
    const bad = {
      ...doc,
      blocks: [...doc.blocks, { kind: 'paragraph' as const, text: '\u{20000}' }],
    };
    const r = await created.value.print(bad);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toMatchObject({ code: 'missing_glyphs', detail: 'font lacks U+20000' });
    expect(await created.value.listReprints()).toHaveLength(0);
  });

  it('configuration rejects what it does not know', () => {
    expect(printerConfigSchema.safeParse({ kind: 'laser' }).success).toBe(false);
    expect(printerConfigSchema.safeParse({ rollWidthMm: 76 }).success).toBe(false);
    expect(printerConfigSchema.safeParse({ cups: { queue: 'a b' } }).success).toBe(false);
    expect(printerConfigSchema.safeParse({ extra: 1 }).success).toBe(false);
    expect(printerConfigSchema.parse({ kind: 'cups' }).cups.server).toBe('ipp://127.0.0.1:631');
  });
});
