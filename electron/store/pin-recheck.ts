import { ok, type Result } from '../result';
import type { StoreError } from './errors';
import type { FieldCipher } from './field-cipher';
import type { Store } from './store';

/**
 * Cards whose CHANGE PIN answer was lost (the card left while the command was on its way): the
 * kiosk does not know whether the PIN changed, so when the card comes back the citizen is asked
 * for the new PIN and the card settles it. Kept in the store so that a restart between the pull
 * and the re-insertion still re-checks.
 *
 * Only matching is needed, so a card is kept as a keyed reference (HMAC under the store key,
 * `FieldCipher.reference`): the card number cannot be read back or guessed offline from the
 * database. Never a PIN. Entries are dropped once settled, or after `MAX_AGE_MS`.
 */
export type RecheckPurpose = 'activation' | 'change';

const MAX_AGE_MS = 180 * 24 * 60 * 60 * 1000;

export class PinRecheckList {
  constructor(
    private readonly store: Store,
    private readonly cipher: FieldCipher,
    private readonly now: () => number = Date.now,
  ) {}

  private ref(cardNumber: string): string {
    return this.cipher.reference(`pin-recheck|${cardNumber}`);
  }

  /** What the card was doing when its answer was lost, or null when nothing is unsure. */
  purposeOf(cardNumber: string): RecheckPurpose | null {
    const row = this.store.get(
      'SELECT purpose FROM pin_recheck WHERE card_ref = ? AND created_at >= ?',
      [this.ref(cardNumber), this.now() - MAX_AGE_MS],
    );
    const purpose = row?.purpose;
    return purpose === 'activation' || purpose === 'change' ? purpose : null;
  }

  /** On disk before it resolves. A later pull of the same card replaces the earlier entry. */
  add(cardNumber: string, purpose: RecheckPurpose): Promise<Result<void, StoreError>> {
    const at = this.now();
    return this.store.transaction((tx) => {
      tx.run('DELETE FROM pin_recheck WHERE created_at < ?', [at - MAX_AGE_MS]);
      tx.run(
        'INSERT OR REPLACE INTO pin_recheck (card_ref, purpose, created_at) VALUES (?, ?, ?)',
        [this.ref(cardNumber), purpose, at],
      );
    });
  }

  /** The card settled it (or it needs no re-check any more). */
  async remove(cardNumber: string): Promise<Result<void, StoreError>> {
    const ref = this.ref(cardNumber);
    if (!this.store.get('SELECT 1 AS x FROM pin_recheck WHERE card_ref = ?', [ref]))
      return ok(undefined);
    const r = await this.store.transaction((tx) => {
      tx.run('DELETE FROM pin_recheck WHERE card_ref = ?', [ref]);
    });
    return r.ok ? ok(undefined) : r;
  }

  /** How many cards wait for a re-check (attendant diagnostics, tests). */
  size(): number {
    return Number(this.store.get('SELECT COUNT(*) AS n FROM pin_recheck')?.n ?? 0);
  }
}
