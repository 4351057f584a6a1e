/** Polls `cond` until it holds; throws naming `what` after `timeoutMs`. */
export async function until(
  what: string,
  cond: () => Promise<boolean> | boolean,
  timeoutMs: number,
  intervalMs = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
