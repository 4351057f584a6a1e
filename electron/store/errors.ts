/**
 * Expected store failures, as values (ARCHITECTURE.md). `disk_full` and `read_only` are what an
 * attendant can act on; `io_error` is any other refusal of the disk; `store_corrupt` means the
 * files on disk cannot be trusted and the store refused to open rather than start empty.
 */
export type StoreFaultReason = 'disk_full' | 'read_only' | 'io_error';

export type StoreError =
  | { readonly kind: StoreFaultReason; readonly message: string }
  | { readonly kind: 'store_corrupt'; readonly message: string }
  | { readonly kind: 'store_closed'; readonly message: string };

/** Maps a Node errno to the fault an attendant sees. */
export function faultFromErrno(e: unknown): { kind: StoreFaultReason; message: string } {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  if (code === 'ENOSPC' || code === 'EDQUOT') return { kind: 'disk_full', message };
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
    return { kind: 'read_only', message };
  return { kind: 'io_error', message };
}
