import { randomBytes } from 'node:crypto';
import { encodeResponse, parseCommand, type CommandApdu } from './apdu';
import { decodeCn } from './card-encoding';
import { externalAuthCryptogram, internalAuthResponse } from './card-crypto';
import { demoCardKey, KEY_ID } from './demo-keys';
import { cardIdentificationCode, type DemoPersona, type SscCardData } from './personas';
import { EF, SSSE_NAME } from './ssc-profile';
import { SW } from './status-word';
import { buildFci, buildFiles } from './virtual-card-files';

export interface VirtualCardOptions {
  /** PIN try limit (issuer-defined: 3, 6 or 8 are seen). Default 3. */
  readonly pinTryLimit?: number;
  readonly random?: (n: number) => Buffer;
}

/**
 * An emulator of the SSC card profile (CARD.md). `transmit` is total: any bytes in, a response
 * APDU out. Non-volatile state (PIN, try counter) survives `reset()`, like a real card's
 * EEPROM; selection, authentication and challenges do not.
 */
export class VirtualCard {
  readonly atr: Buffer;
  readonly persona: DemoPersona;
  private readonly files: ReadonlyMap<number, ReadonlyMap<number, Buffer>>;
  private readonly fci: Buffer | null;
  private readonly random: (n: number) => Buffer;
  readonly pinTryLimit: number;
  private pin: string;
  private triesLeft: number;
  // Volatile (RAM) state.
  private ssseSelected = false;
  private currentEf: number | null = null;
  private pinVerified = false;
  private externallyAuthenticated = false;
  private challenge: Buffer | null = null;
  private pending: Buffer | null = null;

  constructor(persona: DemoPersona, options: VirtualCardOptions = {}) {
    this.persona = persona;
    this.atr = Buffer.from(persona.atr, 'hex');
    this.pinTryLimit = options.pinTryLimit ?? 3;
    this.random = options.random ?? randomBytes;
    this.pin = persona.pin;
    this.triesLeft = Math.min(persona.pinTriesLeft, this.pinTryLimit);
    this.files = persona.card ? buildFiles(persona.card) : new Map();
    this.fci = persona.card ? buildFci(persona.card) : null;
  }

  get pinTriesLeft(): number {
    return this.triesLeft;
  }

  /** Power cycle / warm reset: RAM state is lost. */
  reset(): void {
    this.ssseSelected = false;
    this.currentEf = null;
    this.pinVerified = false;
    this.externallyAuthenticated = false;
    this.challenge = null;
    this.pending = null;
  }

  transmit(apdu: Uint8Array): Buffer {
    const parsed = parseCommand(apdu);
    if (!parsed.ok) return sw(SW.WRONG_LENGTH);
    const c = parsed.value;
    if (c.ins !== 0xc0) this.pending = null;
    if (c.cla !== 0x00 && c.cla !== 0x80) return sw(SW.CLA_NOT_SUPPORTED);
    switch (c.ins) {
      case 0xa4:
        return this.select(c);
      case 0xc0:
        return this.getResponse(c);
      case 0xb2:
        return this.readRecord(c);
      case 0x20:
        return this.verify(c);
      case 0x5e:
        return c.cla === 0x80 ? this.changePin(c) : sw(SW.CLA_NOT_SUPPORTED);
      case 0x84:
        return this.getChallenge(c);
      case 0x88:
        return this.internalAuthenticate(c);
      case 0x82:
        return this.externalAuthenticate(c);
      default:
        return sw(SW.INS_NOT_SUPPORTED);
    }
  }

  private get card(): SscCardData | null {
    return this.persona.card;
  }

  /** Data out under T=0 rules: no Le → 61xx and GET RESPONSE; wrong Le → 6Cxx. */
  private respond(c: CommandApdu, data: Buffer, exactLeOnly = false): Buffer {
    if (c.le === undefined) {
      this.pending = data;
      return sw(0x6100 | (data.length & 0xff));
    }
    if (c.le === data.length || (c.le === 256 && !exactLeOnly)) return encodeResponse(data, SW.OK);
    return sw(0x6c00 | (data.length & 0xff));
  }

  private select(c: CommandApdu): Buffer {
    const data = Buffer.from(c.data ?? []);
    if (c.p1 === 0x04) {
      if (!this.fci || !data.equals(SSSE_NAME)) return sw(SW.NOT_FOUND);
      this.ssseSelected = true;
      this.currentEf = null;
      return this.respond(c, this.fci);
    }
    if (c.p1 === 0x00 && data.length === 2 && data.readUInt16BE(0) === 0x3f00) {
      this.ssseSelected = false;
      this.currentEf = null;
      return sw(SW.OK);
    }
    if (c.p1 === 0x02 && data.length === 2) {
      const fid = data.readUInt16BE(0);
      if (!this.ssseSelected || !this.files.has(fid)) return sw(SW.NOT_FOUND);
      this.currentEf = fid;
      return sw(SW.OK);
    }
    return sw(SW.NOT_FOUND);
  }

  private getResponse(c: CommandApdu): Buffer {
    const data = this.pending;
    if (!data) return sw(SW.CONDITIONS_NOT_SATISFIED);
    if (c.le !== data.length && c.le !== 256) return sw(0x6c00 | (data.length & 0xff));
    this.pending = null;
    return encodeResponse(data, SW.OK);
  }

  private readRecord(c: CommandApdu): Buffer {
    if (c.p2 !== 0x00) return sw(SW.WRONG_P1P2);
    if (this.currentEf === null) return sw(SW.CONDITIONS_NOT_SATISFIED);
    if (
      this.currentEf === EF.personal &&
      this.card?.specVersion === '3.00' &&
      !this.externallyAuthenticated
    ) {
      return sw(SW.SECURITY_NOT_SATISFIED);
    }
    const record = this.files.get(this.currentEf)?.get(c.p1);
    if (!record) return sw(SW.RECORD_NOT_FOUND);
    // CARD.md: Le = 00 is answered with 6Cxx, so the kiosk learns the exact length.
    return this.respond(c, record, true);
  }

  private pinState(): Buffer {
    if (this.triesLeft === 0) return sw(SW.BLOCKED);
    if (this.pinVerified) return sw(SW.OK);
    return sw(0x63c0 | this.triesLeft);
  }

  private checkPin(candidate: Uint8Array): Buffer | null {
    if (this.triesLeft === 0) return sw(SW.BLOCKED);
    const digits = decodeCn(candidate);
    if (!digits.ok || digits.value.length < 4 || digits.value.length > 12) return sw(SW.WRONG_DATA);
    if (digits.value !== this.pin) {
      this.triesLeft -= 1;
      this.pinVerified = false;
      return sw(0x63c0 | this.triesLeft);
    }
    return null;
  }

  private verify(c: CommandApdu): Buffer {
    if (!this.card) return sw(SW.INS_NOT_SUPPORTED);
    if (!c.data || c.data.length === 0) return this.pinState();
    const failure = this.checkPin(c.data);
    if (failure) return failure;
    this.triesLeft = this.pinTryLimit;
    this.pinVerified = true;
    return sw(SW.OK);
  }

  private changePin(c: CommandApdu): Buffer {
    if (!this.card) return sw(SW.INS_NOT_SUPPORTED);
    const data = Buffer.from(c.data ?? []);
    const sep = data.indexOf(0xff);
    if (sep <= 0 || sep === data.length - 1) return sw(SW.WRONG_DATA);
    const next = decodeCn(data.subarray(sep + 1));
    if (!next.ok || next.value.length < 4 || next.value.length > 12) return sw(SW.WRONG_DATA);
    const failure = this.checkPin(data.subarray(0, sep));
    if (failure) return failure;
    this.pin = next.value;
    this.triesLeft = this.pinTryLimit;
    this.pinVerified = true;
    return sw(SW.OK);
  }

  private getChallenge(c: CommandApdu): Buffer {
    if (!this.card) return sw(SW.INS_NOT_SUPPORTED);
    if (c.le !== 8) return sw(0x6c08);
    this.challenge = this.random(8);
    return encodeResponse(this.challenge, SW.OK);
  }

  private internalAuthenticate(c: CommandApdu): Buffer {
    const card = this.card;
    if (!card) return sw(SW.INS_NOT_SUPPORTED);
    if (c.p2 !== KEY_ID.internal) return sw(SW.WRONG_P1P2);
    if (c.data?.length !== 16) return sw(SW.WRONG_LENGTH);
    const key = demoCardKey(card.algorithm, 'internal', cardIdentificationCode(card));
    return this.respond(c, internalAuthResponse(card.algorithm, key, c.data));
  }

  private externalAuthenticate(c: CommandApdu): Buffer {
    const card = this.card;
    if (!card) return sw(SW.INS_NOT_SUPPORTED);
    if (c.p2 !== KEY_ID.read) return sw(SW.WRONG_P1P2);
    const data = Buffer.from(c.data ?? []);
    if (data.length !== 16) return sw(SW.WRONG_LENGTH);
    const challenge = this.challenge;
    // One challenge, one attempt: a replayed or guessed cryptogram never gets a second go.
    this.challenge = null;
    if (!challenge) return sw(SW.CONDITIONS_NOT_SATISFIED);
    const key = demoCardKey(card.algorithm, 'read', cardIdentificationCode(card));
    const expected = externalAuthCryptogram(card.algorithm, key, challenge);
    if (!data.subarray(8).equals(challenge) || !data.subarray(0, 8).equals(expected)) {
      return sw(SW.VERIFICATION_FAILED);
    }
    this.externallyAuthenticated = true;
    return sw(SW.OK);
  }
}

const sw = (code: number): Buffer => encodeResponse(Buffer.alloc(0), code);
