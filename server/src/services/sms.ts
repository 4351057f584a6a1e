import type { Queryable } from '../db/database';

/** The port to an SMS gateway. Production plugs in the bureau's gateway adapter. */
export interface SmsSender {
  send(tx: Queryable, message: { phone: string; text: string; challengeId: string }): Promise<void>;
  /** Whether sent messages can be read back (development sink only). */
  readonly readable: boolean;
}

/** Development sink: stores messages in the database (so every instance sees them). */
export const devSmsSink: SmsSender = {
  readable: true,
  async send(tx, m) {
    await tx.query('INSERT INTO dev_sms_messages (phone, text, challenge_id) VALUES ($1, $2, $3)', [
      m.phone,
      m.text,
      m.challengeId,
    ]);
  },
};

/** Outside demo mode with no gateway configured: codes go nowhere and nothing is readable. */
export const noSmsGateway: SmsSender = {
  readable: false,
  async send() {
    // No gateway wired: the citizen gets no code, which the kiosk shows as "code not received".
  },
};
