import type {
  CentralStatus,
  DeviceStatus,
  PrinterStatus,
  ReaderStatus,
  ServiceState,
} from '../contract';
import type { EventBus } from '../event-bus';

/**
 * Collects the status of every device and the central service, decides whether the kiosk can
 * serve citizens, and publishes a `device.status` event only when something changed.
 */
export class DeviceStatusService {
  private reader: ReaderStatus = {
    device: 'no_device',
    media: 'unknown',
    name: null,
    lastError: null,
  };
  private printer: PrinterStatus = {
    device: 'no_device',
    paper: 'unknown',
    name: null,
    lastError: null,
  };
  private central: CentralStatus = { state: 'not_configured', lastError: null };
  private attendantMessage: string | null = null;
  private outOfServiceByAttendant = false;
  private last = '';

  constructor(private readonly bus: EventBus) {
    this.last = JSON.stringify(this.snapshot());
  }

  snapshot(): DeviceStatus {
    return {
      reader: { ...this.reader },
      printer: { ...this.printer },
      central: { ...this.central },
      service: this.serviceState(),
    };
  }

  setReader(status: ReaderStatus): void {
    this.reader = { ...status };
    this.publish();
  }

  setPrinter(status: PrinterStatus): void {
    this.printer = { ...status };
    this.publish();
  }

  setCentral(status: CentralStatus): void {
    this.central = { ...status };
    this.publish();
  }

  setOutOfService(active: boolean, message: string | null): void {
    this.outOfServiceByAttendant = active;
    this.attendantMessage = active ? message : null;
    this.publish();
  }

  private serviceState(): ServiceState {
    if (this.outOfServiceByAttendant) {
      return { inService: false, reason: 'attendant', message: this.attendantMessage };
    }
    // Without a working reader no card function can run; the no-card functions need the
    // central service, which has its own notice, so only the reader takes the kiosk down here.
    if (this.reader.device !== 'online') {
      return { inService: false, reason: 'card_reader', message: null };
    }
    return { inService: true };
  }

  private publish(): void {
    const status = this.snapshot();
    const text = JSON.stringify(status);
    if (text === this.last) return;
    this.last = text;
    this.bus.emit('device.status', status);
  }
}
