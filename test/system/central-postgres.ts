import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A private PostgreSQL server for the central-service system tests: its own data directory,
 * socket directory and port, stopped in afterAll. Debian's server refuses to run as root, so
 * as root it runs as the `postgres` user.
 */
export interface PostgresServer {
  readonly url: (database: string) => string;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const PORT = 55_435; // the central area's own port; other areas use others

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const dir = join(root, v, 'bin');
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))) return dir;
  }
  throw new Error(
    'PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (install the Debian package "postgresql")',
  );
}

function asServerUser(cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0
    ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]]
    : [cmd, args];
}

async function waitForServer(url: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  let lastError: unknown;
  while (Date.now() < deadlineMs) {
    if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (e) {
      lastError = e;
      await client.end().catch(() => undefined);
      // Poll on the next turn of the event loop; connect() itself takes the time.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  throw new Error(`postgres did not accept connections: ${String(lastError)}`);
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = binDir();
  const base = mkdtempSync(join(tmpdir(), 'ssc-central-pg-'));
  chmodSync(base, 0o777); // the postgres user must reach its data and socket directories
  const data = join(base, 'data');
  const sockets = join(base, 'sockets');
  mkdirSync(sockets);
  chmodSync(sockets, 0o777);
  const [initCmd, initArgs] = asServerUser(join(bin, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'ssc',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const [cmd, args] = asServerUser(join(bin, 'postgres'), [
    '-D',
    data,
    '-k',
    sockets,
    '-p',
    String(PORT),
    '-c',
    'listen_addresses=127.0.0.1',
    // Throwaway data: durability settings off so the suite is not bound by fsync.
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
  ]);
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const url = (database: string): string => `postgres://ssc@127.0.0.1:${PORT}/${database}`;
  try {
    await waitForServer(url('postgres'), child, Date.now() + 30_000);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${String(e)}\n${stderr}`, { cause: e });
  }
  return {
    url,
    async createDatabase(name) {
      const admin = new pg.Client({ connectionString: url('postgres') });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      return url(name);
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        // Signal the postmaster itself (runuser does not pass SIGINT on): SIGINT = fast shutdown.
        const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
        process.kill(pid, 'SIGINT');
        await exited;
      }
      rmSync(base, { recursive: true, force: true });
    },
  };
}
