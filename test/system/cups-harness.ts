/**
 * A private cupsd for the printing system tests: its own configuration, spool, log, cache and
 * state directories under a temp dir, its own port, foreground, stopped afterwards. Never the
 * machine's CUPS. Queues:
 *  - `pdf`: cups-pdf writing into our temp dir,
 *  - `slow`: a backend that takes its time (to stop the queue while a job is on it),
 *  - `failing`: a backend that always fails (CUPS retries; the job is held meanwhile).
 *
 * cups-pdf reads its configuration from a compiled-in directory (/etc/cups): the file
 * `cups-pdf-<suffix>.conf`, where <suffix> is what follows `cups-pdf:/` in the device URI.
 * So the harness writes a uniquely named file there (output, spool and log pointed into our
 * temp dir) and removes it when done. The PDF→PostScript step uses pdftocairo, the renderer that keeps
 * Chinese text extractable through cups-pdf's Ghostscript.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { until as pollUntil } from '../support/until';

const run = promisify(execFile);
const CUPS_BIN = '/usr/lib/cups';
const PPD = '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd';

export interface CupsHarness {
  readonly port: number;
  readonly server: string;
  /** Where cups-pdf writes the `pdf` queue's output. */
  readonly outDir: string;
  readonly base: string;
  lp(args: readonly string[]): Promise<string>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Polls every 100 ms (CUPS answers over IPP; no need to ask more often). */
export const until = (
  what: string,
  cond: () => Promise<boolean> | boolean,
  timeoutMs: number,
): Promise<void> => pollUntil(what, cond, timeoutMs, 100);

export async function startCups(): Promise<CupsHarness> {
  if (process.getuid?.() !== 0) {
    throw new Error('the CUPS system test runs cupsd and cups-pdf as root (as on the CI box)');
  }
  const base = mkdtempSync(join(tmpdir(), 'ssc-kiosk-cups-'));
  const dirs = ['conf', 'spool', 'tmp', 'log', 'cache', 'state', 'bin/backend', 'out'];
  for (const d of dirs) mkdirSync(join(base, d), { recursive: true });
  // cups-pdf drops to `nobody` for anonymous users (ours is not a local account).
  chmodSync(join(base, 'out'), 0o1777);
  chmodSync(join(base, 'tmp'), 0o1777);
  chmodSync(base, 0o755);

  // Our own ServerBin: the system's filters, plus our backends.
  for (const d of ['cgi-bin', 'daemon', 'driver', 'filter', 'monitor', 'notifier']) {
    symlinkSync(join(CUPS_BIN, d), join(base, 'bin', d));
  }
  symlinkSync(join(CUPS_BIN, 'backend', 'cups-pdf'), join(base, 'bin/backend/cups-pdf'));
  const backend = (name: string, body: string): void => {
    const file = join(base, 'bin/backend', name);
    // Without arguments a backend lists its devices (cupsd asks at start).
    writeFileSync(
      file,
      `#!/bin/sh\nif [ $# -eq 0 ]; then echo 'direct ${name} "Unknown" "${name} test backend"'; exit 0; fi\n${body}\n`,
    );
    chmodSync(file, 0o700);
  };
  backend('failing', 'cat > /dev/null\necho "ERROR: simulated printer failure" >&2\nexit 1');
  backend('slow', 'sleep 8\ncat > /dev/null\nexit 0');

  const port = await freePort();
  const filesConf = join(base, 'cups-files.conf');
  writeFileSync(
    filesConf,
    [
      `ServerRoot ${join(base, 'conf')}`,
      `RequestRoot ${join(base, 'spool')}`,
      `TempDir ${join(base, 'tmp')}`,
      `CacheDir ${join(base, 'cache')}`,
      `StateDir ${join(base, 'state')}`,
      `ServerBin ${join(base, 'bin')}`,
      `AccessLog ${join(base, 'log/access_log')}`,
      `ErrorLog ${join(base, 'log/error_log')}`,
      `PageLog ${join(base, 'log/page_log')}`,
      'User lp',
      'Group lp',
      'SystemGroup root',
      '',
    ].join('\n'),
  );
  const conf = join(base, 'cupsd.conf');
  writeFileSync(
    conf,
    [
      `Listen 127.0.0.1:${port}`,
      'LogLevel info',
      'Browsing No',
      'DefaultAuthType None',
      'WebInterface No',
      'PreserveJobHistory Yes',
      'JobRetryInterval 2',
      '<Location />',
      '  Order allow,deny',
      '  Allow from 127.0.0.1',
      '</Location>',
      '<Policy default>',
      '  <Limit All>',
      '    Order deny,allow',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );

  const suffix = `ssckiosk${randomBytes(4).toString('hex')}`;
  const pdfConf = `/etc/cups/cups-pdf-${suffix}.conf`;
  const outDir = join(base, 'out');
  writeFileSync(
    pdfConf,
    [
      `Out ${outDir}`,
      `AnonDirName ${outDir}`,
      `Spool ${join(base, 'cups-pdf-spool')}`,
      `Log ${join(base, 'log')}`,
      'Label 2',
      '',
    ].join('\n'),
  );

  const child: ChildProcess = spawn('cupsd', ['-f', '-c', conf, '-s', filesConf], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let exited = false;
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  child.on('exit', () => (exited = true));

  const server = `127.0.0.1:${port}`;
  const lp = async (args: readonly string[]): Promise<string> => {
    const [cmd, ...rest] = args;
    if (cmd === undefined) throw new Error('no command');
    const r = await run(cmd, ['-h', server, ...rest]);
    return r.stdout;
  };
  const cleanup = (): void => {
    rmSync(pdfConf, { force: true });
    rmSync(base, { recursive: true, force: true });
  };

  try {
    await until(
      'cupsd to answer',
      async () => {
        if (exited) throw new Error(`cupsd exited: ${stderr}`);
        try {
          return (await lp(['lpstat', '-r'])).includes('is running');
        } catch {
          return false;
        }
      },
      20_000,
    );
    const add = (name: string, uri: string, opts: string[] = []) =>
      lp(['lpadmin', '-p', name, '-E', '-v', uri, '-P', PPD, ...opts]);
    await add('pdf', `cups-pdf:/${suffix}`, ['-o', 'pdftops-renderer-default=pdftocairo']);
    await add('slow', 'slow:/', ['-o', 'pdftops-renderer-default=pdftocairo']);
    await add('failing', 'failing:/', ['-o', 'printer-error-policy=retry-job']);
  } catch (e) {
    child.kill('SIGTERM');
    cleanup();
    throw e;
  }

  return {
    port,
    server: `ipp://${server}`,
    outDir,
    base,
    lp,
    async stop() {
      if (!exited) {
        const gone = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        await gone;
      }
      cleanup();
    },
  };
}
