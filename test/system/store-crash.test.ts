import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCrashDrill } from './store-crash-harness';
import { filesContaining } from './store-file-scan';

const dataDir = mkdtempSync(join(tmpdir(), 'ssc-store-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('store under kill -9', () => {
  it('the checker counts an acknowledged operation that is not in the store as lost', async () => {
    const fakeDir = mkdtempSync(join(tmpdir(), 'ssc-store-crash-fake-'));
    try {
      const report = await runCrashDrill({
        dataDir: fakeDir,
        iterations: 2,
        childEnv: { STORE_CRASH_FAKE_ACK: '1' },
      });
      expect(report.lost).toBe(2);
      expect(report.duplicated).toBe(0);
    } finally {
      rmSync(fakeDir, { recursive: true, force: true });
    }
  });

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
