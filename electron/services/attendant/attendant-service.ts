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
      const failures = this.state.lockout.failures + 1;
      const max = this.o.config.maxFailures;
      if (failures >= max) {
        const seconds = this.o.config.lockoutSeconds;
        this.update((s) => {
          s.lockout = { failures: 0, lockedUntil: this.now() + seconds * 1000 };
        });
        this.o.log.warn({ failures, seconds }, 'attendant: locked after wrong passcodes');
        await this.record('attendant.entry_failed', { failures });
        await this.record('attendant.locked', { failures, seconds });
        return err({
          code: 'attendant_locked',
          message: 'Too many wrong passcodes: attendant entry is locked.',
          retryAfterSeconds: seconds,
        });
      }
      this.update((s) => {
        s.lockout = { failures, lockedUntil: 0 };
      });
      await this.record('attendant.entry_failed', { failures });
      return err({
        code: 'wrong_passcode',
        message: 'Wrong attendant passcode.',
        triesLeft: max - failures,
      });
    }
    this.update((s) => {
      s.lockout = { failures: 0, lockedUntil: 0 };
    });
    const token = randomBytes(32);
    this.session = { token, lastActivity: this.now() };
    this.armExpiry();
    this.o.log.info('attendant: entered');
    await this.record('attendant.enter', { demo: hash === null });
    return ok({ token: token.toString('hex') });
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
