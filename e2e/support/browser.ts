import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';

/**
 * Debian's Chromium, headless, with everything that would reach for the network switched off.
 * Chromium writes its log to a file of its own; if the browser goes away before a test closes it,
 * the end of that log and the machine's memory and load go to stderr, because a test then sees
 * only "Target page, context or browser has been closed", which does not tell why.
 */
export async function launchChromium(): Promise<Browser> {
  const dir = mkdtempSync(join(tmpdir(), 'sm-chromium-'));
  const logFile = join(dir, 'chromium.log');
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--enable-logging',
      `--log-file=${logFile}`,
    ],
  });
  let closing = false;
  const close = browser.close.bind(browser);
  browser.close = async (options) => {
    closing = true;
    try {
      await close(options);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  browser.on('disconnected', () => {
    if (!closing) process.stderr.write(chromiumGone(logFile));
  });
  return browser;
}

/** What is known when Chromium went away unasked: the time, memory, load, its log's last lines. */
function chromiumGone(logFile: string): string {
  const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
  let log: string;
  try {
    log = readFileSync(logFile, 'utf8')
      .split('\n')
      // A container has no D-Bus: Chromium complains of it at every start.
      .filter((line) => line && !/dbus|D-Bus|bluez/.test(line))
      .slice(-30)
      .join('\n');
  } catch (error) {
    log = `(its log could not be read: ${(error as Error).message})`;
  }
  return (
    `${new Date().toISOString()} Chromium went away before the test closed it ` +
    `(memory free ${mib(freemem())} of ${mib(totalmem())} MiB, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}); the end of its log:\n${log}\n`
  );
}

/** Collects what a user would see as breakage: uncaught errors and console errors (CSP too). */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('crash', () => errors.push("crash: the page's renderer process died"));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}
