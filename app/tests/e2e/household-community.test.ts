// The household and community pages in headless Chromium against `sourceenergy localnet
// --economy`: a household trustee collects the trust's community rewards and distributes them
// and invests its contributions, in the browser; the ledger read back from chain is what the page
// shows. The community pages show what chain reads give for the fund, shares, projects, impact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { address, getAddressDecoder, type Address } from '@solana/kit';
import { join } from 'node:path';
import { fetchCommunity, fetchPosition, type Community } from '@sourceenergy/client/community';
import { fetchHousehold, getCreateHouseholdInstruction, type Household } from '@sourceenergy/client/household';
import { fmtAmount, fmtBps, fmtCo2, fmtKw, fmtKwh, fmtSharePrice } from '@sourceenergy/client';
import { programAccounts } from '../../src/shared/chain/accounts';
import { COMMUNITY_PROGRAM_ADDRESS, PROJECT_DISCRIMINATOR, getProjectDecoder } from '@sourceenergy/client/community';
import { fundValue, sharePrice } from '../../src/shared/math/fund';
import { short } from '../../src/shared/format';
import { pda } from '../../src/shared/chain/pda';
import { readKeypair, startNode, type LocalNode } from '../../../clients/js/tests/harness';
import { clients, sendAndConfirm, type Clients } from '../chain-helpers';
import { serveDist } from './static-server';
import {
  appDir,
  appUrl,
  connectWallet,
  keypairBytes,
  nodeTime,
  openBrowser,
  screenshotBoth,
  travelTo,
  waitForText,
  type Browser,
} from './helpers';

let node: LocalNode;
let c: Clients;
let server: Awaited<ReturnType<typeof serveDist>>;
let trustee: Browser | null = null;

beforeAll(async () => {
  node = await startNode();
  c = clients(node.rpcUrl, node.wsUrl);
  server = await serveDist(join(appDir, 'dist'));
});

afterAll(async () => {
  await trustee?.close();
  await server?.close();
  await node?.stop();
});

const ledgers = (h: Household) => h.members.slice(0, h.memberCount);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Waits until every ledger row on the page shows the chain's numbers for that member. */
async function ledgerMatches(b: Browser, h: Household) {
  for (const l of ledgers(h)) {
    const row = `[data-testid="ledger-row"][data-wallet="${l.wallet}"]`;
    const expected: Record<string, string> = {
      'ledger-weight': fmtBps(l.weightBps),
      'ledger-contributed': fmtAmount(l.contributed),
      'ledger-distributed': fmtAmount(l.distributed),
      'ledger-claimed': fmtAmount(l.claimed),
      'ledger-owed': fmtAmount(l.distributed - l.claimed),
      'ledger-energy': fmtKwh(l.energyWh),
    };
    await b.page.waitForFunction(
      ([sel, want]) => {
        const tr = document.querySelector(sel);
        return !!tr && Object.entries(want).every(([id, v]) => tr.querySelector(`[data-testid="${id}"]`)?.textContent === v);
      },
      [row, expected] as const,
      { timeout: 20_000 },
    );
  }
  expect(await b.page.getByTestId('ledger-row').count()).toBe(h.memberCount);
}

describe('household page', () => {
  it('a trustee sees the family ledger as on chain, collects and distributes the income', async (ctx) => {
    if (!node.economy) return ctx.skip(); // households and their trustees come with --economy
    const household = address(node.economy.households[0]);
    const trusteePath = (node.economy as unknown as { householdTrustees: string[] }).householdTrustees[0];
    const before = (await fetchHousehold(c.rpc, household)).data;
    expect(before.threshold).toBe(1);

    trustee = await openBrowser(keypairBytes(trusteePath));
    const { page } = trustee;
    await page.goto(appUrl(server.url, node, '/household'));
    await connectWallet(page);
    // The trust the wallet is a trustee of is chosen, and its books are the chain's.
    expect(await waitForText(page, 'household-address', /…/)).toBe(short(household));
    expect(await page.getByTestId('household-threshold').textContent()).toBe('1 of 1');
    expect(await page.getByTestId('household-trustees').textContent()).toContain('(you)');
    await ledgerMatches(trustee, before);
    expect(await page.getByTestId('household-capital').textContent()).toBe(fmtAmount(before.capital));
    expect(await page.getByTestId('household-income').textContent()).toBe(fmtAmount(before.incomeReceived));

    // Twenty minutes of the community's revenue stream reach the trust's shares.
    await travelTo(node, (await nodeTime(node)) + 20 * 60);
    const pending = await waitForText(page, 'household-pending-rewards', /^(?!0\.00$)/, 30_000);
    expect(Number(pending.replace(/,/g, ''))).toBeGreaterThan(0);
    const membersPlanned = Number((await page.getByTestId('plan-members').textContent())!.replace(/,/g, ''));
    expect(membersPlanned).toBeGreaterThan(0);
    await page.getByTestId('household-distribute').click();
    await page.getByText('Distribute: confirmed').waitFor({ timeout: 60_000 });

    const after = (await fetchHousehold(c.rpc, household)).data;
    expect(after.distributions).toBe(before.distributions + 1n);
    const paid = ledgers(after).map((l, i) => l.distributed - ledgers(before)[i].distributed);
    // The income (undistributed plus the rewards collected) less what was reinvested, shared by
    // weight and rounded down each, as the page plans it.
    const shared =
      before.undistributed + (after.incomeReceived - before.incomeReceived) - (after.reinvested - before.reinvested);
    for (const [i, p] of paid.entries()) {
      expect(p).toBeGreaterThan(0n);
      expect(p).toBe((shared * BigInt(ledgers(after)[i].weightBps)) / 10_000n);
    }
    expect(after.owed - before.owed).toBe(paid.reduce((a, b) => a + b, 0n));
    // At least what the page showed before the click (the stream kept running since).
    expect(Number(after.owed - before.owed) / 1e6).toBeGreaterThanOrEqual(membersPlanned - 1e-6);
    await ledgerMatches(trustee, after);
    expect(await waitForText(page, 'household-distributions', new RegExp(`^${after.distributions}$`))).toBe(String(after.distributions));
  });

  it('the trustee invests contributions in the community (threshold 1: the wallet alone signs)', async (ctx) => {
    if (!node.economy || !trustee) return ctx.skip();
    const household = address(node.economy.households[0]);
    const before = (await fetchHousehold(c.rpc, household)).data;
    const position = await pda.position(before.community, household);
    const posBefore = (await fetchPosition(c.rpc, position)).data;
    const { page } = trustee;
    await page.getByTestId('household-invest-amount').fill('10');
    await page.getByTestId('household-invest').click();
    await page.getByText('Invest contributions: confirmed').waitFor({ timeout: 60_000 });
    const after = (await fetchHousehold(c.rpc, household)).data;
    expect(after.capital).toBe(before.capital - 10_000_000n);
    expect(after.invested).toBe(before.invested + 10_000_000n);
    expect((await fetchPosition(c.rpc, position)).data.deposited).toBe(posBefore.deposited + 10_000_000n);
    expect(await waitForText(page, 'household-capital', new RegExp(`^${escape(fmtAmount(after.capital))}$`))).toBe(fmtAmount(after.capital));
    // The trust's shares and their worth, as chain reads give them.
    const pos = (await fetchPosition(c.rpc, position)).data;
    const fund = (await fetchCommunity(c.rpc, before.community)).data;
    expect(await waitForText(page, 'household-shares', new RegExp(`^${escape(fmtAmount(pos.shares))}$`))).toBe(fmtAmount(pos.shares));
    expect(await page.getByTestId('household-shares-value').textContent()).toBe(
      fmtAmount((pos.shares * fundValue(fund)) / fund.totalShares),
    );
    await screenshotBoth(page, 'household');
  });

  it('any other trust can be chosen from the list; a non-trustee cannot invest its contributions', async (ctx) => {
    if (!node.economy || !trustee) return ctx.skip();
    const other = address(node.economy.households[1]);
    const { page } = trustee;
    await page.getByTestId('household-select').selectOption(other);
    expect(await waitForText(page, 'household-address', new RegExp(escape(short(other))))).toBe(short(other));
    await ledgerMatches(trustee, (await fetchHousehold(c.rpc, other)).data);
    expect(await page.getByTestId('household-invest-note').textContent()).toMatch(/Only the trust’s trustees/);
    expect(await page.getByTestId('household-invest').isDisabled()).toBe(true);
  });
  it('a trust needing two trustee signatures says so instead of failing', async (ctx) => {
    if (!node.economy || !trustee) return ctx.skip();
    const me = (await readKeypair((node.economy as unknown as { householdTrustees: string[] }).householdTrustees[0])).address;
    const id = getAddressDecoder().decode(crypto.getRandomValues(new Uint8Array(32)));
    const other = getAddressDecoder().decode(crypto.getRandomValues(new Uint8Array(32)));
    const household = await pda.household(id);
    await sendAndConfirm(c, node.payer, [
      getCreateHouseholdInstruction({
        payer: node.payer,
        household,
        currencyMint: await pda.currencyMint(),
        vault: await pda.householdVault(household),
        id,
        trustees: [me, other],
        threshold: 2,
        reinvestBps: 0,
      }),
    ]);
    const { page } = trustee;
    await page.goto(appUrl(server.url, node, `/household?id=${household}`));
    await connectWallet(page);
    expect(await waitForText(page, 'household-threshold', /of/)).toBe('2 of 2');
    expect(await waitForText(page, 'household-invest-note', /2 trustee signatures/)).toMatch(/your wallet is one/);
    await page.getByTestId('household-invest-amount').fill('1');
    expect(await page.getByTestId('household-invest').isDisabled()).toBe(true);
    expect(await page.getByTestId('household-distribute').isDisabled()).toBe(true);
  });
});

describe('community pages', () => {
  async function expectCommunity(b: Browser, community: Address, c0: Community) {
    const want: Record<string, string> = {
      'community-value': fmtAmount(fundValue(c0)),
      'community-share-price': fmtSharePrice(sharePrice(c0)),
      'community-shares': fmtAmount(c0.totalShares),
      'community-staked': fmtAmount(c0.stakedShares),
      'community-liquid': fmtAmount(c0.liquid),
      'community-invested': fmtAmount(c0.invested),
      'impact-energy': fmtKwh(c0.impact.energyWh),
      'impact-co2': fmtCo2(c0.impact.co2AvoidedG),
      'impact-members': String(c0.impact.members),
      'impact-households': String(c0.impact.households),
      'impact-benefit-fund': fmtAmount(c0.benefitFund),
    };
    await b.page.waitForFunction(
      (w) => Object.entries(w).every(([id, v]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === v),
      want,
      { timeout: 20_000 },
    );
    expect(await b.page.getByTestId('community-address').textContent()).toBe(short(community));
  }

  it('lists every community and shows one: fund value, share price, shares, projects and impact as on chain', async (ctx) => {
    if (!node.economy || !trustee) return ctx.skip();
    const { page } = trustee;
    await page.getByRole('link', { name: 'Community' }).click();
    await page.getByTestId('community-list').waitFor();
    expect(await page.getByTestId('community-row').count()).toBe(node.economy.communities.length);
    for (const a of node.economy.communities) {
      const data = (await fetchCommunity(c.rpc, address(a))).data;
      const row = page.locator(`[data-testid="community-row"][data-address="${a}"]`);
      expect(await row.getByTestId('row-value').textContent()).toBe(fmtAmount(fundValue(data)));
      expect(await row.getByTestId('row-price').textContent()).toBe(fmtSharePrice(sharePrice(data)));
    }
    await screenshotBoth(page, 'communities');

    const community = address(node.economy.communities[0]);
    await page.getByRole('link', { name: short(community) }).click();
    const data = (await fetchCommunity(c.rpc, community)).data;
    // Fund value is liquid plus projects at cost; the share price is value per share.
    expect(fundValue(data)).toBe(data.liquid + data.invested);
    await expectCommunity(trustee, community, data);
    const projects = (await programAccounts(c.rpc as never, COMMUNITY_PROGRAM_ADDRESS, PROJECT_DISCRIMINATOR, getProjectDecoder())).filter(
      (p) => p.data.community === community,
    );
    expect(projects.length).toBe(data.projects);
    expect(await page.getByTestId('project-row').count()).toBe(projects.length);
    for (const p of projects) {
      const row = page.locator(`[data-testid="project-row"][data-address="${p.address}"]`);
      expect(await row.getByTestId('project-capacity').textContent()).toBe(fmtKw(p.data.capacityW));
      expect(await row.getByTestId('project-budget').textContent()).toBe(fmtAmount(p.data.capex));
      expect(await row.getByTestId('project-funded').textContent()).toBe(fmtAmount(p.data.funded));
    }
    await screenshotBoth(page, 'community');
  });

  it("a member sees its position: shares, their worth at the share price, deposits", async (ctx) => {
    if (!node.economy?.members || !trustee) return ctx.skip();
    const community = address(node.economy.communities[0]);
    const m = node.economy.members.find((x) => !x.household && x.community === community);
    if (!m) return ctx.skip();
    // The trustee's wallet holds no shares itself.
    await trustee.page.getByTestId('no-position').waitFor({ timeout: 15_000 });
    const b = await openBrowser(keypairBytes(m.keypair));
    try {
      await b.page.goto(appUrl(server.url, node, `/community/${community}`));
      await connectWallet(b.page);
      const holder = await pda.member(address(m.wallet));
      const pos = (await fetchPosition(c.rpc, await pda.position(community, holder))).data;
      const fund = (await fetchCommunity(c.rpc, community)).data;
      const shares = await waitForText(b.page, 'position-shares', /\d/, 30_000, 'position-member');
      expect(shares).toBe(fmtAmount(pos.shares));
      expect(await b.page.getByTestId('position-member').getByTestId('position-value').textContent()).toBe(
        fmtAmount((pos.shares * fundValue(fund)) / fund.totalShares),
      );
      expect(await b.page.getByTestId('position-member').getByTestId('position-deposited').textContent()).toBe(
        fmtAmount(pos.deposited),
      );
      expect(b.consoleErrors).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('logged no console errors', () => {
    expect(trustee?.consoleErrors ?? []).toEqual([]);
  });
});
