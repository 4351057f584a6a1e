import type { PaperState, PrinterDeviceState } from './printer-port';

/**
 * IPP `printer-state` + `printer-state-reasons` → the kiosk's device and paper states.
 * Reasons carry a severity suffix (RFC 8011 §5.4.12): `-report` is information only,
 * `-warning` does not stop printing, `-error` (or no suffix) does. A printer that reports no
 * media reason at all says nothing about paper: `unknown`, unless configuration declares that
 * this printer has a paper sensor whose silence means paper is present.
 */
export type Severity = 'report' | 'warning' | 'error';

export interface StateReason {
  readonly keyword: string;
  readonly severity: Severity;
}

export function parseReason(raw: string): StateReason {
  const m = /^(.*)-(report|warning|error)$/.exec(raw.trim().toLowerCase());
  if (m && m[1] !== undefined && m[2] !== undefined) {
    return { keyword: m[1], severity: m[2] as Severity };
  }
  return { keyword: raw.trim().toLowerCase(), severity: 'error' };
}

export interface PrinterAttributes {
  /** `idle` | `processing` | `stopped` (IPP enum names), or null when absent. */
  readonly state: string | null;
  readonly reasons: readonly string[];
  readonly acceptingJobs: boolean | null;
  readonly message: string;
}

export interface NormalisedState {
  readonly device: PrinterDeviceState;
  readonly paper: PaperState;
  readonly reasons: readonly string[];
}

const PAPER_OUT = new Set(['media-empty', 'media-needed']);
const HARDWARE = new Set([
  'door-open',
  'cover-open',
  'interlock-open',
  'marker-supply-empty',
  'toner-empty',
  'fuser-over-temp',
  'fuser-under-temp',
  'other',
]);

export function normaliseState(attrs: PrinterAttributes, paperSensor: boolean): NormalisedState {
  const parsed = attrs.reasons.map(parseReason).filter((r) => r.keyword !== 'none');
  const has = (keywords: Set<string> | string, severities: Severity[] = ['error', 'warning']) =>
    parsed.some(
      (r) =>
        (typeof keywords === 'string' ? r.keyword === keywords : keywords.has(r.keyword)) &&
        severities.includes(r.severity),
    );

  let paper: PaperState = 'unknown';
  if (has('media-jam')) paper = 'jammed';
  else if (has(PAPER_OUT)) paper = 'out';
  else if (has('media-low')) paper = 'low';
  else if (paperSensor && attrs.state !== null && !has('offline')) paper = 'full';

  const reasons = parsed.filter((r) => r.severity !== 'report').map((r) => r.keyword);
  let device: PrinterDeviceState;
  if (attrs.state === null) device = 'no_device';
  else if (has('offline') || has('shutdown') || has('connecting-to-device')) device = 'offline';
  else if (has(HARDWARE, ['error']) || paper === 'jammed') device = 'hardware_error';
  else if (attrs.state === 'stopped') {
    // cupsdisable sets `paused`; a backend that gave up leaves the queue stopped with a message.
    device = has('paused') ? 'offline' : 'hardware_error';
    if (!reasons.includes('queue-stopped')) reasons.push('queue-stopped');
  } else if (attrs.acceptingJobs === false) {
    device = 'offline';
    reasons.push('not-accepting-jobs');
  } else if (attrs.state === 'processing') device = 'busy';
  else device = 'online';
  return { device, paper, reasons };
}
