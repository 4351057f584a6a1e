import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from './log';

describe('logger', () => {
  it('redacts personal fields at any of the first three levels', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'log-')), 'kiosk.log');
    const log = createLogger({ file });
    log.info(
      {
        pin: '123456',
        card: { cardNumber: 'A12345674', holder: { idNumber: '11010519491231002X' } },
      },
      'read',
    );
    log.info({ session: { phone: '13812345678' } }, 'sms');
    await new Promise<void>((resolve) => log.flush(() => resolve()));
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('"msg":"read"');
    for (const secret of ['123456', 'A12345674', '11010519491231002X', '13812345678']) {
      expect(text).not.toContain(secret);
    }
    expect(text.match(/\[redacted\]/g)?.length).toBe(4);
  });
});
