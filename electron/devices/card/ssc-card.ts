import { err, ok, type Result } from '../../result';
import type { CommandApdu, ResponseApdu } from './apdu';
import type { CardAlgorithm } from './card-crypto';
import { encodeCn } from './card-encoding';
import { parseFci } from './fci';
import type { CardChannel, CardIoError } from './reader-port';
import { EF, ITEM_LENGTH, SSSE_NAME } from './ssc-profile';
import { statusMeaning, swHex } from './status-word';
import { parseSimpleRecord } from './tlv';
import { ApduTransport } from './transport';

/** Failures of the card application; I/O failures keep their reader-level code. */
export type CardFailure =
  | CardIoError
  | { readonly code: 'malformed_response' | 'malformed_data'; readonly detail: string }
  | { readonly code: 'not_ssc_card'; readonly detail: string }
  | { readonly code: 'security_not_satisfied'; readonly detail: string }
  | { readonly code: 'record_not_found'; readonly detail: string }
  | { readonly code: 'card_error'; readonly detail: string };

export type PinFailure =
  | CardFailure
  | { readonly code: 'wrong_pin'; readonly triesLeft: number; readonly detail: string }
  | { readonly code: 'pin_blocked'; readonly detail: string }
  | { readonly code: 'pin_format'; readonly detail: string };

export type PinState =
  | { readonly state: 'verified' }
  | { readonly state: 'required'; readonly triesLeft: number }
  | { readonly state: 'blocked' };

const fail = (code: 'malformed_data' | 'card_error', detail: string) => err({ code, detail });

function unexpected(sw: number): Result<never, CardFailure> {
  const m = statusMeaning(sw);
  if (m.kind === 'security_not_satisfied')
    return err({ code: 'security_not_satisfied', detail: swHex(sw) });
  if (m.kind === 'record_not_found') return err({ code: 'record_not_found', detail: swHex(sw) });
  return fail('card_error', swHex(sw));
}

function pinResult(sw: number): Result<void, PinFailure> {
  const m = statusMeaning(sw);
  if (m.kind === 'ok') return ok(undefined);
  if (m.kind === 'blocked') return err({ code: 'pin_blocked', detail: swHex(sw) });
  if (m.kind === 'wrong_pin') {
    // 63C0: the last try was just spent; the card is now blocked.
    return m.triesLeft === 0
      ? err({ code: 'pin_blocked', detail: swHex(sw) })
      : err({ code: 'wrong_pin', triesLeft: m.triesLeft, detail: swHex(sw) });
  }
  return unexpected(sw);
}

const PIN_PATTERN = /^\d{6}$/;

/**
 * The SSC card application (CARD.md) over one connection. Each operation is the fewest APDUs
 * the profile allows and returns a Result; nothing here throws on card input.
 */
export class SscCard {
  private readonly transport: ApduTransport;

  constructor(channel: CardChannel) {
    this.transport = new ApduTransport(channel);
  }

  get apdusSent(): number {
    return this.transport.apdusSent;
  }

  private async run(c: CommandApdu): Promise<Result<ResponseApdu, CardFailure>> {
    return this.transport.exchange(c);
  }

  /** SELECT the SSSE directory; anything but an SSSE FCI means "not an SSC card". */
  async selectApplication(): Promise<Result<{ algorithm: CardAlgorithm }, CardFailure>> {
    const r = await this.run({ cla: 0, ins: 0xa4, p1: 0x04, p2: 0x00, data: SSSE_NAME, le: 256 });
    if (!r.ok) return r;
    if (r.value.sw !== 0x9000) return err({ code: 'not_ssc_card', detail: swHex(r.value.sw) });
    const fci = parseFci(r.value.data);
    if (!fci.ok) return err({ code: 'not_ssc_card', detail: fci.error });
    return ok(fci.value);
  }

  async selectFile(fid: number): Promise<Result<void, CardFailure>> {
    const data = Buffer.from([(fid >> 8) & 0xff, fid & 0xff]);
    const r = await this.run({ cla: 0, ins: 0xa4, p1: 0x02, p2: 0x00, data });
    if (!r.ok) return r;
    return r.value.sw === 0x9000 ? ok(undefined) : unexpected(r.value.sw);
  }

  /** READ RECORD in tag mode, asking for the exact record length (6Cxx still handled). */
  async readItem(tag: number): Promise<Result<Buffer, CardFailure>> {
    const expected = ITEM_LENGTH[tag];
    const le = expected === undefined ? 256 : expected + 2;
    const r = await this.run({ cla: 0, ins: 0xb2, p1: tag, p2: 0x00, le });
    if (!r.ok) return r;
    if (r.value.sw !== 0x9000) return unexpected(r.value.sw);
    const record = parseSimpleRecord(r.value.data);
    if (!record.ok) return fail('malformed_data', `tag ${tag.toString(16)}: ${record.error}`);
    if (record.value.tag !== tag)
      return fail('malformed_data', `tag ${tag.toString(16)}: wrong tag`);
    return ok(record.value.value);
  }

  async selectIssuerFile(): Promise<Result<void, CardFailure>> {
    return this.selectFile(EF.issuer);
  }

  async selectPersonalFile(): Promise<Result<void, CardFailure>> {
    return this.selectFile(EF.personal);
  }

  /** VERIFY with no data: the PIN state without spending a try. */
  async pinState(): Promise<Result<PinState, CardFailure>> {
    const r = await this.run({ cla: 0, ins: 0x20, p1: 0, p2: 0 });
    if (!r.ok) return r;
    const m = statusMeaning(r.value.sw);
    if (m.kind === 'ok') return ok({ state: 'verified' });
    if (m.kind === 'blocked' || (m.kind === 'wrong_pin' && m.triesLeft === 0))
      return ok({ state: 'blocked' });
    if (m.kind === 'wrong_pin') return ok({ state: 'required', triesLeft: m.triesLeft });
    return unexpected(r.value.sw);
  }

  async verifyPin(pin: string): Promise<Result<void, PinFailure>> {
    if (!PIN_PATTERN.test(pin)) return err({ code: 'pin_format', detail: 'PIN must be 6 digits' });
    const r = await this.run({ cla: 0, ins: 0x20, p1: 0, p2: 0, data: encodeCn(pin, 3) });
    if (!r.ok) return r;
    return pinResult(r.value.sw);
  }

  async changePin(oldPin: string, newPin: string): Promise<Result<void, PinFailure>> {
    if (!PIN_PATTERN.test(oldPin) || !PIN_PATTERN.test(newPin)) {
      return err({ code: 'pin_format', detail: 'PIN must be 6 digits' });
    }
    const data = Buffer.concat([encodeCn(oldPin, 3), Buffer.from([0xff]), encodeCn(newPin, 3)]);
    const r = await this.run({ cla: 0x80, ins: 0x5e, p1: 0x01, p2: 0x00, data });
    if (!r.ok) return r;
    return pinResult(r.value.sw);
  }

  async getChallenge(): Promise<Result<Buffer, CardFailure>> {
    const r = await this.run({ cla: 0, ins: 0x84, p1: 0, p2: 0, le: 8 });
    if (!r.ok) return r;
    if (r.value.sw !== 0x9000) return unexpected(r.value.sw);
    if (r.value.data.length !== 8) return fail('malformed_data', 'challenge is not 8 bytes');
    return ok(r.value.data);
  }

  /** INTERNAL AUTHENTICATE with a 16-byte random from the central service → 8-byte answer. */
  async internalAuthenticate(random: Uint8Array): Promise<Result<Buffer, CardFailure>> {
    if (random.length !== 16) return fail('malformed_data', 'random must be 16 bytes');
    const r = await this.run({ cla: 0, ins: 0x88, p1: 0, p2: 0, data: random, le: 8 });
    if (!r.ok) return r;
    if (r.value.sw !== 0x9000) return unexpected(r.value.sw);
    if (r.value.data.length !== 8) return fail('malformed_data', 'answer is not 8 bytes');
    return ok(r.value.data);
  }

  /** EXTERNAL AUTHENTICATE with key 0A: C (8 bytes, from the central service) ‖ challenge. */
  async externalAuthenticate(
    cryptogram: Uint8Array,
    challenge: Uint8Array,
  ): Promise<Result<void, CardFailure>> {
    if (cryptogram.length !== 8 || challenge.length !== 8) {
      return fail('malformed_data', 'cryptogram and challenge are 8 bytes each');
    }
    const data = Buffer.concat([Buffer.from(cryptogram), Buffer.from(challenge)]);
    const r = await this.run({ cla: 0, ins: 0x82, p1: 0, p2: 0x0a, data });
    if (!r.ok) return r;
    if (r.value.sw === 0x9000) return ok(undefined);
    const m = statusMeaning(r.value.sw);
    if (m.kind === 'verification_failed' || m.kind === 'security_not_satisfied') {
      return err({ code: 'security_not_satisfied', detail: swHex(r.value.sw) });
    }
    return unexpected(r.value.sw);
  }
}
