// The built app in headless Chromium (Debian's /usr/bin/chromium via playwright-core) against
// `sourceenergy localnet`, with the Wallet Standard test wallet standing in for Phantom.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKeyPairSignerFromBytes, type Address } from '@solana/kit';
import { fetchMaybeMember } from '@sourceenergy/client/member';
import { fetchMaybeAttestation, fetchPolicy } from '@sourceenergy/client/central-bank';
import { fmtKwh, fmtShares } from '@sourceenergy/client';
import { pda } from '../../src/shared/chain/pda';
import { startNode, type LocalNode } from '../../../clients/js/tests/harness';
import { airdrop, attest, clients, fundCollateral, someCommunity, type Clients } from '../chain-helpers';
import { fetchPosition } from '@sourceenergy/client/community';
import { MARKETPLACE_PROGRAM_ADDRESS, OFFER_DISCRIMINATOR, fetchPool, getOfferDecoder } from '@sourceenergy/client/marketplace';
import { fetchMarket } from '@sourceenergy/client/grid-market';
import { minimumReceived, quoteSwap } from '../../src/features/trade/data-access/swapQuote';
import { findClaims } from '../../src/features/member/data-access/claims';
import { programAccounts } from '../../src/shared/chain/accounts';
import { loadMemberState } from '../../src/features/member/data-access/memberState';
import { address } from '@solana/kit';
import { serveDist } from './static-server';
import { DESKTOP, PHONE, appDir, openBrowser, screenshotBoth, shots, newSecretKey, waitForText, type Browser } from './helpers';


let node: LocalNode;
let c: Clients;
let server: Awaited<ReturnType<typeof serveDist>>;
let browser: Browser;
let page: Page;
let wallet: Address;
/** Console errors of every browser this file opens. */
const consoleErrors: string[] = [];

/** A second browser (another wallet) for `run`; its console errors count too. */
async function withBrowser(secret: number[], run: (p: Page) => Promise<void>) {
  const b = await openBrowser(secret);
  try {
    await run(b.page);
  } finally {
    consoleErrors.push(...b.consoleErrors);
    await b.close();
  }
}

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
  if (browser) {
    consoleErrors.push(...browser.consoleErrors);
    await browser.close();
  }
  await server?.close();
  await node?.stop();
});

describe('the web app in headless Chromium', () => {
  it('shows the public dashboard read from chain', async () => {
    const url = `${server.url}/?rpc=${encodeURIComponent(node.rpcUrl)}&ws=${encodeURIComponent(node.wsUrl)}`;
    await page.goto(url);
    // The policy's savings rate, as read from chain here.
    const policy = await fetchPolicy(c.rpc, await pda.policy());
    const rate = `${(policy.data.params.savingsRateBps / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}% a year`;
    expect(await waitForText(page, 'savings-rate', /% a year/)).toBe(rate);
    expect(await waitForText(page, 'epoch-index', /^#\d+$/)).toMatch(/^#\d+$/);
    expect(await waitForText(page, 'epoch-countdown', /ends in \d/)).toMatch(/ends in/);
    expect(await waitForText(page, 'currency-supply', /^\d[\d,]*\.\d\d$/)).toMatch(/\d/);
    expect(await waitForText(page, 'reserve-collateral', /\d/)).toMatch(/\d/);
    if (node.economy) {
      // The economy's pools and communities are listed, one row each.
      await page.getByTestId('pools').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('pools').locator('tbody tr').count()).toBe(node.economy.pools.length);
      expect(await page.getByTestId('communities').locator('tbody tr').count()).toBe(
        node.economy.communities.length,
      );
      const supply = await c.rpc.getTokenSupply(await pda.currencyMint()).send();
      expect(await page.getByTestId('currency-supply').textContent()).toBe(
        (Number(supply.value.amount) / 1e6).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
      );
    }
    // Epochs exist (the crank or the economy opened them), so the charts have points.
    await page.getByTestId('price-chart').locator('svg').first().waitFor({ timeout: 15_000 });
    await page.getByTestId('energy-chart').locator('svg').first().waitFor({ timeout: 15_000 });
    // The cluster choice persists.
    const saved = await page.evaluate(() => localStorage.getItem('sourceenergy.cluster'));
    expect(JSON.parse(saved!).rpcUrl).toBe(node.rpcUrl);
    await screenshotBoth(page, 'dashboard');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: join(shots, 'dashboard-phone-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize(DESKTOP);
  });

  it('connects the Wallet Standard test wallet', async () => {
    await page.getByRole('button', { name: 'Connect wallet' }).click();
    await page.getByRole('button', { name: 'SourceEnergy Test Wallet' }).click();
    const shown = await waitForText(page, 'connected-address', /…/);
    expect(shown).toBe(`${wallet.slice(0, 4)}…${wallet.slice(-4)}`);
  });

  it('shows the attestation once the KYC provider has attested the wallet', async () => {
    await page.getByRole('link', { name: 'Member' }).click();
    await waitForText(page, 'attestation-status', /Not attested/);
    expect(await page.getByTestId('create-member').isDisabled()).toBe(true);
    await attest(c, node.kycProvider, wallet, 2);
    expect(await waitForText(page, 'attestation-status', /^valid$/)).toBe('valid');
    expect(await page.getByTestId('attestation-level').textContent()).toBe('2');
  });

  it('says plainly when the wallet rejects the signature, and sends nothing', async () => {
    await page.evaluate(() => {
      (window as unknown as { __seTestWallet: { rejectNext: boolean } }).__seTestWallet.rejectNext = true;
    });
    await page.getByTestId('create-member').click();
    const msg = await waitForText(page, 'tx-error', /rejected/i);
    expect(msg).toBe('You rejected the request in your wallet. Nothing was sent.');
    const member = await fetchMaybeMember(c.rpc, await pda.member(wallet));
    expect(member.exists).toBe(false);
  });

  it('creates the member account (simulated, signed by the wallet, sent over the app RPC) and reads it back', async () => {
    await page.getByTestId('create-member').click();
    await page.getByTestId('member-account').waitFor({ timeout: 60_000 });
    await page.getByText('Create member account: confirmed').waitFor({ timeout: 10_000 });
    const href = await page.getByTestId('explorer-link').getAttribute('href');
    expect(href).toContain('cluster=custom');
    expect(href).toContain(`customUrl=${encodeURIComponent(node.rpcUrl)}`);
    const member = await fetchMaybeMember(c.rpc, await pda.member(wallet));
    expect(member.exists).toBe(true);
    if (member.exists) {
      expect(member.data.wallet).toBe(wallet);
      expect(member.data.createdAt).toBeGreaterThan(0n);
    }
    const signed = await page.evaluate(
      () => (window as unknown as { __seTestWallet: { signatures: number } }).__seTestWallet.signatures,
    );
    expect(signed).toBe(1);
    await screenshotBoth(page, 'member');
  });

  it('gets currency for collateral at the central bank reserve', async () => {
    await fundCollateral(c, node.collateralAuthority, wallet, 1_000_000_000n);
    await waitForText(page, 'collateral-balance', /^1,000\.00$/);
    await page.getByTestId('mint-currency-amount').fill('100');
    await page.getByTestId('mint-currency').click();
    await page.getByText('Get currency: confirmed').waitFor({ timeout: 60_000 });
    const currencyAta = await pda.associatedToken(wallet, await pda.currencyMint());
    const onChain = BigInt((await c.rpc.getTokenAccountBalance(currencyAta).send()).value.amount);
    expect(onChain).toBeGreaterThan(99_000_000n); // 100 less the reserve's fee
    expect(onChain).toBeLessThanOrEqual(100_000_000n);
    const shown = (Number(onChain) / 1e6).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(await waitForText(page, 'currency-balance', new RegExp(`^${shown.replace('.', '\\.')}$`))).toBe(shown);
  });

  it('joins a community and invests in it; the position is read back from chain', async () => {
    const community = await someCommunity(c, node.payer, node.economy?.communities[0]);
    await page.getByTestId('community-select').selectOption(community);
    await page.getByTestId('invest-amount').fill('25');
    await page.getByTestId('invest').click();
    await page.getByText('Invest: confirmed').waitFor({ timeout: 60_000 });
    const member = await pda.member(wallet);
    const position = await fetchPosition(c.rpc, await pda.position(community, member));
    expect(position.data.deposited).toBe(25_000_000n);
    expect(position.data.shares).toBeGreaterThan(0n);
    expect(await waitForText(page, 'position-deposited', /^25\.00$/)).toBe('25.00');
    expect(await waitForText(page, 'position-shares', /[1-9]/)).toBe(fmtShares(position.data.shares));
    const m = await fetchMaybeMember(c.rpc, member);
    expect(m.exists && m.data.community).toBe(community);
    await screenshotBoth(page, 'member-invested');
  });

  async function balances() {
    const pool = await fetchPool(c.rpc, address(node.economy!.pools[0]));
    const assetAta = await pda.associatedToken(wallet, pool.data.assetMint, pool.data.assetTokenProgram);
    const currencyAta = await pda.associatedToken(wallet, await pda.currencyMint());
    const bal = async (a: Address) => {
      try {
        return BigInt((await c.rpc.getTokenAccountBalance(a).send()).value.amount);
      } catch {
        return 0n;
      }
    };
    return { asset: await bal(assetAta), currency: await bal(currencyAta), pool: pool.data };
  }

  const signatures = () =>
    page.evaluate(() => (window as unknown as { __seTestWallet: { signatures: number } }).__seTestWallet.signatures);

  it('swaps currency for energy credits, showing minimum received and price impact', async (ctx) => {
    if (!node.economy) return ctx.skip(); // a pool with liquidity comes with --economy
    const before = await balances();
    await page.getByRole('link', { name: 'Trade' }).click();
    await waitForText(page, 'swap-balance', /Balance: \d/);
    await page.getByTestId('swap-amount').fill('0.1');
    const expected = await waitForText(page, 'swap-expected', /kWh/);
    const minimum = await waitForText(page, 'swap-minimum', /kWh/);
    const impact = await waitForText(page, 'swap-impact', /%$/);
    expect(Number.parseFloat(impact)).toBeGreaterThan(0);
    // What the page quotes is what the program's arithmetic gives for this pool.
    const q = quoteSwap(before.pool, true, 100_000n, (await fetchPolicy(c.rpc, await pda.policy())).data.params.marketplaceFeeBps)!;
    expect(expected).toBe(fmtKwh(q.amountOut));
    expect(minimum).toBe(fmtKwh(minimumReceived(q.amountOut, 100)));
    await screenshotBoth(page, 'trade');
    await page.getByTestId('swap-submit').click();
    await page.getByText('Swap: confirmed').waitFor({ timeout: 60_000 });
    const after = await balances();
    expect(after.currency).toBe(before.currency - 100_000n);
    expect(after.asset - before.asset).toBe(q.amountOut);
  });

  it('a swap below its minimum shows the decoded program error and changes nothing', async (ctx) => {
    if (!node.economy) return ctx.skip();
    const before = await balances();
    const signed = await signatures();
    await page.getByTestId('swap-amount').fill('0.1');
    await page.getByText('Set the minimum yourself').click();
    await page.getByTestId('swap-min-override').fill('1000000');
    await page.getByTestId('swap-submit').click();
    const msg = await waitForText(page, 'swap-error', /SlippageExceeded/);
    expect(msg).toBe("marketplace: SlippageExceeded: Output is below the caller's minimum");
    await page.getByText("Output is below the caller's minimum").first().waitFor();
    // Simulation stopped it: the wallet was not asked, and nothing moved.
    expect(await signatures()).toBe(signed);
    const after = await balances();
    expect(after.currency).toBe(before.currency);
    expect(after.asset).toBe(before.asset);
    await page.getByTestId('swap-min-override').fill('');
  });

  it('claims everything claimable for an economy member, packed into transactions', async (ctx) => {
    if (!node.economy?.members) return ctx.skip(); // settled revenue and rewards come with --economy
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
    const secret = JSON.parse(readFileSync(chosen!.keypair, 'utf8')) as number[];
    await withBrowser(secret, async (p) => {
      await p.goto(`${server.url}/member?rpc=${encodeURIComponent(node.rpcUrl)}&ws=${encodeURIComponent(node.wsUrl)}`);
      await p.getByRole('button', { name: 'Connect wallet' }).click();
      await p.getByRole('button', { name: 'SourceEnergy Test Wallet' }).click();
      await p.getByTestId('claims-total').waitFor({ timeout: 30_000 });
      const currencyAta = await pda.associatedToken(chosen!.wallet, await pda.currencyMint());
      const bal = async () => BigInt((await c.rpc.getTokenAccountBalance(currencyAta).send()).value.amount);
      const before = await bal();
      await p.getByTestId('claim-all').click();
      await p.getByText(/^Claim all.*: confirmed$/).first().waitFor({ timeout: 60_000 });
      // At least what was claimable before (community rewards keep streaming meanwhile).
      expect((await bal()) - before).toBeGreaterThanOrEqual(chosen!.total);
      await p.setViewportSize(PHONE);
      await p.screenshot({ path: join(shots, 'member-claimed-phone.png'), fullPage: true });
    });
  });

  it('makes an offer; an economy member takes part of it; the maker cancels the rest', async (ctx) => {
    if (!node.economy?.members) return ctx.skip(); // a member with currency comes with --economy
    const energyMint = (await fetchMarket(c.rpc, await pda.market())).data.energyCreditMint;
    const currencyMint = await pda.currencyMint();
    const bal = async (owner: Address, mint: Address) => {
      try {
        return BigInt((await c.rpc.getTokenAccountBalance(await pda.associatedToken(owner, mint)).send()).value.amount);
      } catch {
        return 0n;
      }
    };
    const myOffers = async () =>
      (await programAccounts(c.rpc, MARKETPLACE_PROGRAM_ADDRESS, OFFER_DISCRIMINATOR, getOfferDecoder())).filter(
        (o) => o.data.maker === wallet,
      );
    const energyBefore = await bal(wallet, energyMint);
    const currencyBefore = await bal(wallet, currencyMint);
    expect(energyBefore).toBeGreaterThanOrEqual(500n); // bought in the swap test

    await page.getByRole('link', { name: 'Offers' }).click();
    await page.getByTestId('offer-kwh').fill('0.5');
    await page.getByTestId('offer-price').fill('0.2');
    expect(await waitForText(page, 'offer-total', /0\.100000 currency/)).toContain('0.100000');
    await page.getByTestId('offer-make').click();
    await page.getByText('Make offer: confirmed').waitFor({ timeout: 60_000 });
    const [made] = await myOffers();
    expect(made.data).toMatchObject({ sellMint: energyMint, buyMint: currencyMint, sellTotal: 500n, buyTotal: 100_000n, remaining: 500n });
    expect(await bal(wallet, energyMint)).toBe(energyBefore - 500n);
    await screenshotBoth(page, 'offers');

    // A member of the economy with a valid attestation takes 0.2 kWh of it in another browser.
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
    const takerEnergyBefore = await bal(taker!.wallet, energyMint);
    await withBrowser(JSON.parse(readFileSync(taker!.keypair, 'utf8')) as number[], async (p) => {
      await p.goto(`${server.url}/offers?rpc=${encodeURIComponent(node.rpcUrl)}&ws=${encodeURIComponent(node.wsUrl)}`);
      await p.getByRole('button', { name: 'Connect wallet' }).click();
      await p.getByRole('button', { name: 'SourceEnergy Test Wallet' }).click();
      const row = p.getByTestId(`offer-${made.address}`);
      await row.getByTestId('offer-take-amount').fill('0.2');
      await row.getByTestId('offer-take').click();
      await p.getByText('Take offer: confirmed').waitFor({ timeout: 60_000 });
    });
    const [taken] = await myOffers();
    expect(taken.data.remaining).toBe(300n);
    expect(taken.data.received).toBe(40_000n); // ceil(200 * 100000 / 500)
    expect(await bal(taker!.wallet, energyMint)).toBe(takerEnergyBefore + 200n);
    expect(await bal(wallet, currencyMint)).toBe(currencyBefore + 40_000n);

    // The maker cancels: the 0.3 kWh left in escrow come back and the offer is closed.
    const row = page.getByTestId(`offer-${made.address}`);
    await page.waitForFunction(
      (id) => document.querySelector(`[data-testid="offer-${id}"] [data-testid="offer-remaining"]`)?.textContent === '0.3 kWh',
      made.address,
      { timeout: 15_000 },
    );
    await row.getByTestId('offer-cancel').click();
    await page.getByText('Cancel offer: confirmed').waitFor({ timeout: 60_000 });
    expect(await myOffers()).toHaveLength(0);
    expect(await bal(wallet, energyMint)).toBe(energyBefore - 200n);
  });

  it('logged no console errors', () => {
    expect([...consoleErrors, ...browser.consoleErrors]).toEqual([]);
  });
});
