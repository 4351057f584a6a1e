/** Which function a successful contract command counts for, if any. */
export function functionOfCommand(command: string): string | null {
  if (command === 'session.inquiry') return 'inquiry_pages';
  if (command === 'session.verifyPin') return 'pin_verified';
  return null;
}
