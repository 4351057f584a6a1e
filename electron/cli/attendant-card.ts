/**
 * `npm run attendant-card`: makes the attendant card list (`attendant.cards` in the
 * configuration). Reads one card per line from standard input — `<card number> <label>`, the
 * label being who holds it (a staff number, not a card number) — typed or piped, never as
 * arguments (shell history, `ps`). Prints the list as JSON: the card numbers only as scrypt
 * hashes under the list's salt.
 *
 *   npm run attendant-card < cards.txt                    a new list (new salt)
 *   npm run attendant-card -- --list kiosk.json < more.txt  adds to the list in that file
 *                                                        (a configuration or a list alone)
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { validateCardNumber } from '../domain/card-number';
import {
  attendantCardsSchema,
  cardListEntry,
  newCardList,
  type AttendantCards,
} from '../services/attendant/card-list';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function existingList(path: string): AttendantCards {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    fail(`bad_list: cannot read ${path} (${e instanceof Error ? e.message : String(e)})`);
  }
  const nested =
    typeof raw === 'object' && raw !== null && 'attendant' in raw
      ? (raw as { attendant?: { cards?: unknown } }).attendant?.cards
      : raw;
  const parsed = attendantCardsSchema.safeParse(nested);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(`bad_list: attendant.cards.${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
  }
  return parsed.data;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--list');
  const listPath = at >= 0 ? args[at + 1] : undefined;
  if (at >= 0 && !listPath) fail('usage: npm run attendant-card [-- --list <file.json>]');
  const list = listPath ? existingList(listPath) : newCardList();

  const rl = createInterface({ input: process.stdin });
  if (process.stdin.isTTY)
    process.stderr.write('One card per line: <card number> <label>; end with Ctrl-D.\n');
  const entries = [...list.entries];
  let line = 0;
  for await (const text of rl) {
    line += 1;
    const trimmed = text.trim();
    if (trimmed === '') continue;
    const [number = '', ...rest] = trimmed.split(/\s+/);
    const card = validateCardNumber(number);
    // The number is never echoed: only the line it was on.
    if (!card.ok) fail(`line ${line}: ${card.error}`);
    const label = rest.join(' ') || `card ${entries.length + 1}`;
    const entry = await cardListEntry(list, card.value, label);
    const checked = attendantCardsSchema.safeParse({ ...list, entries: [entry] });
    if (!checked.success) fail(`line ${line}: ${checked.error.issues[0]?.message ?? 'bad entry'}`);
    entries.push(entry);
  }
  console.log(JSON.stringify({ ...list, entries }, null, 2));
}

void main();
