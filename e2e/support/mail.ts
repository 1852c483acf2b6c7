import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Undoes quoted-printable: soft line breaks (`=\n`) and `=XX` escapes such as `=3D`. */
export function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The `.eml` files the server wrote under `<dataDir>/mail`, newest first. */
export function mailFiles(dataDir: string): string[] {
  const folder = join(dataDir, 'mail');
  let names: string[];
  try {
    names = readdirSync(folder, { recursive: true }).map(String);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.eml'))
    .map((name) => join(folder, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
}

/**
 * Waits (mail goes out through a queue polled every second) for the newest message that matches
 * `pattern` once decoded, and returns the pattern's first group.
 */
export async function waitForMail(
  dataDir: string,
  pattern: RegExp,
  timeoutMs = 15_000,
): Promise<{ match: string; file: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const file of mailFiles(dataDir)) {
      const found = decodeQuotedPrintable(readFileSync(file, 'utf8')).match(pattern);
      if (found) return { match: found[1] ?? found[0], file };
    }
    if (Date.now() > deadline) {
      throw new Error(
        `no mail matching ${pattern} in ${join(dataDir, 'mail')} after ${timeoutMs} ms`,
      );
    }
    await sleep(250);
  }
}
