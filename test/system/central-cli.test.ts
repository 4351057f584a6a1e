import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'ssc-central-cli-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const cli = (args: string[]) =>
  spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });

describe('npm run central', () => {
  it('starts on PGlite with demo data, prints its URL and an enrolment code, and stops on SIGINT', async () => {
    const child = cli(['--data-dir', dataDir, '--port', '0']);
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m?.[1] && out.includes('enrolment code')) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
    });
    expect(out).toMatch(/enrolment code for one kiosk: [A-Z2-9]{12}/);
    expect(await (await fetch(`${url}/v1/health`)).json()).toEqual({
      status: 'ok',
      version: '1.0.0',
    });
    expect((await fetch(`${url}/docs`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('issues an enrolment code from the same data directory once the server is stopped', () => {
    const res = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'server/cli.ts', 'enrol-code', '--data-dir', dataDir],
      { encoding: 'utf8' },
    );
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/^[A-Z2-9]{12} {2}\(single use, valid until /);
  });
});
