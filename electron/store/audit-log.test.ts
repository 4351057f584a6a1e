import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { join } from 'node:path';
import { AuditLog, canonicalJson } from './audit-log';
import { nodeStoreIo } from './durable-file';
import { KIOSK_MIGRATIONS } from './migrations';
import { Store } from './store';
import { tempDirs } from './test-support';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

async function setup() {
  const dir = dirs.make();
  const s = await Store.open({ dir, log: silentLogger(), migrations: KIOSK_MIGRATIONS });
  if (!s.ok) throw new Error(s.error.message);
  let t = 5000;
  const audit = new AuditLog(
    s.value,
    join(dir, 'anchor.json'),
    nodeStoreIo,
    silentLogger(),
    () => (t += 1),
  );
  for (let i = 1; i <= 5; i += 1) {
    const r = await audit.append('attendant', 'reprint', { n: i, card: 'A1*****6X' });
    if (!r.ok) throw new Error('append');
  }
  await audit.flushAnchor();
  return { store: s.value, audit, dir };
}

describe('AuditLog', () => {
  it('chains entries and verifies an untouched log', async () => {
    const { store, audit } = await setup();
    const entries = audit.entries();
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    for (let i = 1; i < entries.length; i += 1)
      expect(entries[i]?.prevHash).toBe(entries[i - 1]?.hash);
    expect(audit.verify()).toEqual({ ok: true, value: audit.head() });
    expect(audit.readAnchor()).toEqual(audit.head());
    await store.close();
  });

  it('detects an edited entry', async () => {
    const { store, audit } = await setup();
    await store.transaction((tx) =>
      tx.run('UPDATE audit_log SET details = ? WHERE seq = 3', [
        canonicalJson({ n: 99, card: 'A1*****6X' }),
      ]),
    );
    const v = audit.verify();
    expect(!v.ok && [v.error.kind, v.error.seq]).toEqual(['edited', 3]);
    await store.close();
  });

  it('detects a deleted entry in the middle', async () => {
    const { store, audit } = await setup();
    await store.transaction((tx) => tx.run('DELETE FROM audit_log WHERE seq = 2'));
    const v = audit.verify();
    expect(!v.ok && [v.error.kind, v.error.seq]).toEqual(['deleted', 2]);
    await store.close();
  });

  it('detects truncation even when the head row is rolled back too, through the anchor', async () => {
    const { store, audit } = await setup();
    const third = audit.entries()[2];
    await store.transaction((tx) => {
      tx.run('DELETE FROM audit_log WHERE seq > 3');
      tx.run('UPDATE audit_head SET seq = 3, hash = ? WHERE id = 1', [third?.hash ?? '']);
    });
    const v = audit.verify();
    expect(!v.ok && v.error.kind).toBe('truncated');
    await store.close();
  });

  it('detects truncation against the head row', async () => {
    const { store, audit } = await setup();
    await store.transaction((tx) => tx.run('DELETE FROM audit_log WHERE seq = 5'));
    const v = audit.verify([]);
    expect(!v.ok && v.error.kind).toBe('truncated');
    await store.close();
  });

  it('detects a rewritten chain that no longer contains an externally held head', async () => {
    const { store, audit } = await setup();
    const held = audit.head();
    if (!held) throw new Error('no head');
    expect(audit.verify([held]).ok).toBe(true);
    expect(audit.verify([{ seq: 2, hash: 'f'.repeat(64) }]).ok).toBe(false);
    await store.close();
  });

  it('refuses details that carry a PIN or a full ID number', async () => {
    const { store, audit } = await setup();
    expect((await audit.append('citizen', 'verify', { pin: '123456' })).ok).toBe(false);
    expect((await audit.append('citizen', 'read', { id: '11010519491231002X' })).ok).toBe(false);
    expect(audit.entries()).toHaveLength(5);
    await store.close();
  });
});
