import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../../electron/log';
import { storeConfigSchema } from '../../electron/store/config';
import { openKioskStore } from '../../electron/store/kiosk-store';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');

export interface CrashReport {
  readonly iterations: number;
  readonly acknowledged: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly problems: readonly string[];
}

interface ChildRun {
  readonly acks: Map<string, string>;
  readonly problem: string | null;
}

/** Runs the child once and SIGKILLs it after `killAfter` acknowledged operations. */
function runChild(
  dataDir: string,
  iteration: number,
  killAfter: number,
  env: NodeJS.ProcessEnv,
): Promise<ChildRun> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(here, 'store-crash-child.ts'), dataDir, String(iteration)],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
    );
    const acks = new Map<string, string>();
    let problem: string | null = null;
    let buffered = '';
    let stderr = '';
    let killed = false;
    const kill = () => {
      if (!killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let nl = buffered.indexOf('\n');
      while (nl >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        nl = buffered.indexOf('\n');
        const [word, key, op] = line.split(' ');
        if (word === 'ACK' && key && op) acks.set(key, op);
        else if (word === 'READY' && killAfter === 0) kill();
        else if (word !== 'READY') problem ??= `iteration ${iteration}: ${line}`;
        if (acks.size >= killAfter && killAfter > 0) kill();
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => (stderr += c));
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') {
        problem ??= `iteration ${iteration}: child exited ${code ?? signal}: ${stderr.slice(-500)}`;
      }
      resolve({ acks, problem });
    });
  });
}

/**
 * R1 for the store alone: start, record, SIGKILL at a random point, restart, `iterations`
 * times; then open the store and check every operation the child reported as recorded is
 * there exactly once (by key, and by the operation id inside it).
 */
export async function runCrashDrill(opts: {
  readonly dataDir: string;
  readonly iterations: number;
  readonly onIteration?: (i: number, acked: number) => void;
  /** Extra environment for the child (the checker's own test uses it to fake a loss). */
  readonly childEnv?: NodeJS.ProcessEnv;
}): Promise<CrashReport> {
  const acked = new Map<string, string>();
  const problems: string[] = [];
  for (let i = 1; i <= opts.iterations; i += 1) {
    // Mostly early kills (startup, migration, recovery), some after dozens of commits.
    const killAfter = Math.random() < 0.15 ? 0 : 1 + Math.floor(Math.random() * 60);
    const run = await runChild(opts.dataDir, i, killAfter, opts.childEnv ?? {});
    for (const [k, op] of run.acks) acked.set(k, op);
    if (run.problem) problems.push(run.problem);
    opts.onIteration?.(i, acked.size);
  }

  const config = storeConfigSchema.parse({
    dataDir: opts.dataDir,
    history: { maxEntries: 1_000_000, maxAgeDays: 3650 },
  });
  const opened = await openKioskStore({ config, log: silentLogger() });
  if (!opened.ok) {
    return {
      iterations: opts.iterations,
      acknowledged: acked.size,
      lost: acked.size,
      duplicated: 0,
      problems: [...problems, `final open: ${opened.error.message}`],
    };
  }
  const { store, audit } = opened.value;
  const live = store.all('SELECT key, summary FROM outbox');
  const settled = store.all('SELECT key, summary FROM outbox_history');
  const opOf = new Map<string, string>();
  const keysByOp = new Map<string, number>();
  for (const row of [...live, ...settled]) {
    const op = String((JSON.parse(String(row.summary)) as { op?: string }).op);
    opOf.set(String(row.key), op);
    keysByOp.set(op, (keysByOp.get(op) ?? 0) + 1);
  }
  let lost = 0;
  for (const [key, op] of acked) if (opOf.get(key) !== op) lost += 1;
  let duplicated = 0;
  for (const count of keysByOp.values()) if (count > 1) duplicated += count - 1;
  duplicated += live.length + settled.length - opOf.size;
  const chain = audit.verify();
  if (!chain.ok) problems.push(`audit chain: ${chain.error.kind} at ${chain.error.seq}`);
  await opened.value.close();
  return { iterations: opts.iterations, acknowledged: acked.size, lost, duplicated, problems };
}
