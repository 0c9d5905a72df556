// What the browser tests share: a headless Chromium profile with the test wallet, waiting for
// a test id's text, the phone-width check, and moving the node's clock.
import { expect } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalNode } from '../../../clients/js/tests/harness';

export const appDir = fileURLToPath(new URL('../../', import.meta.url));
export const shots = join(appDir, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export type Browser = {
  context: BrowserContext;
  page: Page;
  consoleErrors: string[];
  close: () => Promise<void>;
};

/** A fresh headless Chromium profile with the test wallet holding `secret` (64 bytes). */
export async function openBrowser(secret: number[]): Promise<Browser> {
  mkdirSync(shots, { recursive: true });
  const userDataDir = mkdtempSync(join(tmpdir(), 'se-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: DESKTOP,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const walletSource = readFileSync(join(appDir, 'tests/e2e/test-wallet.js'), 'utf8');
  await context.addInitScript({
    content: `${walletSource}\ninstallTestWallet(${JSON.stringify(secret)});`,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  return {
    context,
    page,
    consoleErrors,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh ed25519 keypair as the 64 bytes a Solana keypair file holds (secret, then public). */
export function newSecretKey(): number[] {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const d = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
  const x = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  return [...d, ...x];
}

export const keypairBytes = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as number[];

export function appUrl(serverUrl: string, node: LocalNode, path = '/') {
  return `${serverUrl}${path}${path.includes('?') ? '&' : '?'}rpc=${encodeURIComponent(node.rpcUrl)}&ws=${encodeURIComponent(node.wsUrl)}`;
}

export async function connectWallet(page: Page) {
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await page.getByRole('button', { name: 'SourceEnergy Test Wallet' }).click();
  await page.getByTestId('connected-address').waitFor();
}

/** Waits until the element with `testId` (optionally inside `within`) matches `pattern`; its text. */
export async function waitForText(page: Page, testId: string, pattern: RegExp, timeout = 30_000, within?: string) {
  await page.waitForFunction(
    ([id, source, flags, scope]) => {
      const root = scope ? document.querySelector(`[data-testid="${scope}"]`) : document;
      const el = root?.querySelector(`[data-testid="${id}"]`);
      return !!el && new RegExp(source, flags).test(el.textContent ?? '');
    },
    [testId, pattern.source, pattern.flags, within ?? ''] as const,
    { timeout },
  );
  const loc = within ? page.getByTestId(within).getByTestId(testId) : page.getByTestId(testId);
  return (await loc.first().textContent()) ?? '';
}

/** Screenshots at desktop and phone width; nothing sticks out sideways at either. */
export async function screenshotBoth(page: Page, name: string) {
  // Toasts would cover the page in the pictures; hidden while they are taken.
  const style = await page.addStyleTag({ content: '[data-sonner-toaster] { display: none !important; }' });
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, `${name}-${size}.png`), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
  }
  await style.evaluate((el) => (el as Element).remove());
  await page.setViewportSize(DESKTOP);
}

async function rpcCall<T>(url: string, method: string, params: unknown[]): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: T; error?: unknown };
  if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.result as T;
}

/** The node's clock as the programs see it: the Clock sysvar's unix_timestamp. */
export async function nodeTime(node: LocalNode): Promise<number> {
  const info = await rpcCall<{ value: { data: [string, string] } }>(node.rpcUrl, 'getAccountInfo', [
    'SysvarC1ock11111111111111111111111111111111',
    { encoding: 'base64', commitment: 'confirmed' },
  ]);
  return Number(Buffer.from(info.value.data[0], 'base64').readBigInt64LE(32));
}

/** Moves the node's clock to `unix` (surfpool's surfnet_timeTravel) and waits until the programs see it. */
export async function travelTo(node: LocalNode, unix: number) {
  await rpcCall(node.rpcUrl, 'surfnet_timeTravel', [{ absoluteTimestamp: unix * 1000 }]);
  for (let i = 0; i < 100; i++) {
    if ((await nodeTime(node)) >= unix) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the node's clock did not reach ${unix}`);
}
