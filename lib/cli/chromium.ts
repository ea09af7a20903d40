import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** CHROMIUM_PATH, then Debian's Chromium, then Playwright's own download; otherwise say how to get one. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist.`);
    return fromEnv;
  }
  for (const candidate of ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(candidate)) return candidate;
  }
  if (existsSync(chromium.executablePath())) return undefined;
  throw new Error(
    [
      'No Chromium found for the browser tests. Any one of these fixes it:',
      '  • Debian/Ubuntu: sudo apt-get install -y chromium',
      '  • point CHROMIUM_PATH at a Chrome or Chromium binary: CHROMIUM_PATH=/path/to/chrome npm test',
      '  • with internet access: npx playwright install chromium',
    ].join('\n'),
  );
}

/** Flags for headless Chromium in a sandboxed, offline machine (no background network chatter). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
