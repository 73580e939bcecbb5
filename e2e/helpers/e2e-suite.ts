import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';
import { chromiumAvailable, launchBrowser } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';

if (!chromiumAvailable) {
  const msg = '\n!!! Chromium is not installed (apt-get install -y chromium): the browser suites are SKIPPED. CI installs it and fails instead of skipping.\n';
  if (process.env.LAOSHI_FAIL_ON_SKIP === '1') throw new Error(msg);
  console.warn(msg);
}

export interface E2eEnv {
  server: E2eServer;
  browser: Browser;
}

/** A browser suite: one server and one Chromium for the file; skipped (loudly) where Chromium is missing. */
export function describeE2e(name: string, body: (env: () => E2eEnv) => void): void {
  (chromiumAvailable ? describe : describe.skip)(name, () => {
    let env: E2eEnv | null = null;
    beforeAll(async () => {
      const [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
      env = { server, browser };
    }, 90_000);
    afterAll(async () => {
      await env?.browser.close();
      await env?.server.stop();
    });
    body(() => {
      if (!env) throw new Error('e2e environment not started');
      return env;
    });
  });
}
