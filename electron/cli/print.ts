/**
 * `npm run print -- test [--queue NAME] [--server ipp://host:port] [--json]`: prints the
 * attendant test page (Chinese and English, QR, 80 mm) and reports the final job state.
 * `npm run print -- status [--queue NAME] [--server ...] [--json]`: the queue's device and
 * paper state with reasons. `--folder DIR` uses the PDF-folder printer instead of CUPS.
 * `--verbose` adds the kiosk log lines. Errors print as {"error": code, "message": ...} with --json; exit code 1.
 */
import { hostname } from 'node:os';
import { createPrinter, printerConfigSchema, type PrinterConfig } from '../devices/printer/config';
import { testPage } from '../devices/printer/receipts';
import { createLogger, silentLogger } from '../log';

const args = process.argv.slice(2);
const command = args[0];
const json = args.includes('--json');
const option = (name: string): string | undefined =>
  args.includes(name) ? args[args.indexOf(name) + 1] : undefined;

function fail(code: string, message: string): never {
  if (json) console.log(JSON.stringify({ error: code, message }));
  else console.error(`${code}: ${message}`);
  process.exit(1);
}

function config(): PrinterConfig {
  const folder = option('--folder');
  const parsed = printerConfigSchema.safeParse({
    kind: folder ? 'pdf-folder' : 'cups',
    ...(folder ? { folder } : {}),
    cups: {
      ...(option('--queue') ? { queue: option('--queue') } : {}),
      ...(option('--server') ? { server: option('--server') } : {}),
      jobDeadlineMs: 60_000,
    },
  });
  if (!parsed.success) fail('bad_arguments', parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

async function main(): Promise<void> {
  if (command !== 'test' && command !== 'status') {
    fail(
      'usage',
      'npm run print -- test|status [--queue NAME] [--server URL] [--folder DIR] [--json]',
    );
  }
  const cfg = config();
  const created = createPrinter(cfg, {
    // Logs go to standard output, which is the answer's; only on request.
    logger: args.includes('--verbose') ? createLogger({ level: 'debug' }) : silentLogger(),
    dataDir: option('--data-dir') ?? '.data/kiosk',
  });
  if (!created.ok) fail(created.error.code, created.error.message);
  const printer = created.value;
  const status = await printer.refresh();
  const where = cfg.kind === 'cups' ? `${cfg.cups.server}/printers/${cfg.cups.queue}` : cfg.folder;

  if (command === 'status') {
    if (json) console.log(JSON.stringify({ printer: where, status }, null, 2));
    else {
      console.log(`printer ${where}`);
      console.log(`device  ${status.device}`);
      console.log(`paper   ${status.paper}${status.paper === 'unknown' ? ' (not reported)' : ''}`);
      console.log(`reasons ${status.reasons.join(', ') || '-'}`);
      if (status.message !== '') console.log(`message ${status.message}`);
    }
    await printer.stop();
    if (status.device !== 'online' && status.device !== 'busy') process.exitCode = 1;
    return;
  }

  const doc = testPage(
    {
      kioskId: hostname(),
      siteName: 'SSC Kiosk',
      language: 'zh-CN',
      now: new Date(),
      timeZone: cfg.timeZone,
    },
    where,
  );
  const outcome = await printer.printAndWait(doc);
  await printer.stop();
  if (!outcome.ok) fail(outcome.error.code, outcome.error.detail);
  const { job } = outcome.value;
  if (json) console.log(JSON.stringify({ printer: where, job }, null, 2));
  else {
    console.log(
      `job ${job.id}: ${job.state}${cfg.kind === 'pdf-folder' ? ` (${job.message})` : ''}`,
    );
    if (job.state === 'handed_to_printer' && cfg.kind === 'cups') {
      console.log('(CUPS "completed": the job was handed to the printer; check the paper)');
    }
  }
}

await main();
