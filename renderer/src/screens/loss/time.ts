/** One formatter, made once (making an Intl formatter is the slow part, ~20 ms the first time). */
let instantParts: Intl.DateTimeFormat | undefined;
export function instantFormat(): Intl.DateTimeFormat {
  instantParts ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return instantParts;
}

/** An instant as the citizen reads it, in the kiosk's zone (China has one): date and minute. */
export function formatInstant(iso: string, language: 'zh-CN' | 'en'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = instantFormat().formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return language === 'zh-CN'
    ? `${get('year')}年${Number(get('month'))}月${Number(get('day'))}日 ${get('hour')}:${get('minute')}`
    : `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
