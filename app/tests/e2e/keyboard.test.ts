// The app's main flows with the keyboard alone, in headless Chromium against `sourceenergy
// localnet --economy`: only key presses drive the app (Tab, Shift+Tab, Enter, Escape, typing);
// what the chain needs beforehand (an attestation, collateral, the council's pending proposal)
// is set up from the test, as the other browser tests do. Every Tab stop passed must show a
// focus ring; each flow's result is read back from chain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { address, createKeyPairSignerFromBytes, type Address } from '@solana/kit';
import { fetchMaybeAttestation, fetchPolicy, fetchProposal } from '@sourceenergy/client/central-bank';
import { fetchMaybeMember } from '@sourceenergy/client/member';
import { fetchPosition } from '@sourceenergy/client/community';
import { MARKETPLACE_PROGRAM_ADDRESS, OFFER_DISCRIMINATOR, fetchPool, getOfferDecoder } from '@sourceenergy/client/marketplace';
import { fmtKwh } from '@sourceenergy/client';
import { pda } from '../../src/shared/chain/pda';
import { programAccounts } from '../../src/shared/chain/accounts';
import { findClaims } from '../../src/features/member/data-access/claims';
import { loadMemberState } from '../../src/features/member/data-access/memberState';
import { quoteSwap } from '../../src/features/trade/data-access/swapQuote';
import { startNode, type LocalNode } from '../../../clients/js/tests/harness';
import { airdrop, attest, clients, fundCollateral, type Clients } from '../chain-helpers';
import { serveDist } from './static-server';
import { describeViolations, runAxe } from './axe';
import { appDir, appUrl, keypairBytes, openBrowser, shots, newSecretKey, waitForText, type Browser } from './helpers';

let node: LocalNode;
let c: Clients;
let server: Awaited<ReturnType<typeof serveDist>>;
let browser: Browser;
let page: Page;
let wallet: Address;
const others: Browser[] = [];

beforeAll(async () => {
  node = await startNode();
  c = clients(node.rpcUrl, node.wsUrl);
  server = await serveDist(join(appDir, 'dist'));
  const secret = newSecretKey();
  wallet = (await createKeyPairSignerFromBytes(Uint8Array.from(secret))).address;
  await airdrop(c, wallet, 2);
  browser = await openBrowser(secret);
  page = browser.page;
});

afterAll(async () => {
  for (const b of others) await b.close();
  await browser?.close();
  await server?.close();
  await node?.stop();
});

/** What has focus: where it is, what it says, whether its focus ring shows. */
type Focused = {
  tag: string;
  testId: string | null;
  text: string;
  name: string | null;
  ring: string;
  visible: boolean;
  rect: { x: number; y: number; width: number; height: number };
  /** Its position among all elements in document order. */
  index: number;
  /** The data-testid of each ancestor, nearest first. */
  scopes: string[];
  inDialog: boolean;
};

function focused(p: Page): Promise<Focused | null> {
  return p.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const cs = getComputedStyle(el);
    const scopes: string[] = [];
    for (let a = el.parentElement; a; a = a.parentElement) if (a.dataset.testid) scopes.push(a.dataset.testid);
    const r = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(),
      testId: el.dataset.testid ?? null,
      text: (el.textContent ?? '').trim().slice(0, 80),
      name: el.getAttribute('aria-label'),
      ring: `outline ${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}; box-shadow ${cs.boxShadow}`,
      visible: (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none',
      rect: { x: r.x, y: r.y, width: r.width, height: r.height },
      index: Array.from(document.querySelectorAll('*')).indexOf(el),
      scopes,
      inDialog: !!el.closest('dialog'),
    };
  });
}

const describeFocus = (f: Focused | null) => (f ? `<${f.tag}${f.testId ? ` ${f.testId}` : ''}> "${f.text || f.name}"` : 'the page body');

/** Presses Tab (or Shift+Tab) until `match` has focus; every stop on the way must show its focus ring. */
async function tabTo(p: Page, what: string, match: (f: Focused) => boolean, { back = false, max = 150 } = {}) {
  const passed: string[] = [];
  for (let i = 0; i < max; i++) {
    await p.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(p);
    if (!f) continue;
    expect(f.visible, `no visible focus on ${describeFocus(f)}: ${f.ring}`).toBe(true);
    if (match(f)) return f;
    passed.push(describeFocus(f));
  }
  throw new Error(`Tab never reached ${what}; passed ${passed.slice(-20).join(', ')}`);
}

const byTestId = (id: string, scope?: string) => (f: Focused) => f.testId === id && (!scope || f.scopes.includes(scope));
const navLink = (label: string) => (f: Focused) => f.tag === 'a' && f.text === label && f.scopes.length === 0;

/**
 * Waits for the toast `text`; it sits in the polite live region that screen readers announce, and
 * the page with it shown passes axe (its colours and close button) in light and dark mode.
 */
async function toast(p: Page, text: string | RegExp) {
  const t = p.locator('[data-sonner-toast]').filter({ hasText: text }).first();
  await t.waitFor({ timeout: 60_000 });
  expect(await t.evaluate((el) => el.closest('[aria-live]')?.getAttribute('aria-live'))).toBe('polite');
  for (const scheme of ['light', 'dark'] as const) {
    await p.emulateMedia({ colorScheme: scheme });
    // Measured once the toasts have slid and faded into place (half-faded colours are passing states).
    await p.waitForFunction(() => document.getAnimations().length === 0, undefined, { timeout: 10_000 });
    const violations = await runAxe(p);
    expect(violations, `with the toast "${text}" (${scheme}):\n${describeViolations(violations)}`).toEqual([]);
  }
  await p.emulateMedia({ colorScheme: 'light' });
}

/** Goes to a page of the navigation by Tab and Enter; focus lands on the new page's heading. */
async function navigate(p: Page, label: string) {
  await tabTo(p, `the ${label} link`, navLink(label));
  await p.keyboard.press('Enter');
  await p.waitForFunction((l) => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === l, label);
}

/** Opens the wallet picker with the keyboard, picks the test wallet, and checks where focus goes. */
async function connectByKeyboard(p: Page) {
  await tabTo(p, 'Connect wallet', (f) => f.tag === 'button' && f.text === 'Connect wallet');
  await p.keyboard.press('Enter');
  await p.locator('dialog[open]').waitFor();
  const first = await focused(p);
  expect(first?.inDialog, 'focus moves into the wallet dialog').toBe(true);
  expect(first?.text).toBe('SourceEnergy Test Wallet');
  await p.keyboard.press('Enter');
  await p.getByTestId('connected-address').waitFor({ timeout: 15_000 });
  // The button pressed is gone; focus goes to the one that replaced it, not to the page's body.
  await p.waitForFunction(() => document.activeElement?.textContent === 'Disconnect');
}

/**
 * Waits until focus settles on the element `describe` names (a success can remove or disable the
 * control that had it; focus must then move somewhere sensible, never stay on the page's body).
 */
async function focusLandsOn(p: Page, what: string, match: (f: Focused) => boolean) {
  let last: Focused | null = null;
  for (let i = 0; i < 100; i++) {
    last = await focused(p);
    if (last && match(last)) {
      expect(last.visible, `no visible focus on ${describeFocus(last)}: ${last.ring}`).toBe(true);
      return last;
    }
    await p.waitForTimeout(100);
  }
  throw new Error(`focus never reached ${what}; it is on ${describeFocus(last)}`);
}
const heading = (text: string) => (f: Focused) => /^h[1-6]$/.test(f.tag) && f.text === text;

async function tokenBalance(owner: Address, mint: Address, tokenProgram?: Address) {
  try {
    const ata = await pda.associatedToken(owner, mint, tokenProgram);
    return BigInt((await c.rpc.getTokenAccountBalance(ata).send()).value.amount);
  } catch {
    return 0n;
  }
}

async function otherBrowser(keypairPath: string, path: string) {
  const b = await openBrowser(keypairBytes(keypairPath));
  others.push(b);
  await b.page.goto(appUrl(server.url, node, path));
  await connectByKeyboard(b.page);
  return b.page;
}

describe('the app with the keyboard alone', () => {
  it('Tab follows the page: document order, header and navigation left to right, every stop with a focus ring', async () => {
    await page.goto(appUrl(server.url, node, '/'));
    await page.getByTestId('dashboard').waitFor({ timeout: 30_000 });
    expect(await page.locator('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])').count(), 'no positive tabindex').toBe(0);
    const stops: Focused[] = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      if (!f || (stops.length > 0 && f.index === stops[0].index)) break;
      expect(f.visible, `no visible focus on ${describeFocus(f)}: ${f.ring}`).toBe(true);
      stops.push(f);
    }
    // The header: cluster, wallet, then the seven pages of the navigation.
    expect(stops.slice(0, 9).map((f) => f.text.startsWith('Localnet') ? 'cluster' : f.text)).toEqual([
      'cluster',
      'Connect wallet',
      'Dashboard',
      'Member',
      'Trade',
      'Offers',
      'Household',
      'Community',
      'Governance',
    ]);
    // Then the dashboard's own controls (the charts' tables), and nothing else.
    expect(stops.slice(9).map((f) => f.tag)).toEqual(['summary', 'summary']);
    for (let i = 1; i < stops.length; i++) {
      expect(stops[i].index, `${describeFocus(stops[i])} after ${describeFocus(stops[i - 1])} in the document`).toBeGreaterThan(stops[i - 1].index);
      // Reading order on screen: a later stop is lower, or on the same line further right.
      const [a, b] = [stops[i - 1].rect, stops[i].rect];
      const sameLine = Math.abs(a.y + a.height / 2 - (b.y + b.height / 2)) < Math.max(a.height, b.height) / 2;
      expect(sameLine ? b.x > a.x : b.y > a.y, `${describeFocus(stops[i])} reads after ${describeFocus(stops[i - 1])}`).toBe(true);
    }
    // Shift+Tab walks back the same way (past the browser's own controls at either end).
    const back: number[] = [];
    for (let i = 0; i < 80 && back.length < stops.length; i++) {
      await page.keyboard.press('Shift+Tab');
      const f = await focused(page);
      if (f && (back.length > 0 || f.index === stops[stops.length - 1].index)) back.push(f.index);
    }
    expect(back).toEqual(stops.map((f) => f.index).reverse());
  });

  it('the wallet dialog: focus moves in, Escape closes it and focus returns to its button; the test wallet connects', async () => {
    await page.goto(appUrl(server.url, node, '/'));
    await page.getByTestId('dashboard').waitFor({ timeout: 30_000 });
    const opener = await tabTo(page, 'Connect wallet', (f) => f.tag === 'button' && f.text === 'Connect wallet');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      // The header with a margin, so the ring around the right-hand button is in the picture.
      const box = (await page.locator('header').boundingBox())!;
      await page.screenshot({
        path: join(shots, `focus-button-${scheme}.png`),
        clip: { x: Math.max(0, box.x - 12), y: Math.max(0, box.y - 12), width: box.width + 24, height: box.height + 24 },
      });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Enter');
    await page.locator('dialog[open]').waitFor();
    const inside = await focused(page);
    expect(inside?.inDialog).toBe(true);
    expect(inside?.text).toBe('SourceEnergy Test Wallet');
    expect(inside?.visible).toBe(true);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: join(shots, `focus-wallet-dialog-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    // Tab stays in the modal dialog: its wallet, its Close button, and round again.
    await page.keyboard.press('Tab');
    expect((await focused(page))?.text).toBe('Close');
    await page.keyboard.press('Escape');
    expect(await page.locator('dialog[open]').count()).toBe(0);
    expect((await focused(page))?.index).toBe(opener.index);
    expect(await page.getByRole('button', { name: 'Connect wallet' }).getAttribute('aria-expanded')).toBe('false');
    // The Close button does the same.
    await page.keyboard.press('Enter');
    await page.locator('dialog[open]').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.locator('dialog[open]').count()).toBe(0);
    expect((await focused(page))?.index).toBe(opener.index);
    // Connecting, by keyboard.
    await page.keyboard.press('Enter');
    await page.locator('dialog[open]').waitFor();
    await page.keyboard.press('Enter');
    expect(await waitForText(page, 'connected-address', /…/)).toBe(`${wallet.slice(0, 4)}…${wallet.slice(-4)}`);
    await page.waitForFunction(() => document.activeElement?.textContent === 'Disconnect');
  });

  it('the connected address: its Copy button (named with the whole address) copies it, confirmed politely; without the Clipboard API too', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
    // Just before Disconnect, beside the short address.
    const copy = await tabTo(page, 'Copy address', (f) => f.tag === 'button' && f.name === `Copy address ${wallet}`, { back: true });
    expect(copy.scopes).not.toContain('connected-address');
    await page.keyboard.press('Enter');
    await toast(page, 'Address copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(wallet);
    // (Compared by name: the index moves as axe's script is added to the page.)
    const onCopy = async () => (await focused(page))?.name === `Copy address ${wallet}`;
    expect(await onCopy(), 'focus stays on the Copy button').toBe(true);

    // A browser without the Clipboard API (an insecure origin): the older copy command copies it.
    await page.evaluate(() => {
      Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
      const w = window as unknown as { __copied: string[] };
      w.__copied = [];
      document.addEventListener('copy', (e) => w.__copied.push((e.target as HTMLTextAreaElement).value ?? ''));
    });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as { __copied: string[] }).__copied.length === 1);
    expect(await page.evaluate(() => (window as unknown as { __copied: string[] }).__copied)).toEqual([wallet]);
    expect(await onCopy(), 'focus comes back to the Copy button').toBe(true);
    // And where nothing can copy, the toast says so and shows the whole address to select by hand.
    await page.evaluate(() => {
      document.execCommand = () => false;
    });
    await page.keyboard.press('Enter');
    await toast(page, 'Cannot copy the address here');
    expect(await page.locator('[data-sonner-toast]').filter({ hasText: 'Cannot copy the address here' }).first().textContent()).toContain(wallet);
    expect(await onCopy()).toBe(true);
    // The browser as it was, for the tests that follow.
    await page.evaluate(() => {
      delete (navigator as { clipboard?: unknown }).clipboard;
      delete (document as { execCommand?: unknown }).execCommand;
    });
    expect(await page.evaluate(() => typeof navigator.clipboard?.writeText === 'function' && typeof document.execCommand === 'function')).toBe(true);
  });

  it('creates the member account (a refusal first; toasts announced politely); the account is on chain', async () => {
    expect(await page.locator('section[aria-live="polite"]').count(), 'the live region is there before any toast').toBe(1);
    await navigate(page, 'Member');
    await attest(c, node.kycProvider, wallet, 2);
    await waitForText(page, 'attestation-status', /^valid$/);
    await tabTo(page, 'Create member account', byTestId('create-member'));
    // Refused in the wallet first: the error toast (its colours checked too) and nothing sent.
    await page.evaluate(() => {
      (window as unknown as { __seTestWallet: { rejectNext: boolean } }).__seTestWallet.rejectNext = true;
    });
    await page.keyboard.press('Enter');
    await toast(page, 'Create member account: rejected');
    expect((await fetchMaybeMember(c.rpc, await pda.member(wallet))).exists).toBe(false);
    // The button kept focus, so Enter again tries again.
    expect((await focused(page))?.testId).toBe('create-member');
    await page.keyboard.press('Enter');
    await toast(page, 'Create member account: confirmed');
    await page.getByTestId('member-account').waitFor({ timeout: 30_000 });
    // The button is gone; focus goes to its section's heading, which now heads the new account.
    await focusLandsOn(page, 'the Member account heading', heading('Member account'));
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
    const member = await fetchMaybeMember(c.rpc, await pda.member(wallet));
    expect(member.exists && member.data.wallet).toBe(wallet);
  });

  it('gets currency for collateral; the balance is on chain', async () => {
    await fundCollateral(c, node.collateralAuthority, wallet, 1_000_000_000n);
    await waitForText(page, 'collateral-balance', /^1,000\.00$/);
    await tabTo(page, 'the Get currency amount', byTestId('mint-currency-amount'));
    await page.keyboard.type('100');
    await page.keyboard.press('Enter'); // submits the field's form
    await toast(page, 'Get currency: confirmed');
    const onChain = await tokenBalance(wallet, await pda.currencyMint());
    expect(onChain).toBeGreaterThan(99_000_000n); // 100 less the reserve's fee
    expect(onChain).toBeLessThanOrEqual(100_000_000n);
  });

  it('joins a community and invests 25; the position is on chain', async () => {
    await tabTo(page, 'the community choice', byTestId('community-select'));
    // The second community, chosen with the arrow key.
    await page.keyboard.press('ArrowDown');
    const community = address(await page.getByTestId('community-select').inputValue());
    await tabTo(page, 'the Invest amount', byTestId('invest-amount'));
    await page.keyboard.type('25');
    await page.keyboard.press('Tab');
    expect((await focused(page))?.testId).toBe('invest');
    await page.keyboard.press('Enter');
    await toast(page, 'Invest: confirmed');
    // Joined: the community choice is gone and the button, now "Invest", waits for a new amount;
    // focus goes to the cleared amount field.
    await focusLandsOn(page, 'the Invest amount', byTestId('invest-amount'));
    expect(await page.getByTestId('invest').textContent()).toBe('Invest');
    const position = await fetchPosition(c.rpc, await pda.position(community, await pda.member(wallet)));
    expect(position.data.deposited).toBe(25_000_000n);
    expect(position.data.shares).toBeGreaterThan(0n);
  });

  it('swaps 0.1 currency for energy credits; the balances change by the quote', async (ctx) => {
    if (!node.economy) return ctx.skip(); // a pool with liquidity comes with --economy
    const pool = await fetchPool(c.rpc, address(node.economy.pools[0]));
    const currencyMint = await pda.currencyMint();
    const before = {
      asset: await tokenBalance(wallet, pool.data.assetMint, pool.data.assetTokenProgram),
      currency: await tokenBalance(wallet, currencyMint),
    };
    await navigate(page, 'Trade');
    await waitForText(page, 'swap-balance', /Balance: \d/);
    await tabTo(page, 'the swap amount', byTestId('swap-amount'));
    await page.keyboard.type('0.1');
    const q = quoteSwap(pool.data, true, 100_000n, (await fetchPolicy(c.rpc, await pda.policy())).data.params.marketplaceFeeBps)!;
    expect(await waitForText(page, 'swap-expected', /kWh/)).toBe(fmtKwh(q.amountOut));
    await tabTo(page, 'Swap', byTestId('swap-submit'));
    await page.keyboard.press('Enter');
    await toast(page, 'Swap: confirmed');
    await focusLandsOn(page, 'the cleared swap amount', byTestId('swap-amount'));
    expect(await tokenBalance(wallet, currencyMint)).toBe(before.currency - 100_000n);
    expect(await tokenBalance(wallet, pool.data.assetMint, pool.data.assetTokenProgram)).toBe(before.asset + q.amountOut);
  });

  it('makes an offer; an economy member takes part of it, both by keyboard; the offer is read back', async (ctx) => {
    if (!node.economy?.members) return ctx.skip();
    const myOffers = async () =>
      (await programAccounts(c.rpc, MARKETPLACE_PROGRAM_ADDRESS, OFFER_DISCRIMINATOR, getOfferDecoder())).filter(
        (o) => o.data.maker === wallet,
      );
    await navigate(page, 'Offers');
    // Tab only once the page has read its offers (before, Tab from the heading leaves the page).
    await page.getByTestId('offer-kwh').waitFor({ timeout: 30_000 });
    await tabTo(page, 'the offer amount', byTestId('offer-kwh'));
    await page.keyboard.type('0.5');
    await page.keyboard.press('Tab');
    expect((await focused(page))?.testId).toBe('offer-price');
    await page.keyboard.type('0.2');
    expect(await waitForText(page, 'offer-total', /0\.100000 currency/)).toContain('0.100000');
    await tabTo(page, 'Escrow credits and list', byTestId('offer-make'));
    await page.keyboard.press('Enter');
    await toast(page, 'Make offer: confirmed');
    await focusLandsOn(page, 'the cleared offer amount', byTestId('offer-kwh'));
    const [made] = await myOffers();
    expect(made.data).toMatchObject({ sellTotal: 500n, buyTotal: 100_000n, remaining: 500n });

    const nodeTime = Number(await c.rpc.getBlockTime(await c.rpc.getSlot().send()).send());
    let taker: { wallet: Address; keypair: string } | null = null;
    for (const m of node.economy.members) {
      const att = await fetchMaybeAttestation(c.rpc, await pda.attestation(address(m.wallet)));
      if (att.exists && !att.data.revoked && Number(att.data.expiresAt) > nodeTime + 600) {
        taker = { wallet: address(m.wallet), keypair: m.keypair };
        break;
      }
    }
    expect(taker).not.toBeNull();
    const p = await otherBrowser(taker!.keypair, '/offers');
    const row = `offer-${made.address}`;
    await p.getByTestId(row).waitFor({ timeout: 30_000 });
    await tabTo(p, 'the take amount of the offer', byTestId('offer-take-amount', row));
    await p.keyboard.type('0.2');
    await p.keyboard.press('Tab');
    expect(await focused(p)).toMatchObject({ testId: 'offer-take', scopes: expect.arrayContaining([row]) });
    await p.keyboard.press('Enter');
    await toast(p, 'Take offer: confirmed');
    // Part of it is still there: focus stays on its Take button.
    await focusLandsOn(p, 'the Take button of the offer', byTestId('offer-take', row));
    const [taken] = await myOffers();
    expect(taken.data.remaining).toBe(300n);
    expect(taken.data.received).toBe(40_000n); // ceil(200 * 100000 / 500)
  });

  it('an economy member claims everything claimable', async (ctx) => {
    if (!node.economy?.members) return ctx.skip();
    let chosen: { keypair: string; wallet: Address; total: bigint } | null = null;
    for (const m of node.economy.members) {
      const w = address(m.wallet);
      const claims = await findClaims(c.rpc, await loadMemberState(c.rpc, w), w);
      if (claims.length > 0) {
        chosen = { keypair: m.keypair, wallet: w, total: claims.reduce((t, x) => t + x.amount, 0n) };
        break;
      }
    }
    expect(chosen, 'an economy member with something to claim').not.toBeNull();
    const p = await otherBrowser(chosen!.keypair, '/member');
    await p.getByTestId('claims-total').waitFor({ timeout: 30_000 });
    const currencyMint = await pda.currencyMint();
    const before = await tokenBalance(chosen!.wallet, currencyMint);
    await tabTo(p, 'Claim all', byTestId('claim-all'));
    await p.keyboard.press('Enter');
    await toast(p, /^Claim all.*: confirmed/);
    // Nothing left to claim disables the button: focus goes to the section's heading (or stays on
    // the button, should something have accrued meanwhile).
    await focusLandsOn(p, 'the Claimable heading', (f) => heading('Claimable')(f) || f.testId === 'claim-all');
    if ((await focused(p))?.testId === 'claim-all') expect(await p.getByTestId('claim-all').isEnabled()).toBe(true);
    expect((await tokenBalance(chosen!.wallet, currencyMint)) - before).toBeGreaterThanOrEqual(chosen!.total);
  });

  it('a second council member approves the pending proposal', async (ctx) => {
    if (!node.economy) return ctx.skip(); // the council and its pending proposal come with --economy
    const e = node.economy as typeof node.economy & { pendingProposal: number };
    const index = BigInt(e.pendingProposal);
    expect((await fetchProposal(c.rpc, await pda.proposal(index))).data.approvals).toBe(1);
    const p = await otherBrowser((e.keypairs.council as string[])[1], '/governance');
    const card = `proposal-${index}`;
    await waitForText(p, 'council-you', /on the council/);
    await tabTo(p, `Approve #${index}`, byTestId('proposal-approve', card));
    await p.keyboard.press('Enter');
    await toast(p, `Approve #${index}: confirmed`);
    // The Approve button is gone: focus goes to the heading of the open proposals.
    await focusLandsOn(p, 'the Open proposals heading', heading('Open proposals'));
    expect((await fetchProposal(c.rpc, await pda.proposal(index))).data.approvals).toBe(2);
    expect(await waitForText(p, 'proposal-approvals', /2 of/, 15_000, card)).toMatch(/^2 of/);
  });

  it('logged no console errors', () => {
    expect([...browser.consoleErrors, ...others.flatMap((b) => b.consoleErrors)]).toEqual([]);
  });
});
