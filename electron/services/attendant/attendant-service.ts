import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { CommandError } from '../../contract';
import type { Logger } from '../../log';
import { err, ok, type Result } from '../../result';
import type { AuditDetails, AuditLog } from '../../store/audit-log';
import type { AttendantConfig } from './config';
import { DEMO_PASSCODE, PASSCODE_LENGTH, verifyPasscode } from './passcode';
import { loadAttendantState, saveAttendantState, type AttendantState } from './state-file';

export interface AttendantSession {
  readonly token: string;
}

/** What card entry needs from the card side (wiring.ts); the PIN goes to the card only. */
export interface AttendantCardGate {
  /** True while a citizen's session runs (the card in the slot is the attendant's own). */
  readonly citizenSession: () => boolean;
  /** The card in the slot is on the attendant list: its holder's label; else why not. */
  readonly listed: () => Promise<Result<{ readonly label: string }, CommandError>>;
  readonly verifyPin: (
    pin: string,
  ) => Promise<
    Result<
      void,
      | { readonly code: 'wrong_pin'; readonly triesLeft: number }
      | { readonly code: 'pin_blocked' | 'no_card' | 'card_failed' }
    >
  >;
}

export interface AttendantServiceOptions {
  readonly config: AttendantConfig;
  readonly mode: 'demo' | 'production';
  readonly statePath: string;
  readonly log: Logger;
  /** The store's audit log, once the store is open (null: no store; entries are logged only). */
  readonly audit: () => Promise<AuditLog | null>;
  /** True while a citizen's card is in the slot or their session runs. */
  readonly citizenBusy: () => boolean;
  readonly now?: () => number;
}

const ACTOR = 'attendant';

/**
 * Attendant mode's gate, in the main side: passcode (scrypt hash) with a persisted lockout
 * after repeated failures, one attendant session at a time identified by a random token,
 * ended after inactivity; never entered while a citizen's card or session is in progress.
 * Every entry, failed entry, lockout, exit and (through `record`) action goes to the
 * hash-chained audit log.
 */
export class AttendantService {
  private readonly now: () => number;
  private state: AttendantState;
  private session: { token: Buffer; lastActivity: number } | null = null;
  private expiry: NodeJS.Timeout | null = null;
  /** Passcode checks run one after another, so parallel tries cannot dodge the count. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: AttendantServiceOptions) {
    this.now = o.now ?? Date.now;
    this.state = loadAttendantState(o.statePath);
  }

  get persisted(): Readonly<AttendantState> {
    return this.state;
  }

  /** Changes the persisted state (settings, out of service) and saves it. */
  update(change: (s: AttendantState) => void): void {
    change(this.state);
    this.save();
  }

  private get inactivityMs(): number {
    return this.o.config.inactivitySeconds * 1000;
  }

  private passcodeHash(): string | null {
    return this.o.config.passcodeHash ?? null;
  }

  available(): boolean {
    return this.passcodeHash() !== null || this.o.mode === 'demo';
  }

  lockedSeconds(): number {
    return Math.max(0, Math.ceil((this.state.lockout.lockedUntil - this.now()) / 1000));
  }

  active(): boolean {
    return this.session !== null;
  }

  enter(passcode: string): Promise<Result<AttendantSession, CommandError>> {
    const run = this.queue.then(() => this.tryEnter(passcode));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async tryEnter(passcode: string): Promise<Result<AttendantSession, CommandError>> {
    if (this.o.citizenBusy()) {
      await this.record('attendant.entry_refused', { why: 'citizen_session_active' });
      return err({
        code: 'citizen_session_active',
        message: 'Attendant mode cannot start while a citizen is using the kiosk.',
      });
    }
    const locked = this.lockedSeconds();
    if (locked > 0) {
      await this.record('attendant.entry_refused', { why: 'locked', seconds: locked });
      return err({
        code: 'attendant_locked',
        message: 'Attendant entry is locked after repeated wrong passcodes.',
        retryAfterSeconds: locked,
      });
    }
    if (!this.available()) {
      await this.record('attendant.entry_refused', { why: 'no_passcode_configured' });
      return err({ code: 'not_available', message: 'No attendant passcode is configured.' });
    }
    const hash = this.passcodeHash();
    const right =
      passcode.length === PASSCODE_LENGTH &&
      (hash ? await verifyPasscode(passcode, hash) : passcode === DEMO_PASSCODE);
    if (!right) {
      const failed = await this.failure('passcode');
      if (failed) return err(failed);
      return err({
        code: 'wrong_passcode',
        message: 'Wrong attendant passcode.',
        triesLeft: this.o.config.maxFailures - this.state.lockout.failures,
      });
    }
    return ok(await this.open({ method: 'passcode', demo: hash === null }));
  }

  /**
   * Entry with an attendant card: the card in the slot (read while the entry screen waited for
   * it) is on the configured list, and its own PIN is verified by the card. A wrong PIN costs
   * one of the card's tries and counts toward the same lockout as a wrong passcode.
   */
  enterWithCard(
    gate: AttendantCardGate,
    pin: string,
  ): Promise<Result<AttendantSession, CommandError>> {
    const run = this.queue.then(() => this.tryEnterWithCard(gate, pin));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async tryEnterWithCard(
    gate: AttendantCardGate,
    pin: string,
  ): Promise<Result<AttendantSession, CommandError>> {
    const refused = async (why: string, error: CommandError) => {
      await this.record('attendant.entry_refused', { method: 'card', why });
      return err(error);
    };
    if (gate.citizenSession())
      return refused('citizen_session_active', {
        code: 'citizen_session_active',
        message: 'Attendant mode cannot start while a citizen is using the kiosk.',
      });
    const locked = this.lockedSeconds();
    if (locked > 0)
      return refused('locked', {
        code: 'attendant_locked',
        message: 'Attendant entry is locked after repeated wrong passcodes or PINs.',
        retryAfterSeconds: locked,
      });
    const listed = await gate.listed();
    if (!listed.ok) return refused(listed.error.code, listed.error);
    // Not before the list said yes: a citizen's card never sees a VERIFY from this screen.
    const r = await gate.verifyPin(pin);
    if (r.ok) return ok(await this.open({ method: 'card', holder: listed.value.label }));
    const e = r.error;
    if (e.code === 'wrong_pin') {
      const failed = await this.failure('card');
      if (failed) return err(failed);
      return err({
        code: 'wrong_pin',
        message: `Wrong PIN; ${e.triesLeft} tries left on the card.`,
        triesLeft: e.triesLeft,
      });
    }
    if (e.code === 'pin_blocked')
      return refused('pin_blocked', {
        code: 'pin_blocked',
        message: 'The attendant card is blocked.',
      });
    if (e.code === 'no_card')
      return refused('no_card', {
        code: 'no_card',
        message: 'The attendant card left the reader.',
      });
    return refused('card_failed', {
      code: 'card_failed',
      message: 'The card could not verify the PIN.',
    });
  }

  /** One more wrong passcode or card PIN; the lockout error once the limit is reached. */
  private async failure(method: 'passcode' | 'card'): Promise<CommandError | null> {
    const failures = this.state.lockout.failures + 1;
    const max = this.o.config.maxFailures;
    if (failures >= max) {
      const seconds = this.o.config.lockoutSeconds;
      this.update((s) => {
        s.lockout = { failures: 0, lockedUntil: this.now() + seconds * 1000 };
      });
      this.o.log.warn({ failures, seconds, method }, 'attendant: locked after wrong entries');
      await this.record('attendant.entry_failed', { method, failures });
      await this.record('attendant.locked', { failures, seconds });
      return {
        code: 'attendant_locked',
        message: 'Too many wrong passcodes or PINs: attendant entry is locked.',
        retryAfterSeconds: seconds,
      };
    }
    this.update((s) => {
      s.lockout = { failures, lockedUntil: 0 };
    });
    await this.record('attendant.entry_failed', { method, failures });
    return null;
  }

  private async open(details: AuditDetails): Promise<AttendantSession> {
    this.update((s) => {
      s.lockout = { failures: 0, lockedUntil: 0 };
    });
    const token = randomBytes(32);
    this.session = { token, lastActivity: this.now() };
    this.armExpiry();
    this.o.log.info({ method: details['method'] }, 'attendant: entered');
    await this.record('attendant.enter', details);
    return { token: token.toString('hex') };
  }

  /** The gate of every attendant command: a live session with this token. */
  check(token: string): Result<void, CommandError> {
    const s = this.session;
    const presented = Buffer.from(token, 'hex');
    if (!s || presented.length !== s.token.length || !timingSafeEqual(presented, s.token)) {
      return err({ code: 'attendant_required', message: 'Attendant mode is not active.' });
    }
    if (this.now() - s.lastActivity > this.inactivityMs) {
      void this.end('timeout');
      return err({ code: 'attendant_required', message: 'Attendant mode ended after inactivity.' });
    }
    s.lastActivity = this.now();
    this.armExpiry();
    return ok(undefined);
  }

  async leave(token: string): Promise<Result<Record<string, never>, CommandError>> {
    const c = this.check(token);
    if (!c.ok) return c;
    await this.end('left');
    return ok({});
  }

  /** Ends the session (left, timeout, restart); audited once. */
  async end(why: 'left' | 'timeout' | 'closing'): Promise<void> {
    if (!this.session) return;
    this.session = null;
    if (this.expiry) clearTimeout(this.expiry);
    this.expiry = null;
    this.o.log.info({ why }, 'attendant: left');
    await this.record(why === 'timeout' ? 'attendant.timeout' : 'attendant.leave', { why });
  }

  /** Audits an attendant action or setting change; a store problem is logged, not fatal. */
  async record(action: string, details: AuditDetails = {}): Promise<void> {
    const audit = await this.o.audit();
    if (!audit) {
      this.o.log.warn({ action }, 'attendant: no audit log (store not open)');
      return;
    }
    const r = await audit.append(ACTOR, action, details);
    if (!r.ok) this.o.log.error({ action, problem: r.error.kind }, 'attendant: audit not written');
  }

  close(): void {
    if (this.expiry) clearTimeout(this.expiry);
    this.expiry = null;
    this.session = null;
  }

  private armExpiry(): void {
    if (this.expiry) clearTimeout(this.expiry);
    this.expiry = setTimeout(() => void this.end('timeout'), this.inactivityMs + 250);
    this.expiry.unref();
  }

  private save(): void {
    try {
      saveAttendantState(this.o.statePath, this.state);
    } catch (e) {
      this.o.log.error({ e }, 'attendant: state not saved');
    }
  }
}
