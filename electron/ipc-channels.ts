/**
 * The IPC channel names shared by the Electron main process and the preload. Kept in a file
 * of its own (no imports) so the sandboxed preload bundle stays tiny and cannot pull in
 * main-process code by accident.
 */
export const IPC_INVOKE = 'kiosk:invoke';
export const IPC_EVENT = 'kiosk:event';
