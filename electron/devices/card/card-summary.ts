import { validateCardNumber } from '../../domain/card-number';
import { validateIdNumber } from '../../domain/id-number';
import { err, ok, type Result } from '../../result';
import type { CardAlgorithm } from './card-crypto';
import { decodeAn, decodeCn, decodeDate, decodeGb18030 } from './card-encoding';
import type { CardFailure, SscCard } from './ssc-card';
import { TAG } from './ssc-profile';

export type CardType = 'child' | 'student' | 'adult' | 'senior';
const CARD_TYPES: Readonly<Record<string, CardType>> = {
  '1': 'child',
  '2': 'student',
  '3': 'adult',
  '4': 'senior',
};

export interface PersonalData {
  readonly idNumber: string;
  readonly idNumberValid: boolean;
  /** The full name: the extension (tag 4E) when the card has one, else tag 09. */
  readonly name: string;
  readonly sex: 'male' | 'female' | null;
  readonly birthDate: string | null;
}

export interface CardSummary {
  readonly cardNumber: string;
  readonly cardNumberValid: boolean;
  /** 32 hex digits. */
  readonly cardIdentificationCode: string;
  readonly region: string;
  readonly cardType: CardType;
  readonly specVersion: string;
  readonly algorithm: CardAlgorithm;
  readonly issueDate: string;
  readonly expiryDate: string;
  readonly expired: boolean;
  readonly personal: PersonalData | null;
  /** True on a 3.00 card whose EF06 stays locked (no central service to authenticate). */
  readonly personalLocked: boolean;
}

/** Computes the EXTERNAL AUTHENTICATE cryptogram (central service); a port, for now a function. */
export type ExternalAuthenticator = (request: {
  readonly cardIdentificationCode: string;
  readonly cardNumber: string;
  readonly specVersion: string;
  readonly algorithm: CardAlgorithm;
  readonly challenge: Buffer;
}) => Promise<Result<Buffer, { readonly code: string; readonly detail: string }>>;

export interface ReadOptions {
  readonly authenticate?: ExternalAuthenticator;
  readonly today?: Date;
}

type Decoded<T> = Result<T, CardFailure>;
const bad = (detail: string): Decoded<never> => err({ code: 'malformed_data', detail });

async function item<T>(
  card: SscCard,
  tag: number,
  decode: (b: Buffer) => Result<T, string>,
): Promise<Decoded<T>> {
  const raw = await card.readItem(tag);
  if (!raw.ok) return raw;
  const v = decode(raw.value);
  return v.ok ? v : bad(`tag ${tag.toString(16)}: ${v.error}`);
}

const text = (b: Buffer) => decodeAn(b);

function isVersion3(version: string): boolean {
  return Number(version.split('.')[0]) >= 3;
}

async function readIssuer(card: SscCard, algorithm: CardAlgorithm, today: Date) {
  const sel = await card.selectIssuerFile();
  if (!sel.ok) return sel;
  const code = await item(card, TAG.identificationCode, (b) =>
    b.length === 16 ? ok(b) : err('length'),
  );
  if (!code.ok) return code;
  const region = decodeCn(code.value.subarray(0, 3));
  if (!region.ok || region.value.length !== 6) return bad('identification code region');
  const type = await item(card, TAG.cardType, (b) => {
    const t = decodeAn(b);
    const mapped = t.ok ? CARD_TYPES[t.value] : undefined;
    return mapped ? ok(mapped) : err('card type');
  });
  if (!type.ok) return type;
  const version = await item(card, TAG.specVersion, (b) => {
    const t = decodeAn(b);
    return t.ok && /^\d\.\d\d$/.test(t.value) ? t : err('version');
  });
  if (!version.ok) return version;
  const issued = await item(card, TAG.issueDate, decodeDate);
  if (!issued.ok) return issued;
  const expires = await item(card, TAG.expiryDate, decodeDate);
  if (!expires.ok) return expires;
  const number = await item(card, TAG.cardNumber, text);
  if (!number.ok) return number;
  // The kiosk's own calendar day (local time, China), not UTC's: a card expiring today is
  // still valid until local midnight.
  const pad = (n: number) => String(n).padStart(2, '0');
  const todayIso = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
  return ok({
    cardNumber: number.value,
    cardNumberValid: validateCardNumber(number.value).ok,
    cardIdentificationCode: code.value.toString('hex').toUpperCase(),
    region: region.value,
    cardType: type.value,
    specVersion: version.value,
    algorithm,
    issueDate: issued.value,
    expiryDate: expires.value,
    expired: expires.value < todayIso,
  });
}

/** EF06: ID number, name, and the name extension when the card has one (6A83 otherwise). */
export async function readPersonal(
  card: SscCard,
  today = new Date(),
): Promise<Decoded<PersonalData>> {
  const sel = await card.selectPersonalFile();
  if (!sel.ok) return sel;
  const id = await item(card, TAG.idNumber, text);
  if (!id.ok) return id;
  const name = await item(card, TAG.name, text);
  if (!name.ok) return name;
  const ext = await item(card, TAG.nameExtension, decodeGb18030);
  if (!ext.ok && ext.error.code !== 'record_not_found') return ext;
  // Sex and birth date come from the validated ID number (GB 11643 encodes both), which saves
  // two APDUs per read; the card's own items 0A/0D carry the same facts.
  const info = validateIdNumber(id.value, today);
  return ok({
    idNumber: id.value,
    idNumberValid: info.ok,
    name: ext.ok && ext.value.length > 0 ? ext.value : name.value,
    sex: info.ok ? info.value.sex : null,
    birthDate: info.ok ? info.value.birthDate : null,
  });
}

/**
 * Insertion → card summary: SELECT SSSE, EF05, then EF06 (after EXTERNAL AUTHENTICATE on a
 * 3.00 card, when an authenticator is available). 12 APDUs on a 2.00 card.
 */
export async function readCardSummary(
  card: SscCard,
  options: ReadOptions = {},
): Promise<Decoded<CardSummary>> {
  const today = options.today ?? new Date();
  const app = await card.selectApplication();
  if (!app.ok) return app;
  const issuer = await readIssuer(card, app.value.algorithm, today);
  if (!issuer.ok) return issuer;
  if (isVersion3(issuer.value.specVersion)) {
    if (!options.authenticate) return ok({ ...issuer.value, personal: null, personalLocked: true });
    const challenge = await card.getChallenge();
    if (!challenge.ok) return challenge;
    const cryptogram = await options.authenticate({
      cardIdentificationCode: issuer.value.cardIdentificationCode,
      cardNumber: issuer.value.cardNumber,
      specVersion: issuer.value.specVersion,
      algorithm: app.value.algorithm,
      challenge: challenge.value,
    });
    if (!cryptogram.ok) return ok({ ...issuer.value, personal: null, personalLocked: true });
    const auth = await card.externalAuthenticate(cryptogram.value, challenge.value);
    if (!auth.ok) return auth;
  }
  const personal = await readPersonal(card, today);
  if (!personal.ok) return personal;
  return ok({ ...issuer.value, personal: personal.value, personalLocked: false });
}
