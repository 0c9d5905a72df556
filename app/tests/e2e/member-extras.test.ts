// The member page's carbon, meters, live balances and household contribution, in headless
// Chromium against `sourceenergy localnet --economy`, as one of the economy's members (it has a
// meter, energy credits, currency and a household). Every result is read back from chain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import {
  address,
  createKeyPairSignerFromBytes,
  fetchEncodedAccount,
  getAddressDecoder,
  type Address,
} from '@solana/kit';
import { fetchMaybeAttestation, fetchPolicy, fetchReserve } from '@sourceenergy/client/central-bank';
import {
  EpochStatus,
  GRID_MARKET_PROGRAM_ADDRESS,
  METER_DISCRIMINATOR,
  fetchMaybeContributor,
  fetchMaybeEpoch,
  getMeterDecoder,
} from '@sourceenergy/client/grid-market';
import { MARKETPLACE_PROGRAM_ADDRESS, fetchCarbonRegistry } from '@sourceenergy/client/marketplace';
import { fetchHousehold } from '@sourceenergy/client/household';
import { fetchMember } from '@sourceenergy/client/member';
import { fmtCarbonG, fmtCurrency, fmtKw, fmtKwh, fmtKwhExact, fmtShares } from '@sourceenergy/client';
import { DEFAULT_ADDRESS, programAccounts } from '../../src/shared/chain/accounts';
import { RETIREMENT_DISCRIMINATOR, carbonGrams, getRetirementDecoder } from '../../src/features/member/data-access/carbon';
import { fmtDate, short } from '../../src/shared/format';
import { valueOfShares } from '../../src/shared/math/fund';
import { fetchCommunity, fetchPosition } from '@sourceenergy/client/community';
import { FALLBACK_POLL_MS, LIVE_POLL_MS } from '../../src/shared/query/livePolicy';
import { pda, TOKEN_2022_PROGRAM_ADDRESS } from '../../src/shared/chain/pda';
import { getCreateAssociatedTokenIdempotentInstruction, getTransferCheckedInstruction } from '@solana-program/token';
import { freePort, startNode, type LocalNode } from '../../../clients/js/tests/harness';
import { airdrop, clients, fundCollateral, sendAndConfirm, type Clients } from '../chain-helpers';
import {
  DESKTOP,
  PHONE,
  appUrl,
  connectWallet,
  keypairBytes,
  openBrowser,
  shots,
  waitForText,
  type Browser,
} from './helpers';
import { serveDist } from './static-server';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (s: string) => new RegExp(`^${escape(s)}$`);

let node: LocalNode;
let c: Clients;
let server: Awaited<ReturnType<typeof serveDist>>;
let browser: Browser;
let page: Page;
let wallet: Address;
let memberAddr: Address;
let memberSecret: number[];
/** accountNotification frames the page received over its websocket. */
let notifications = 0;

async function tokenBalance(owner: Address, mint: Address, tokenProgram?: Address): Promise<bigint> {
  try {
    const ata = await pda.associatedToken(owner, mint, tokenProgram);
    return BigInt((await c.rpc.getTokenAccountBalance(ata, { commitment: 'confirmed' }).send()).value.amount);
  } catch {
    return 0n;
  }
}

/** The meters the page should list: owned by the member account or the wallet, or crediting the wallet. */
async function chainMeters() {
  const all = await programAccounts(c.rpc, GRID_MARKET_PROGRAM_ADDRESS, METER_DISCRIMINATOR, getMeterDecoder());
  return all.filter((m) => m.data.owner === memberAddr || m.data.owner === wallet || m.data.creditsTo === wallet);
}

beforeAll(async () => {
  node = await startNode();
  if (!node.economy?.members) throw new Error('these tests need `localnet --economy`');
  c = clients(node.rpcUrl, node.wsUrl);
  server = await serveDist(join(shots, '..', 'dist'));
  // An economy member with a valid attestation, a household, energy credits, currency and a meter.
  const registry = await fetchCarbonRegistry(c.rpc, await pda.carbonRegistry());
  const slot = await c.rpc.getSlot().send();
  const now = Number(await c.rpc.getBlockTime(slot).send());
  const meters = await programAccounts(c.rpc, GRID_MARKET_PROGRAM_ADDRESS, METER_DISCRIMINATOR, getMeterDecoder());
  let chosen: { wallet: Address; keypair: string } | null = null;
  for (const m of node.economy.members) {
    const w = address(m.wallet);
    const att = await fetchMaybeAttestation(c.rpc, await pda.attestation(w));
    if (!att.exists || att.data.revoked || Number(att.data.expiresAt) < now + 3600) continue;
    if (!m.household) continue;
    if (!meters.some((x) => x.data.creditsTo === w)) continue;
    if ((await tokenBalance(w, registry.data.energyCreditMint)) < 3_000n) continue;
    if ((await tokenBalance(w, await pda.currencyMint())) < 2_000_000n) continue;
    chosen = { wallet: w, keypair: m.keypair };
    break;
  }
  if (!chosen) throw new Error('no economy member with an attestation, household, meter, energy credits and currency');
  wallet = chosen.wallet;
  memberAddr = await pda.member(wallet);
  memberSecret = keypairBytes(chosen.keypair);
  browser = await openBrowser(memberSecret);
  page = browser.page;
  page.on('websocket', (ws) => {
    ws.on('framereceived', (f) => {
      if (typeof f.payload === 'string' && f.payload.includes('"accountNotification"')) notifications++;
    });
  });
  await page.goto(appUrl(server.url, node, '/member'));
  await connectWallet(page);
  await page.getByTestId('member-account').waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await node?.stop();
});

describe('member page extras in headless Chromium', () => {
  it("lists the member's meters with capacity, production and last reading as on chain, and revenue per epoch", async () => {
    const meters = await chainMeters();
    expect(meters.length).toBeGreaterThan(0);
    await page.getByTestId('meters').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('meters').locator('tbody tr').count()).toBe(meters.length);
    for (const m of meters) {
      const row = `meter-${m.data.id}`;
      expect(await waitForText(page, 'meter-capacity', /kW$/, 10_000, row)).toBe(fmtKw(m.data.capacityW));
      expect(await waitForText(page, 'meter-produced', /kWh$/, 10_000, row)).toBe(fmtKwh(m.data.lastReadingWh));
      expect(await page.getByTestId(row).getByTestId('meter-last-reading').textContent()).toBe(
        m.data.lastEpochPlusOne === 0n ? 'never read' : fmtDate(m.data.lastReadingAt),
      );
      if (m.data.lastEpochPlusOne > 0n) {
        expect(await page.getByTestId(row).getByTestId('meter-last-epoch').textContent()).toBe(
          `#${m.data.lastEpochPlusOne - 1n}`,
        );
      }
    }
    // Revenue per epoch from the member account's contributor record, priced at each settled
    // epoch's clearing price (floor(wh × price / 1000)).
    const contributor = await fetchMaybeContributor(c.rpc, await pda.contributor(memberAddr));
    expect(contributor.exists).toBe(true);
    if (!contributor.exists) return;
    const open = contributor.data.open.filter((s) => s.epochPlusOne > 0n);
    expect(open.length).toBeGreaterThan(0);
    for (const s of open) {
      const index = s.epochPlusOne - 1n;
      const row = `meter-revenue-${index}`;
      expect(await waitForText(page, 'revenue-energy', /kWh$/, 10_000, row)).toBe(fmtKwh(s.wh));
      const epoch = await fetchMaybeEpoch(c.rpc, await pda.epoch(index));
      if (epoch.exists && epoch.data.status === EpochStatus.Settled) {
        const revenue = (s.wh * epoch.data.clearingPrice) / 1000n;
        expect(revenue).toBeGreaterThan(0n);
        expect(await page.getByTestId(row).getByTestId('revenue-amount').textContent()).toBe(fmtCurrency(revenue, 6));
        expect(await page.getByTestId(row).getByTestId('revenue-status').textContent()).toBe(
          s.claimed ? 'claimed' : 'claimable',
        );
      }
    }
  });

  it('updates balances without reloading, from websocket account subscriptions (polling far slower than the wait)', async () => {
    // The fallback poll while subscribed is much longer than the few seconds allowed here.
    expect(LIVE_POLL_MS).toBeGreaterThanOrEqual(30_000);
    await page.waitForSelector('[data-testid="live-status"][data-state="live"]', { timeout: 15_000 });
    const navigations: string[] = [];
    const onNav = (f: { url: () => string }) => navigations.push(f.url());
    page.on('framenavigated', onNav);

    // SOL, by an airdrop from outside the page.
    const lamports = async () => (await c.rpc.getBalance(wallet, { commitment: 'confirmed' }).send()).value;
    const solText = (l: bigint) => (Number(l) / 1e9).toFixed(3);
    expect(await waitForText(page, 'sol-balance', exactly(solText(await lamports())), 10_000)).toBe(
      solText(await lamports()),
    );
    const notificationsBefore = notifications;
    let t0 = Date.now();
    await airdrop(c, wallet, 3);
    const afterAirdrop = solText(await lamports());
    expect(await waitForText(page, 'sol-balance', exactly(afterAirdrop), 5_000)).toBe(afterAirdrop);
    const solMs = Date.now() - t0;

    // Collateral, by a mint from outside the page (the account may be created by it).
    const reserve = (await fetchReserve(c.rpc, await pda.reserve())).data;
    const collateral = () => tokenBalance(wallet, reserve.collateralMint, reserve.collateralTokenProgram);
    const before = await collateral();
    t0 = Date.now();
    await fundCollateral(c, node.collateralAuthority, wallet, 7_000_000n);
    const after = await collateral();
    expect(after).toBe(before + 7_000_000n);
    expect(await waitForText(page, 'collateral-balance', exactly(fmtCurrency(after)), 5_000)).toBe(fmtCurrency(after));
    const collateralMs = Date.now() - t0;

    page.off('framenavigated', onNav);
    expect(navigations).toEqual([]); // no reload
    // The page heard of both changes over its websocket (accountSubscribe notifications).
    expect(notifications - notificationsBefore).toBeGreaterThanOrEqual(2);
    console.log(`live balance updates: SOL ${solMs} ms, collateral ${collateralMs} ms after confirmation began`);
  });

  it("the trade page's balance updates without reloading after the wallet pays from outside the page", async () => {
    await page.getByRole('link', { name: 'Trade' }).click();
    const currencyMint = await pda.currencyMint();
    const before = await tokenBalance(wallet, currencyMint);
    await waitForText(page, 'swap-balance', exactly(`Balance: ${fmtCurrency(before)}`), 15_000);
    // The member's own keypair (the test holds it) sends 0.5 currency to the node's payer.
    const signer = await createKeyPairSignerFromBytes(Uint8Array.from(memberSecret));
    const destination = await pda.associatedToken(node.payer.address, currencyMint);
    await sendAndConfirm(c, signer, [
      getCreateAssociatedTokenIdempotentInstruction({
        payer: signer,
        ata: destination,
        owner: node.payer.address,
        mint: currencyMint,
        tokenProgram: TOKEN_2022_PROGRAM_ADDRESS,
      }),
      getTransferCheckedInstruction(
        {
          source: await pda.associatedToken(wallet, currencyMint),
          mint: currencyMint,
          destination,
          authority: signer,
          amount: 500_000n,
          decimals: 6,
        },
        { programAddress: TOKEN_2022_PROGRAM_ADDRESS },
      ),
    ]);
    expect(await tokenBalance(wallet, currencyMint)).toBe(before - 500_000n);
    expect(await waitForText(page, 'swap-balance', exactly(`Balance: ${fmtCurrency(before - 500_000n)}`), 5_000)).toBe(
      `Balance: ${fmtCurrency(before - 500_000n)}`,
    );
    await page.getByRole('link', { name: 'Member' }).click();
    await page.getByTestId('member-account').waitFor({ timeout: 30_000 });
  });

  it('falls back to polling when the websocket cannot be reached, and still updates', async () => {
    const other = await openBrowser(memberSecret);
    try {
      const p = other.page;
      // A websocket URL nothing listens on.
      const deadWs = `ws://127.0.0.1:${await freePort()}`;
      await p.goto(`${server.url}/member?rpc=${encodeURIComponent(node.rpcUrl)}&ws=${encodeURIComponent(deadWs)}`);
      await connectWallet(p);
      await p.waitForSelector('[data-testid="live-status"][data-state="polling"]', { timeout: 30_000 });
      expect(await p.getByTestId('live-status').textContent()).toBe(`○ every ${FALLBACK_POLL_MS / 1000} s`);
      await airdrop(c, wallet, 1);
      const sol = (Number((await c.rpc.getBalance(wallet, { commitment: 'confirmed' }).send()).value) / 1e9).toFixed(3);
      await waitForText(p, 'sol-balance', exactly(sol), FALLBACK_POLL_MS + 10_000);
      // The only errors are the browser's own reports of the unreachable websocket.
      console.log('console errors with the websocket down:', other.consoleErrors);
      expect(other.consoleErrors.every((e) => e.includes(deadWs))).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('converts energy credits to carbon credits at the emission factor; balances read back from chain', async () => {
    const registry = await fetchCarbonRegistry(c.rpc, await pda.carbonRegistry());
    const factor = (await fetchPolicy(c.rpc, await pda.policy())).data.params.emissionFactorGPerKwh;
    const energyBefore = await tokenBalance(wallet, registry.data.energyCreditMint);
    const carbonBefore = await tokenBalance(wallet, registry.data.carbonMint);
    await waitForText(page, 'carbon-energy-balance', exactly(fmtKwhExact(energyBefore)));
    expect(await page.getByTestId('emission-factor').textContent()).toBe(`${factor} g CO₂ per kWh`);
    const grams = carbonGrams(1_500n, factor);
    await page.getByTestId('convert-kwh').fill('1.5');
    expect(await waitForText(page, 'convert-preview', /You receive/)).toBe(
      `You receive ${fmtCarbonG(grams)} of carbon credits.`,
    );
    await page.getByTestId('convert').click();
    await page.getByText('Convert to carbon: confirmed').waitFor({ timeout: 60_000 });
    expect(await tokenBalance(wallet, registry.data.energyCreditMint)).toBe(energyBefore - 1_500n);
    expect(await tokenBalance(wallet, registry.data.carbonMint)).toBe(carbonBefore + grams);
    const after = await fetchCarbonRegistry(c.rpc, await pda.carbonRegistry());
    expect(after.data.convertedWh).toBe(registry.data.convertedWh + 1_500n);
    expect(after.data.mintedG).toBe(registry.data.mintedG + grams);
    await waitForText(page, 'carbon-balance', exactly(fmtCarbonG(carbonBefore + grams)));
    await waitForText(page, 'carbon-energy-balance', exactly(fmtKwhExact(energyBefore - 1_500n)));
  });

  it('retires carbon credits for a beneficiary with a reason; the record is read back from chain and listed', async () => {
    const registry = await fetchCarbonRegistry(c.rpc, await pda.carbonRegistry());
    const serial = registry.data.retirementCount;
    const carbonBefore = await tokenBalance(wallet, registry.data.carbonMint);
    expect(carbonBefore).toBeGreaterThanOrEqual(250n);
    const beneficiary = getAddressDecoder().decode(crypto.getRandomValues(new Uint8Array(32)));
    const reason = 'E2E: offset the community hall ☀';
    await page.getByTestId('retire-kg').fill('0.25');
    await page.getByTestId('retire-beneficiary').fill(beneficiary);
    await page.getByTestId('retire-reason').fill(reason);
    await page.getByTestId('retire').click();
    await page.getByText('Retire carbon: confirmed').waitFor({ timeout: 60_000 });

    // The permanent record at [retirement, serial], decoded from its raw bytes.
    const raw = await fetchEncodedAccount(c.rpc, await pda.retirement(serial));
    expect(raw.exists).toBe(true);
    if (!raw.exists) return;
    const record = getRetirementDecoder().decode(raw.data);
    expect([...record.discriminator]).toEqual([...RETIREMENT_DISCRIMINATOR]);
    expect(record).toMatchObject({ serial, wallet, beneficiary, carbonG: 250n, reason });
    expect(await tokenBalance(wallet, registry.data.carbonMint)).toBe(carbonBefore - 250n);
    const after = await fetchCarbonRegistry(c.rpc, await pda.carbonRegistry());
    expect(after.data.retirementCount).toBe(serial + 1n);
    expect(after.data.retiredG).toBe(registry.data.retiredG + 250n);

    // Listed among the wallet's records, as on chain.
    const row = `retirement-${serial}`;
    await page.getByTestId(row).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId(row).getByTestId('retirement-amount').textContent()).toBe(fmtCarbonG(250n));
    expect(await page.getByTestId(row).getByTestId('retirement-reason').textContent()).toBe(reason);
    expect(await page.getByTestId(row).getByTestId('retirement-beneficiary').textContent()).toBe(short(beneficiary));
    expect(await page.getByTestId(row).getByTestId('retirement-wallet').textContent()).toBe('you');
    expect(await page.getByTestId(row).getByTestId('retirement-date').textContent()).toBe(fmtDate(record.retiredAt));
    // Every record on the cluster (getProgramAccounts by discriminator), the economy's included.
    const all = await programAccounts(
      c.rpc,
      MARKETPLACE_PROGRAM_ADDRESS,
      RETIREMENT_DISCRIMINATOR,
      getRetirementDecoder(),
    );
    expect(BigInt(all.length)).toBe(after.data.retirementCount);
    await page.getByTestId('retirements-all').click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="retirements"] tbody tr').length === n,
      all.length,
      { timeout: 10_000 },
    );
    for (const r of all) await page.getByTestId(`retirement-${r.data.serial}`).waitFor({ timeout: 5_000 });
  });

  it('retiring more carbon than the wallet holds fails in simulation: the error is shown and nothing is signed', async () => {
    const registry = await fetchCarbonRegistry(c.rpc, await pda.carbonRegistry());
    const carbon = await tokenBalance(wallet, registry.data.carbonMint);
    const signatures = () =>
      page.evaluate(() => (window as unknown as { __seTestWallet: { signatures: number } }).__seTestWallet.signatures);
    const signed = await signatures();
    await page.getByTestId('retire-kg').fill(String(Number(carbon) / 1000 + 1));
    await page.getByTestId('retire-reason').fill('too much');
    await page.getByTestId('retire').click();
    const message = await waitForText(page, 'carbon-error', /./, 30_000);
    expect(message).toBe('token-2022: InsufficientFunds: Insufficient funds');
    await page.getByText('Insufficient funds').first().waitFor(); // the toast says it too
    expect(await signatures()).toBe(signed);
    expect(await tokenBalance(wallet, registry.data.carbonMint)).toBe(carbon);
    expect((await fetchCarbonRegistry(c.rpc, await pda.carbonRegistry())).data.retirementCount).toBe(
      registry.data.retirementCount,
    );
    await page.getByTestId('retire-kg').fill('');
    await page.getByTestId('retire-reason').fill('');
  });

  it('contributes to the household; the ledger and balances are read back from chain', async () => {
    const member = await fetchMember(c.rpc, memberAddr);
    const householdAddr = member.data.household;
    const ledger = async () =>
      (await fetchHousehold(c.rpc, householdAddr)).data.members.find((l) => l.wallet === wallet)!;
    const before = await ledger();
    const currencyBefore = await tokenBalance(wallet, await pda.currencyMint());
    const capitalBefore = (await fetchHousehold(c.rpc, householdAddr)).data.capital;
    await waitForText(page, 'household-contributed', exactly(fmtCurrency(before.contributed, 6)));
    await page.getByTestId('contribute-amount').fill('1.25');
    await page.getByTestId('contribute').click();
    await page.getByText('Contribute: confirmed').waitFor({ timeout: 60_000 });
    expect((await ledger()).contributed).toBe(before.contributed + 1_250_000n);
    expect(await tokenBalance(wallet, await pda.currencyMint())).toBe(currencyBefore - 1_250_000n);
    expect((await fetchHousehold(c.rpc, householdAddr)).data.capital).toBe(capitalBefore + 1_250_000n);
    expect((await fetchMember(c.rpc, memberAddr)).data.metrics.contributed).toBe(
      member.data.metrics.contributed + 1_250_000n,
    );
    await waitForText(page, 'household-contributed', exactly(fmtCurrency(before.contributed + 1_250_000n, 6)));
  });

  it('invests in a community and divests part of the shares at the program\'s price; read back from chain', async () => {
    let member = await fetchMember(c.rpc, memberAddr);
    const joined = member.data.community !== DEFAULT_ADDRESS;
    const community = joined ? member.data.community : address(node.economy!.communities[0]);
    if (!joined) await page.getByTestId('community-select').selectOption(community);
    await page.getByTestId('invest-amount').fill('2');
    await page.getByTestId('invest').click();
    await page.getByText('Invest: confirmed').waitFor({ timeout: 60_000 });
    const positionAddr = await pda.position(community, memberAddr);
    const position = await fetchPosition(c.rpc, positionAddr);
    expect(position.data.shares).toBeGreaterThan(0n);
    expect(await waitForText(page, 'position-shares', exactly(fmtShares(position.data.shares)))).toBe(
      fmtShares(position.data.shares),
    );

    // Redeem half the shares; the wallet receives floor(shares × value / outstanding).
    const half = position.data.shares / 2n;
    const before = await fetchCommunity(c.rpc, community);
    const expected = valueOfShares(before.data, half);
    expect(expected).toBeGreaterThan(0n);
    const currencyMint = await pda.currencyMint();
    const currencyBefore = await tokenBalance(wallet, currencyMint);
    member = await fetchMember(c.rpc, memberAddr);
    const text = `${half / 1_000_000n}.${(half % 1_000_000n).toString().padStart(6, '0')}`;
    await page.getByTestId('divest-amount').fill(text);
    await page.getByTestId('divest').click();
    await page.getByText('Divest: confirmed').waitFor({ timeout: 60_000 });
    expect((await fetchPosition(c.rpc, positionAddr)).data.shares).toBe(position.data.shares - half);
    expect(await tokenBalance(wallet, currencyMint)).toBe(currencyBefore + expected);
    expect((await fetchMember(c.rpc, memberAddr)).data.metrics.divested).toBe(member.data.metrics.divested + expected);
    expect((await fetchCommunity(c.rpc, community)).data.totalShares).toBe(before.data.totalShares - half);
    await waitForText(page, 'position-shares', exactly(fmtShares(position.data.shares - half)));
  });

  it('on a phone, wide tables scroll inside their card and nothing sticks out sideways', async () => {
    // Toasts would cover the page in the pictures.
    const hideToasts = await page.addStyleTag({ content: '[data-sonner-toaster] { display: none !important; }' });
    await page.screenshot({ path: join(shots, 'member-extras-desktop.png'), fullPage: true });
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, 'member-extras-phone.png'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // The tables are wider than the phone; their wrappers scroll.
    const scrollers = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.table-scroll')).map((el) => ({
        scroll: el.scrollWidth,
        client: el.clientWidth,
        overflowX: getComputedStyle(el).overflowX,
      })),
    );
    expect(scrollers.length).toBeGreaterThanOrEqual(3);
    for (const s of scrollers) {
      expect(s.overflowX).toBe('auto');
      expect(s.client).toBeLessThanOrEqual(PHONE.width);
    }
    expect(scrollers.some((s) => s.scroll > s.client)).toBe(true);
    for (const path of ['/', '/trade', '/offers']) {
      await page.getByRole('link', { name: path === '/' ? 'Dashboard' : path === '/trade' ? 'Trade' : 'Offers' }).click();
      await page.waitForTimeout(1_500);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(PHONE.width);
    }
    await hideToasts.evaluate((el) => (el as HTMLElement).remove());
    await page.setViewportSize(DESKTOP);
    await page.getByRole('link', { name: 'Member' }).click();
  });

  it('logged no console errors', () => {
    expect(browser.consoleErrors).toEqual([]);
  });
});
