/**
 * `npm run attendant-passcode`: reads an 8-digit attendant passcode from standard input (typed,
 * or piped — never an argument, so it stays out of shell history and `ps`) and prints the scrypt
 * hash to put in the configuration as `attendant.passcodeHash`.
 */
import { createInterface } from 'node:readline';
import { hashPasscode, PASSCODE_PATTERN } from '../services/attendant/passcode';

async function readLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin });
  if (process.stdin.isTTY) process.stderr.write('Attendant passcode (8 digits): ');
  for await (const line of rl) {
    rl.close();
    return line.trim();
  }
  return '';
}

async function main(): Promise<void> {
  const passcode = await readLine();
  if (!PASSCODE_PATTERN.test(passcode)) {
    console.error('bad_passcode: the attendant passcode is exactly 8 digits');
    process.exit(1);
  }
  console.log(await hashPasscode(passcode));
}

void main();
