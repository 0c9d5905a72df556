// The governance page in headless Chromium against `sourceenergy localnet --economy`: the
// economy leaves a proposal (a second KYC provider) with one approval of two; a second council
// member approves it in the browser, the node's clock moves past the timelock, and the council
// executes it; a council member proposes in the browser and cancels it. Every result is read back from chain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { address, getAddressDecoder, type Address } from '@solana/kit';
import { join } from 'node:path';
import {
  ProposalStatus,
  RoleKind,
  fetchGovernance,
  fetchMaybeKycProvider,
  fetchPolicy,
  fetchProposal,
  fetchReserve,
  getProposeInstruction,
} from '@sourceenergy/client/central-bank';
import { pda } from '../../src/shared/chain/pda';
import { fmtDuration, short } from '../../src/shared/format';
import { startNode, readKeypair, type LocalNode } from '../../../clients/js/tests/harness';
import { clients, sendAndConfirm, type Clients } from '../chain-helpers';
import { serveDist } from './static-server';
import {
  appDir,
  appUrl,
  connectWallet,
  keypairBytes,
  openBrowser,
  screenshotBoth,
  travelTo,
  waitForText,
  type Browser,
} from './helpers';

let node: LocalNode;
let c: Clients;
let server: Awaited<ReturnType<typeof serveDist>>;
let council1: Browser;
let council0: Browser | null = null;
const browsers: Browser[] = [];

beforeAll(async () => {
  node = await startNode();
  c = clients(node.rpcUrl, node.wsUrl);
  server = await serveDist(join(appDir, 'dist'));
});

afterAll(async () => {
  for (const b of browsers) await b.close();
  await server?.close();
  await node?.stop();
});

async function browserFor(keypairPath: string) {
  const b = await openBrowser(keypairBytes(keypairPath));
  browsers.push(b);
  return b;
}

/** `page`'s council member approves proposal `index`, reaching its threshold, and the node's
 * clock passes the timelock: the page shows it ready to execute. */
async function approveAndWaitOutTimelock(page: Browser['page'], index: bigint) {
  const card = `proposal-${index}`;
  await page.getByTestId(card).getByTestId('proposal-approve').click();
  await page.getByText(`Approve #${index}: confirmed`).waitFor({ timeout: 60_000 });
  const approved = await fetchProposal(c.rpc, await pda.proposal(index));
  const gov = await fetchGovernance(c.rpc, await pda.governance());
  await travelTo(node, Number(approved.data.thresholdReachedAt) + gov.data.timelockSecs + 5);
  await waitForText(page, 'proposal-state', /^Ready to execute$/, 30_000, card);
}

describe('governance page', () => {
  it('shows the council and the pending proposal; a second council member approves it', async (ctx) => {
    if (!node.economy) return ctx.skip(); // the council keypairs come with --economy
    const e = node.economy as typeof node.economy & { pendingProposal: number };
    const index = BigInt(e.pendingProposal);
    const councilPaths = e.keypairs.council as string[];
    const gov = await fetchGovernance(c.rpc, await pda.governance());
    const before = await fetchProposal(c.rpc, await pda.proposal(index));
    expect(before.data.approvals).toBe(1);
    if (before.data.action.__kind !== 'ApproveKycProvider') throw new Error('unexpected action');

    council1 = await browserFor(councilPaths[1]);
    const { page } = council1;
    await page.goto(appUrl(server.url, node, '/governance'));
    // The council as on chain.
    expect(await waitForText(page, 'council-threshold', /of/)).toBe(`${gov.data.threshold} of ${gov.data.memberCount}`);
    expect(await page.getByTestId('council-timelock').textContent()).toBe(fmtDuration(gov.data.timelockSecs));
    const shown = await page.getByTestId('council-members').locator('li').evaluateAll((els) => els.map((el) => el.getAttribute('data-address')));
    expect(shown).toEqual(gov.data.members.slice(0, gov.data.memberCount));
    // The pending proposal: its action, 1 approval of 2, who approved.
    const card = `proposal-${index}`;
    expect(await waitForText(page, 'proposal-action', /KYC/, 30_000, card)).toBe(
      `Approve KYC provider ${short(before.data.action.provider)}`,
    );
    expect(await waitForText(page, 'proposal-approvals', /of/, 30_000, card)).toBe(`1 of ${gov.data.threshold}`);
    expect(await waitForText(page, 'proposal-state', /approval/, 30_000, card)).toBe('Needs 1 more approval');
    expect(await page.getByTestId(card).getByTestId('proposal-approvers').textContent()).toBe(short(before.data.proposer));
    // Not connected: nothing to press.
    expect(await page.getByTestId('proposal-approve').count()).toBe(0);

    await connectWallet(page);
    await waitForText(page, 'council-you', /on the council/);
    // A rejected signature says so plainly, and nothing changes.
    await page.evaluate(() => {
      (window as unknown as { __seTestWallet: { rejectNext: boolean } }).__seTestWallet.rejectNext = true;
    });
    await page.getByTestId(card).getByTestId('proposal-approve').click();
    expect(await waitForText(page, 'governance-error', /rejected/)).toBe('You rejected the request in your wallet. Nothing was sent.');
    expect((await fetchProposal(c.rpc, await pda.proposal(index))).data.approvals).toBe(1);
    await page.getByTestId(card).getByTestId('proposal-approve').click();
    await page.getByText(`Approve #${index}: confirmed`).waitFor({ timeout: 60_000 });
    const after = await fetchProposal(c.rpc, await pda.proposal(index));
    expect(after.data.approvals).toBe(2);
    const me = (await readKeypair(councilPaths[1])).address;
    const slot = gov.data.members.indexOf(me);
    expect(after.data.approvalBits & (1 << slot)).not.toBe(0);
    expect(after.data.thresholdReachedAt).toBeGreaterThan(0n);
    expect(await waitForText(page, 'proposal-approvals', /2 of/, 15_000, card)).toBe(`2 of ${gov.data.threshold}`);
    // The timelock runs: executing is not possible yet.
    expect(await waitForText(page, 'proposal-state', /^Timelock: /, 15_000, card)).toMatch(/left$/);
    expect(await page.getByTestId(card).getByTestId('proposal-execute').isDisabled()).toBe(true);
    expect(await page.getByTestId(card).getByTestId('proposal-approve').count()).toBe(0);
    await screenshotBoth(page, 'governance');
  });

  it('after the timelock a council member executes it; the KYC provider record is on chain', async (ctx) => {
    if (!node.economy || !council1) return ctx.skip();
    const e = node.economy as typeof node.economy & { pendingProposal: number };
    const index = BigInt(e.pendingProposal);
    const gov = await fetchGovernance(c.rpc, await pda.governance());
    const p = await fetchProposal(c.rpc, await pda.proposal(index));
    await travelTo(node, Number(p.data.thresholdReachedAt) + gov.data.timelockSecs + 5);
    const { page } = council1;
    const card = `proposal-${index}`;
    await waitForText(page, 'proposal-state', /^Ready to execute$/, 30_000, card);
    await page.getByTestId(card).getByTestId('proposal-execute').click();
    await page.getByText(`Execute #${index}: confirmed`).waitFor({ timeout: 60_000 });
    const provider = (await readKeypair(e.keypairs.pendingKycProvider as string)).address;
    const record = await fetchMaybeKycProvider(c.rpc, await pda.kycProvider(provider));
    expect(record.exists).toBe(true);
    if (record.exists) {
      expect(record.data.authority).toBe(provider);
      expect(record.data.proposal).toBe(index);
    }
    const done = await fetchProposal(c.rpc, await pda.proposal(index));
    expect(done.data.status).toBe(ProposalStatus.Executed);
    expect(await waitForText(page, 'proposal-state', /^Executed$/, 15_000, card)).toBe('Executed');
    expect(await page.getByTestId(card).getByTestId('proposal-execute').count()).toBe(0);
  });

  it('a council member proposes in the browser; another votes to cancel; the proposer cancels', async (ctx) => {
    if (!node.economy) return ctx.skip();
    const councilPaths = node.economy.keypairs.council as string[];
    const proposer = (await readKeypair(councilPaths[0])).address;
    const index = (await fetchGovernance(c.rpc, await pda.governance())).data.proposalCount;
    const subject: Address = getAddressDecoder().decode(crypto.getRandomValues(new Uint8Array(32)));
    const b = await browserFor(councilPaths[0]);
    council0 = b;
    await b.page.goto(appUrl(server.url, node, '/governance'));
    await connectWallet(b.page);
    await b.page.getByTestId('propose-kind').selectOption('GrantRole');
    await b.page.getByTestId('propose-role').selectOption({ label: 'MeterOracle' });
    await b.page.getByTestId('propose-address').fill(subject);
    await b.page.getByTestId('propose-submit').click();
    await b.page.getByText(`Propose #${index}: confirmed`).waitFor({ timeout: 60_000 });
    const proposed = await fetchProposal(c.rpc, await pda.proposal(index));
    expect(proposed.data.action).toEqual({ __kind: 'GrantRole', role: RoleKind.MeterOracle, subject });
    expect([proposed.data.proposer, proposed.data.approvals, proposed.data.status]).toEqual([proposer, 1, ProposalStatus.Active]);
    const card = `proposal-${index}`;
    expect(await waitForText(b.page, 'proposal-action', /Grant/, 30_000, card)).toBe(`Grant meter oracle to ${short(subject)}`);
    // The proposer approved by proposing: no approve button, but cancel.
    expect(await b.page.getByTestId(card).getByTestId('proposal-approve').count()).toBe(0);

    // Another council member votes to cancel: one vote of the two needed, so it stays open.
    if (council1) {
      const p1 = council1.page;
      await waitForText(p1, 'proposal-action', /Grant/, 30_000, card);
      await p1.getByTestId(card).getByTestId('proposal-vote-cancel').click();
      await p1.getByText(`Vote to cancel #${index}: confirmed`).waitFor({ timeout: 60_000 });
      const voted = await fetchProposal(c.rpc, await pda.proposal(index));
      expect([voted.data.cancellations, voted.data.status]).toEqual([1, ProposalStatus.Active]);
      await waitForText(p1, 'proposal-cancel-votes', /^1 of 2$/, 15_000, card);
      expect(await p1.getByTestId(card).getByTestId('proposal-vote-cancel').count()).toBe(0);
    }

    await b.page.getByTestId(card).getByTestId('proposal-cancel').click();
    await b.page.getByText(`Cancel #${index}: confirmed`).waitFor({ timeout: 60_000 });
    const p = await fetchProposal(c.rpc, await pda.proposal(index));
    expect(p.data.status).toBe(ProposalStatus.Cancelled);
    expect(await waitForText(b.page, 'proposal-state', /^Cancelled$/, 15_000, card)).toBe('Cancelled');
    await screenshotBoth(b.page, 'governance-proposer');
  });

  it('a currency issue: proposed, approved, executed after the timelock; the recipient is paid', async (ctx) => {
    if (!node.economy?.members || !council1 || !council0) return ctx.skip();
    const [policy, reserve] = await Promise.all([
      fetchPolicy(c.rpc, await pda.policy()),
      fetchReserve(c.rpc, await pda.reserve()),
    ]);
    const headroom = policy.data.params.issuanceCap - reserve.data.issuedOutstanding;
    if (headroom < 5_000_000n) return ctx.skip(); // the economy's policy leaves no room to issue
    const recipientWallet = address(node.economy.members[0].wallet);
    const recipient = await pda.associatedToken(recipientWallet, await pda.currencyMint());
    const balance = async () => BigInt((await c.rpc.getTokenAccountBalance(recipient).send()).value.amount);
    const before = await balance();
    const index = (await fetchGovernance(c.rpc, await pda.governance())).data.proposalCount;
    const card = `proposal-${index}`;

    const p0 = council0.page;
    await p0.getByTestId('propose-kind').selectOption('IssueCurrency');
    await p0.getByTestId('propose-address').fill(recipientWallet);
    await p0.getByTestId('propose-amount').fill('5');
    await p0.getByTestId('propose-submit').click();
    await p0.getByText(`Propose #${index}: confirmed`).waitFor({ timeout: 60_000 });
    expect((await fetchProposal(c.rpc, await pda.proposal(index))).data.action).toEqual({
      __kind: 'IssueCurrency',
      recipient,
      amount: 5_000_000n,
    });

    const p1 = council1.page;
    await waitForText(p1, 'proposal-action', /^Issue 5\.00 currency/, 30_000, card);
    await approveAndWaitOutTimelock(p1, index);
    await p1.getByTestId(card).getByTestId('proposal-execute').click();
    await p1.getByText(`Execute #${index}: confirmed`).waitFor({ timeout: 60_000 });
    expect(await balance()).toBe(before + 5_000_000n);
    expect((await fetchReserve(c.rpc, await pda.reserve())).data.issuedOutstanding).toBe(
      reserve.data.issuedOutstanding + 5_000_000n,
    );
    expect((await fetchProposal(c.rpc, await pda.proposal(index))).data.status).toBe(ProposalStatus.Executed);
  });

  it('an execution the program would refuse shows its decoded error, and nothing is signed', async (ctx) => {
    if (!council1 || !council0) return ctx.skip();
    const [policy, reserve] = await Promise.all([
      fetchPolicy(c.rpc, await pda.policy()),
      fetchReserve(c.rpc, await pda.reserve()),
    ]);
    if (policy.data.params.issuanceCap - reserve.data.issuedOutstanding < 1_000_000n) return ctx.skip();
    // A wallet without a currency account: the issue cannot be paid.
    const nobody = getAddressDecoder().decode(crypto.getRandomValues(new Uint8Array(32)));
    const index = (await fetchGovernance(c.rpc, await pda.governance())).data.proposalCount;
    const card = `proposal-${index}`;
    const p0 = council0.page;
    await p0.getByTestId('propose-kind').selectOption('IssueCurrency');
    await p0.getByTestId('propose-address').fill(nobody);
    await p0.getByTestId('propose-amount').fill('1');
    // The form warns, but a council may still propose it (the account may exist by execution).
    await waitForText(p0, 'propose-warning', /no currency account/);
    await p0.getByTestId('propose-submit').click();
    await p0.getByText(`Propose #${index}: confirmed`).waitFor({ timeout: 60_000 });
    const p1 = council1.page;
    await waitForText(p1, 'proposal-action', /^Issue 1\.00 currency/, 30_000, card);
    await approveAndWaitOutTimelock(p1, index);
    const signatures = () =>
      p1.evaluate(() => (window as unknown as { __seTestWallet: { signatures: number } }).__seTestWallet.signatures);
    const signed = await signatures();
    await p1.getByTestId(card).getByTestId('proposal-execute').click();
    const msg = await waitForText(p1, 'governance-error', /AccountNotInitialized/);
    expect(msg).toBe('central_bank: AccountNotInitialized: The program expected this account to be already initialized');
    expect(await signatures()).toBe(signed);
    const after = await fetchProposal(c.rpc, await pda.proposal(index));
    expect([after.data.status, after.data.executedAt]).toEqual([ProposalStatus.Active, 0n]);
  });

  it('a policy change and a council change, proposed outside the app, are approved and executed in the browser', async (ctx) => {
    if (!node.economy || !council1) return ctx.skip();
    const councilPaths = node.economy.keypairs.council as string[];
    const proposer = await readKeypair(councilPaths[0]);
    const gov = (await fetchGovernance(c.rpc, await pda.governance())).data;
    const policy = (await fetchPolicy(c.rpc, await pda.policy())).data;
    const members = gov.members.slice(0, gov.memberCount);
    const newRate = policy.params.savingsRateBps > 50 ? policy.params.savingsRateBps - 50 : policy.params.savingsRateBps + 50;
    const [setPolicy, updateCouncil] = [gov.proposalCount, gov.proposalCount + 1n];
    for (const [index, action] of [
      [setPolicy, { __kind: 'SetPolicy' as const, params: { ...policy.params, savingsRateBps: newRate } }],
      [updateCouncil, { __kind: 'UpdateCouncil' as const, members, threshold: gov.threshold, timelockSecs: 1_800 }],
    ] as const) {
      await sendAndConfirm(c, proposer, [
        getProposeInstruction({
          proposer,
          governance: await pda.governance(),
          policy: await pda.policy(),
          proposal: await pda.proposal(index),
          action,
        }),
      ]);
    }
    const p1 = council1.page;
    for (const index of [setPolicy, updateCouncil]) {
      const card = `proposal-${index}`;
      await waitForText(p1, 'proposal-state', /more approval/, 30_000, card);
      await p1.getByTestId(card).getByTestId('proposal-approve').click();
      await p1.getByText(`Approve #${index}: confirmed`).waitFor({ timeout: 60_000 });
    }
    const reached = (await fetchProposal(c.rpc, await pda.proposal(updateCouncil))).data.thresholdReachedAt;
    await travelTo(node, Number(reached) + gov.timelockSecs + 5);
    // The policy first: the council change makes every open proposal stale.
    for (const index of [setPolicy, updateCouncil]) {
      const card = `proposal-${index}`;
      await waitForText(p1, 'proposal-state', /^Ready to execute$/, 30_000, card);
      await p1.getByTestId(card).getByTestId('proposal-execute').click();
      await p1.getByText(`Execute #${index}: confirmed`).waitFor({ timeout: 60_000 });
    }
    const after = (await fetchPolicy(c.rpc, await pda.policy())).data;
    expect([after.params.savingsRateBps, after.version]).toEqual([newRate, policy.version + 1]);
    const council = (await fetchGovernance(c.rpc, await pda.governance())).data;
    expect([council.timelockSecs, council.councilVersion]).toEqual([1_800, gov.councilVersion + 1]);
    expect(await waitForText(p1, 'council-timelock', /^30m 0s$/)).toBe('30m 0s');
    // The proposal left open above is stale now; the page says so and offers to close it.
    const stale = `proposal-${setPolicy - 1n}`;
    if ((await fetchProposal(c.rpc, await pda.proposal(setPolicy - 1n))).data.status === ProposalStatus.Active) {
      expect(await waitForText(p1, 'proposal-state', /^Stale/, 15_000, stale)).toBe('Stale (the council changed)');
      expect(await p1.getByTestId(stale).getByTestId('proposal-cancel').count()).toBe(1);
    }
  });

  it('logged no console errors', () => {
    expect(browsers.flatMap((b) => b.consoleErrors)).toEqual([]);
  });
});
