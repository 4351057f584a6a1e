/**
 * A private pcscd for the card system tests and the card-read benchmark: foreground, its own
 * reader.conf.d (vpcd on ports of our own), its own socket and log, stopped afterwards.
 *
 * pcscd 1.9 has no option for its socket directory (/run/pcscd is compiled in; only the
 * client library honours PCSCLITE_CSOCK_NAME). So pcscd runs in a private mount namespace
 * with a temp directory bound over /run/pcscd, and this process points libpcsclite at the
 * socket inside that directory. Without unshare (no CAP_SYS_ADMIN) it falls back to the real
 * /run/pcscd and refuses to start if another pcscd already owns it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  readFileSync,
  mkdirSync,
  rmSync,
  statSync,
  writeFileSync,
  openSync,
  closeSync,
} from 'node:fs';
import { join } from 'node:path';
import { until } from '../support/until';

// Fixed for this area so that the socket path is known before libpcsclite first reads it
// (it caches PCSCLITE_CSOCK_NAME for the life of the process).
export const CARD_TEST_DIR = '/tmp/ssc-kiosk-card-pcscd';
export const CARD_TEST_SOCKET = join(CARD_TEST_DIR, 'run', 'pcscd.comm');
/** vpcd slot ports: one driver entry gives two readers, on port and port + 1. */
export const CARD_TEST_PORT = 35990;

function findPcscd(): string {
  for (const p of ['/usr/sbin/pcscd', '/usr/local/sbin/pcscd', '/sbin/pcscd'])
    if (existsSync(p)) return p;
  throw new Error(
    'pcscd is not installed: apt-get install pcscd vsmartcard-vpcd (the card system tests need it)',
  );
}

const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';

function canUnshare(): boolean {
  const r = spawnSync('unshare', ['-m', 'true'], { stdio: 'ignore' });
  return r.status === 0;
}

/**
 * A run that died without its afterAll leaves its pcscd holding our vpcd ports. Its pid is in
 * our private run directory; it is ours only if its command line names our config directory.
 */
function killLeftover(): void {
  try {
    const pid = Number(readFileSync(join(CARD_TEST_DIR, 'run', 'pcscd.pid'), 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 1) return;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (cmdline.includes(join(CARD_TEST_DIR, 'conf'))) process.kill(pid, 'SIGKILL');
  } catch {
    // No pid file or no such process: nothing left over.
  }
}

export class PrivatePcscd {
  private child: ChildProcess | null = null;
  private readonly pcscd = findPcscd();
  private readonly namespaced = canUnshare();
  readonly logFile = join(CARD_TEST_DIR, 'pcscd.log');

  constructor() {
    if (!existsSync(VPCD_DRIVER)) {
      throw new Error(`vpcd driver missing (${VPCD_DRIVER}): apt-get install vsmartcard-vpcd`);
    }
    killLeftover();
    rmSync(CARD_TEST_DIR, { recursive: true, force: true });
    mkdirSync(join(CARD_TEST_DIR, 'conf'), { recursive: true });
    mkdirSync(join(CARD_TEST_DIR, 'run'), { recursive: true });
    writeFileSync(
      join(CARD_TEST_DIR, 'conf', 'vpcd'),
      [
        'FRIENDLYNAME "Virtual PCD"',
        `DEVICENAME   /dev/null:0x${CARD_TEST_PORT.toString(16).toUpperCase()}`,
        `LIBPATH      ${VPCD_DRIVER}`,
        `CHANNELID    0x${CARD_TEST_PORT.toString(16).toUpperCase()}`,
        '',
      ].join('\n'),
    );
    process.env.PCSCLITE_CSOCK_NAME = this.namespaced ? CARD_TEST_SOCKET : '/run/pcscd/pcscd.comm';
  }

  get socketPath(): string {
    return this.namespaced ? CARD_TEST_SOCKET : '/run/pcscd/pcscd.comm';
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    if (this.running) return;
    rmSync(this.socketPath, { force: true });
    if (this.namespaced) rmSync(join(CARD_TEST_DIR, 'run', 'pcscd.pid'), { force: true });
    const args = ['-f', '-c', join(CARD_TEST_DIR, 'conf')];
    const log = openSync(this.logFile, 'a');
    const run = join(CARD_TEST_DIR, 'run');
    this.child = this.namespaced
      ? spawn(
          'unshare',
          [
            '-m',
            'sh',
            '-c',
            `mkdir -p /run/pcscd && mount --bind ${run} /run/pcscd && exec ${this.pcscd} "$@"`,
            'pcscd',
            ...args,
          ],
          { stdio: ['ignore', log, log] },
        )
      : spawn(this.pcscd, args, { stdio: ['ignore', log, log] });
    closeSync(log);
    const child = this.child;
    await until(
      'pcscd socket',
      () => {
        if (child.exitCode !== null)
          throw new Error(`pcscd exited (${child.exitCode}); see ${this.logFile}`);
        return existsSync(this.socketPath) && statSync(this.socketPath).isSocket();
      },
      10_000,
    );
  }

  /** kill -9, as a crash would; resolves once the process is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
    this.child = null;
  }
}

export { until };
