/**
 * Configuration loading: demo defaults, a JSON file, environment overrides on top, and a clear
 * error naming the field (never an exception) for anything wrong.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardReaderKind, loadConfig, type ConfigError, type KioskConfig } from './config';

const dir = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
let n = 0;
function file(content: string): string {
  const path = join(dir, `config-${String(n++)}.json`);
  writeFileSync(path, content);
  return path;
}

function value(r: ReturnType<typeof loadConfig>): KioskConfig {
  if (!r.ok) throw new Error(`expected a configuration, got: ${r.error.message}`);
  return r.value;
}
function failure(r: ReturnType<typeof loadConfig>): ConfigError {
  if (r.ok) throw new Error('expected a configuration error');
  return r.error;
}

describe('defaults', () => {
  it('are demo mode on loopback, any free port, Chinese first', () => {
    const c = value(loadConfig({ env: {} }));
    expect(c.mode).toBe('demo');
    expect(c.webHost).toEqual({ host: '127.0.0.1', port: 0 });
    expect(c.ui.defaultLanguage).toBe('zh-CN');
    expect(c.ui.largeTextDefault).toBe(false);
    expect(c.site.type).toBe('bureau_hall');
    expect(c.log.level).toBe('info');
  });
});

describe('file and environment', () => {
  it('reads the file given, keeping defaults for what it leaves out', () => {
    const path = file(JSON.stringify({ mode: 'production', ui: { defaultLanguage: 'en' } }));
    const c = value(loadConfig({ file: path, env: {} }));
    expect(c.mode).toBe('production');
    expect(c.ui.defaultLanguage).toBe('en');
    expect(c.ui.idleTimeoutSeconds).toBe(60);
    expect(c.webHost.host).toBe('127.0.0.1');
  });

  it('finds the file through SSC_KIOSK_CONFIG', () => {
    const path = file(JSON.stringify({ site: { type: 'bank_lobby', name: 'Branch 7' } }));
    const c = value(loadConfig({ env: { SSC_KIOSK_CONFIG: path } }));
    expect(c.site).toEqual({ type: 'bank_lobby', name: 'Branch 7' });
  });

  it('lets the environment override the file', () => {
    const path = file(JSON.stringify({ mode: 'demo', webHost: { port: 8000 }, dataDir: '/a' }));
    const c = value(
      loadConfig({
        file: path,
        env: {
          SSC_KIOSK_MODE: 'production',
          SSC_KIOSK_PORT: '8123',
          SSC_KIOSK_DATA_DIR: '/var/lib/kiosk',
          SSC_KIOSK_LANGUAGE: 'en',
          SSC_KIOSK_LOG_LEVEL: 'warn',
          SSC_KIOSK_LOG_FILE: '/var/log/kiosk.log',
        },
      }),
    );
    expect(c.mode).toBe('production');
    expect(c.webHost.port).toBe(8123);
    expect(c.dataDir).toBe('/var/lib/kiosk');
    expect(c.ui.defaultLanguage).toBe('en');
    expect(c.log).toEqual({ level: 'warn', file: '/var/log/kiosk.log' });
  });

  it('ignores empty environment variables', () => {
    const c = value(loadConfig({ env: { SSC_KIOSK_MODE: '', SSC_KIOSK_PORT: '' } }));
    expect(c.mode).toBe('demo');
    expect(c.webHost.port).toBe(0);
  });
});

describe('a bad configuration is a clear error naming the field', () => {
  it.each([
    ['a port out of range', { webHost: { port: 70000 } }, 'webHost.port'],
    ['a non-loopback address', { webHost: { host: '0.0.0.0' } }, 'webHost.host'],
    ['an unknown mode', { mode: 'kiosk' }, 'mode'],
    ['a language not offered', { ui: { defaultLanguage: 'fr' } }, 'ui.defaultLanguage'],
    ['a wrong type', { ui: { largeTextDefault: 'yes' } }, 'ui.largeTextDefault'],
    ['an idle timeout too short', { ui: { idleTimeoutSeconds: 1 } }, 'ui.idleTimeoutSeconds'],
    ['an empty site name', { site: { name: '' } }, 'site.name'],
  ])('%s', (_name, content, field) => {
    const path = file(JSON.stringify(content));
    const e = failure(loadConfig({ file: path, env: {} }));
    expect(e.code).toBe('config_invalid');
    expect(e.field).toBe(field);
    expect(e.message).toContain(field);
    expect(e.message).toContain(path);
    expect(e.message).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('names an unknown (misspelt) field', () => {
    const e = failure(loadConfig({ file: file('{"ui": {"largeTxtDefault": true}}'), env: {} }));
    expect(e.code).toBe('config_invalid');
    expect(e.field).toBe('ui');
    expect(e.message).toContain('largeTxtDefault');
  });

  it('says when the file is not JSON', () => {
    const path = file('{ "mode": "demo", }');
    const e = failure(loadConfig({ file: path, env: {} }));
    expect(e.code).toBe('config_file_not_json');
    expect(e.message).toContain(path);
    expect(e.message).toContain('not valid JSON');
  });

  it('says when the file holds JSON that is not an object', () => {
    const e = failure(loadConfig({ file: file('[1, 2]'), env: {} }));
    expect(e.code).toBe('config_invalid');
    expect(e.message).toContain('JSON object');
  });

  it('says when the file cannot be read', () => {
    const path = join(dir, 'missing.json');
    const e = failure(loadConfig({ file: path, env: {} }));
    expect(e.code).toBe('config_file_unreadable');
    expect(e.message).toContain(path);
    expect(e.message).toContain('ENOENT');
  });

  it('names the field a bad environment variable sets', () => {
    const port = failure(loadConfig({ env: { SSC_KIOSK_PORT: 'eighty' } }));
    expect(port.field).toBe('webHost.port');
    const mode = failure(loadConfig({ env: { SSC_KIOSK_MODE: 'test' } }));
    expect(mode.field).toBe('mode');
  });

  it('never throws, whatever JSON the file holds', () => {
    const path = join(dir, 'fuzz.json');
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        writeFileSync(path, JSON.stringify(json));
        const r = loadConfig({ file: path, env: {} });
        if (!r.ok) expect(r.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});

describe('configuration: the card section', () => {
  it('defaults to the simulated reader in demo mode and to pcsc in production', () => {
    const demo = loadConfig({ env: {} });
    const prod = loadConfig({ env: { SSC_KIOSK_MODE: 'production' } });
    expect(demo.ok && cardReaderKind(demo.value)).toBe('simulated');
    expect(prod.ok && cardReaderKind(prod.value)).toBe('pcsc');
  });

  it('takes the reader from the environment, and refuses an unknown one by field', () => {
    const pcsc = loadConfig({ env: { SSC_KIOSK_CARD_READER: 'pcsc' } });
    expect(pcsc.ok && cardReaderKind(pcsc.value)).toBe('pcsc');
    const bad = loadConfig({ env: { SSC_KIOSK_CARD_READER: 'usb' } });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'config_invalid', field: 'card.reader' },
    });
  });
});
