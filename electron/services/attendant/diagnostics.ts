import { closeSync, mkdirSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AttendantDashboard, AuditView } from '../../attendant-contract';
import { redactText, redactValue } from './redact';

/** The last ~512 KB of the log file: enough for the recent past, bounded for a USB stick. */
const LOG_TAIL_BYTES = 512 * 1024;

function logTail(file: string): string {
  const size = statSync(file).size;
  const length = Math.min(size, LOG_TAIL_BYTES);
  const buf = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buf, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  const text = buf.toString('utf8');
  // Drop a line cut in half at the start of the tail.
  return size > length ? text.slice(text.indexOf('\n') + 1) : text;
}

/**
 * Writes a diagnostics bundle into a new folder under `baseDir`: the dashboard, the
 * configuration without secrets, the audit log's verification and recent entries, and the
 * log tail — all passed through redaction, so nothing personal leaves on the stick.
 */
export function writeDiagnosticsBundle(input: {
  readonly baseDir: string;
  readonly at: Date;
  readonly dashboard: AttendantDashboard;
  readonly config: unknown;
  readonly audit: AuditView | null;
  readonly logFile: string | null;
}): { folder: string; files: string[] } {
  const stamp = input.at.toISOString().replace(/[:.]/g, '-');
  const folder = join(input.baseDir, `diagnostics-${stamp}`);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const files: string[] = [];
  const put = (name: string, text: string): void => {
    writeFileSync(join(folder, name), text, { mode: 0o600 });
    files.push(name);
  };
  put('status.json', JSON.stringify(redactValue(input.dashboard), null, 2));
  put('config.json', JSON.stringify(redactValue(input.config), null, 2));
  if (input.audit) put('audit.json', JSON.stringify(redactValue(input.audit), null, 2));
  let log: string;
  try {
    log = input.logFile
      ? redactText(logTail(input.logFile))
      : 'The kiosk logs to standard output.\n';
  } catch {
    log = 'The log file could not be read.\n';
  }
  put('kiosk.log', log);
  return { folder, files };
}
