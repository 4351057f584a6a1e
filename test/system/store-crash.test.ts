import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCrashDrill } from './store-crash-harness';
import { filesContaining } from './store-file-scan';

const dataDir = mkdtempSync(join(tmpdir(), 'ssc-store-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('store under kill -9', () => {
  it('loses and duplicates nothing it acknowledged across 50 kills mid-commit', async () => {
    const report = await runCrashDrill({ dataDir, iterations: 50 });
    expect(report.problems).toEqual([]);
    expect(report.acknowledged).toBeGreaterThan(100);
    expect({ lost: report.lost, duplicated: report.duplicated }).toEqual({
      lost: 0,
      duplicated: 0,
    });
    // Files left by kills mid-write (torn journals, snapshot temp files) hold no ID either.
    expect(filesContaining(dataDir, '11010519491231002X')).toEqual([]);
  }, 300_000);
});
