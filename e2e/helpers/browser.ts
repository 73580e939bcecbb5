import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ADMIN } from './e2e-server.js';

/** Debian's Chromium (`apt-get install -y chromium`); playwright cannot download browsers here. */
export const CHROMIUM_PATH = process.env.LAOSHI_CHROMIUM ?? '/usr/bin/chromium';
export const chromiumAvailable = fs.existsSync(CHROMIUM_PATH);

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export async function newContext(browser: Browser, locale = 'en-US'): Promise<BrowserContext> {
  return browser.newContext({ locale, viewport: { width: 1400, height: 900 } });
}

/** Signs in through the login form, as a person would. */
export async function login(page: Page, baseUrl: string, user = ADMIN, path = '/'): Promise<void> {
  await page.goto(baseUrl + path);
  await page.getByLabel(/e-mail|邮箱/i).fill(user.email);
  await page.getByLabel(/password|密码/i).fill(user.password);
  await page.getByRole('button', { name: /sign in|登录/i }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}
