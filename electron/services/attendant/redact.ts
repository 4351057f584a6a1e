/**
 * Redaction for what leaves the kiosk in a diagnostics bundle. Logs are already written with
 * personal fields redacted by key (log.ts); this is the second net, on the text itself: any
 * 18-character ID number, card number (letter + 8), mainland mobile number or 6-digit run that
 * could be a PIN is replaced, and configuration secrets are dropped by key.
 */
const ID_NUMBER = /\d{17}[\dXx]/g;
const CARD_NUMBER = /(?<![A-Za-z0-9])[A-Z]\d{7}[\dX](?![A-Za-z0-9])/g;
const MOBILE = /(?<!\d)1\d{10}(?!\d)/g;
const SIX_DIGITS = /(?<![\d.:-])\d{6}(?![\d.:-])/g;
const SECRET_KEY = /pin|passcode|password|secret|token|privateKey|key$|keyFile|hash|salt/i;
const PERSONAL_KEY =
  /^(name|nameExtension|idNumber|socialSecurityNumber|phone|mobile|cardNumber|birthDate)$/;

export function redactText(text: string): string {
  return text
    .replace(ID_NUMBER, '[id-number]')
    .replace(CARD_NUMBER, '[card-number]')
    .replace(MOBILE, '[phone]')
    .replace(SIX_DIGITS, '[digits]');
}

/** A deep copy without secrets and personal fields; strings scrubbed with `redactText`. */
export function redactValue(value: unknown, key = ''): unknown {
  if (key && (SECRET_KEY.test(key) || PERSONAL_KEY.test(key))) return '[removed]';
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactValue(v, k)]),
    );
  }
  return value;
}
