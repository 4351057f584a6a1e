/**
 * Masking for anything shown, printed, logged or audited. A full ID number, phone or card
 * number is never logged (DEVELOPERS guide); screens show these masked unless the citizen
 * authenticated with card + PIN.
 */
function maskMiddle(s: string, keepStart: number, keepEnd: number): string {
  if (s.length <= keepStart + keepEnd) return '*'.repeat(s.length);
  return (
    s.slice(0, keepStart) + '*'.repeat(s.length - keepStart - keepEnd) + s.slice(s.length - keepEnd)
  );
}

/** 110105********123X — region prefix and last four kept. */
export const maskIdNumber = (id: string): string => maskMiddle(id, 6, 4);
/** A1*****6X — first two and last two kept. */
export const maskCardNumber = (n: string): string => maskMiddle(n, 2, 2);
/** 138****5678 — as the SMS screens show it. */
export const maskPhone = (p: string): string => maskMiddle(p, 3, 4);
/** 张*三 / *三 — the family name and last character kept for names of three or more. */
export function maskName(name: string): string {
  // Code points, not UTF-16 units: rare names use characters outside the BMP.
  const chars = Array.from(name);
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `*${chars[1] ?? ''}`;
  return `${chars[0] ?? ''}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1] ?? ''}`;
}
