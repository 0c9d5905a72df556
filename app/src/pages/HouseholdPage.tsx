// Household trusts for their trustees: members, weights, the family ledger; run a distribution,
// invest the trust's contributions in its community.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { UiWalletAccount } from '@wallet-standard/react';
import { address, type Address, type Instruction } from '@solana/kit';
import { parseAmount } from '../lib/actions';
import { DEFAULT_ADDRESS } from '../lib/chain';
import { useApp } from '../lib/context';
import { valueOfShares } from '../lib/community';
import { fmtAmount } from '../lib/format';
import { fmtBps, fmtDate, fmtKwh, short } from '../lib/format';
import {
  distributeIxs,
  investCapitalIx,
  ledgersOf,
  loadHouseholds,
  loadTrust,
  planDistribution,
  trusteesOf,
  type TrustState,
} from '../lib/household';
import type { AppRpc } from '../lib/rpc';
import { useSend, type SendOutcome } from '../lib/useSend';
import { Stat } from '../components/ui';

type Run = (label: string, build: () => Promise<Instruction[]>) => Promise<boolean>;

async function load(rpc: AppRpc, chosen: string | null, wallet: Address | null) {
  const { households, nodeTime } = await loadHouseholds(rpc);
  const isTrustee = (h: (typeof households)[number]) => wallet !== null && trusteesOf(h.data).includes(wallet);
  const isMember = (h: (typeof households)[number]) => wallet !== null && ledgersOf(h.data).some((l) => l.wallet === wallet);
  const selected =
    households.find((h) => h.address === chosen) ?? households.find(isTrustee) ?? households.find(isMember) ?? households[0];
  const trust = selected ? await loadTrust(rpc, selected, nodeTime) : null;
  return {
    options: households.map((h) => ({ address: h.address, trustee: isTrustee(h), member: isMember(h) })),
    trust,
    nodeTime,
  };
}

function You({ a, you }: { a: Address; you: Address | null }) {
  return (
    <span className="font-mono" title={a}>
      {short(a)}
      {a === you ? <span className="ml-1 font-sans text-emerald-700 dark:text-emerald-400">(you)</span> : null}
    </span>
  );
}

function Trust({ t, you, run, busy }: { t: TrustState; you: Address | null; run: Run | null; busy: boolean }) {
  const h = t.household;
  const trustees = trusteesOf(h);
  const ledgers = ledgersOf(h);
  const isTrustee = you !== null && trustees.includes(you);
  const income = h.undistributed + t.pendingRewards;
  const plan = planDistribution(h, income, t.community);
  const canDistribute = h.memberCount > 0 && plan.reinvest + plan.toMembers > 0n;
  const [amount, setAmount] = useState('');
  const invest = parseAmount(amount);
  const hasCommunity = h.community !== DEFAULT_ADDRESS;

  return (
    <div className="space-y-6">
      <section className="card">
        <h2 className="mb-3 text-base font-semibold">
          Trust <span className="font-mono text-sm" title={t.address} data-testid="household-address">{short(t.address)}</span>
        </h2>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <Stat label="Vault" value={t.vaultBalance === null ? '—' : fmtAmount(t.vaultBalance)} testId="household-vault" />
          <Stat label="Uninvested contributions" value={fmtAmount(h.capital)} testId="household-capital" />
          <Stat label="Undistributed income" value={fmtAmount(h.undistributed)} testId="household-undistributed" />
          <Stat label="Owed to members" value={fmtAmount(h.owed)} testId="household-owed" />
          <Stat label="Income received" value={fmtAmount(h.incomeReceived)} testId="household-income" />
          <Stat label="Invested in community" value={fmtAmount(h.invested)} testId="household-invested" />
          <Stat label="Reinvested" value={fmtAmount(h.reinvested)} testId="household-reinvested" />
          <Stat label="Community shares" value={t.position ? fmtAmount(t.position.shares) : '—'} testId="household-shares" />
          <Stat
            label="Worth at the share price"
            value={t.position && t.community ? fmtAmount(valueOfShares(t.community, t.position.shares)) : '—'}
            testId="household-shares-value"
          />
          <Stat label="Distributions" value={h.distributions.toString()} testId="household-distributions" />
          <Stat label="Energy" value={fmtKwh(h.energyWh)} testId="household-energy" />
          <Stat label="Reinvest share" value={fmtBps(h.reinvestBps)} />
          <div>
            <dt className="stat-label">Community</dt>
            <dd className="stat-value">
              {hasCommunity ? (
                <Link className="font-mono text-base underline" to={`/community/${h.community}`} title={h.community}>
                  {short(h.community)}
                </Link>
              ) : (
                '—'
              )}
            </dd>
          </div>
          <Stat label="Trustee threshold" value={`${h.threshold} of ${h.trusteeCount}`} testId="household-threshold" />
        </dl>
        <h3 className="mt-4 stat-label">Trustees</h3>
        <ul className="mt-1 flex flex-wrap gap-x-4 text-sm" data-testid="household-trustees">
          {trustees.map((a) => (
            <li key={a}>
              <You a={a} you={you} />
            </li>
          ))}
        </ul>
      </section>

      <section className="card">
        <h2 className="mb-3 text-base font-semibold">Family ledger</h2>
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="household-ledger">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="py-1 pr-3">Member</th>
                <th className="py-1 pr-3">Weight</th>
                <th className="py-1 pr-3">Contributed</th>
                <th className="py-1 pr-3">Distributed</th>
                <th className="py-1 pr-3">Claimed</th>
                <th className="py-1 pr-3">Owed</th>
                <th className="py-1 pr-3">Energy</th>
                <th className="py-1 pr-3">Last distribution</th>
                <th className="py-1 pr-3">Next share ≈</th>
              </tr>
            </thead>
            <tbody>
              {ledgers.map((l, i) => (
                <tr key={l.wallet} className="border-t border-slate-200 dark:border-slate-800" data-testid="ledger-row" data-wallet={l.wallet}>
                  <td className="py-1 pr-3 whitespace-nowrap">
                    <You a={l.wallet} you={you} />
                  </td>
                  <td className="py-1 pr-3 tabular-nums" data-testid="ledger-weight">{fmtBps(l.weightBps)}</td>
                  <td className="py-1 pr-3 tabular-nums" data-testid="ledger-contributed">{fmtAmount(l.contributed)}</td>
                  <td className="py-1 pr-3 tabular-nums" data-testid="ledger-distributed">{fmtAmount(l.distributed)}</td>
                  <td className="py-1 pr-3 tabular-nums" data-testid="ledger-claimed">{fmtAmount(l.claimed)}</td>
                  <td className="py-1 pr-3 tabular-nums" data-testid="ledger-owed">{fmtAmount(l.distributed - l.claimed)}</td>
                  <td className="py-1 pr-3 tabular-nums whitespace-nowrap" data-testid="ledger-energy">{fmtKwh(l.energyWh)}</td>
                  <td className="py-1 pr-3 whitespace-nowrap">{l.lastDistribution > 0n ? fmtDate(l.lastDistribution) : '—'}</td>
                  <td className="py-1 pr-3 tabular-nums">{fmtAmount(plan.perMember[i] ?? 0n)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="grid gap-6 lg:grid-cols-2">
        <div className="card space-y-3 text-sm">
          <h2 className="text-base font-semibold">Distribution</h2>
          <dl className="grid grid-cols-2 gap-2">
            <dt>Undistributed income</dt>
            <dd className="text-right tabular-nums">{fmtAmount(h.undistributed)}</dd>
            <dt>Community rewards to collect</dt>
            <dd className="text-right tabular-nums" data-testid="household-pending-rewards">{fmtAmount(t.pendingRewards)}</dd>
            <dt>Reinvested in shares ({fmtBps(h.reinvestBps)})</dt>
            <dd className="text-right tabular-nums" data-testid="plan-reinvest">{fmtAmount(plan.reinvest)}</dd>
            <dt>To members by weight</dt>
            <dd className="text-right tabular-nums" data-testid="plan-members">{fmtAmount(plan.toMembers)}</dd>
          </dl>
          <p className="text-slate-500 dark:text-slate-400">
            Collects the trust’s community rewards, then shares its income out: members claim their share from
            their Member page. The program lets anyone run it; amounts are as of the node’s clock and grow while
            rewards stream.
          </p>
          {run ? (
            <button type="button" className="btn w-full" data-testid="household-distribute" disabled={busy || !canDistribute} onClick={() => run('Distribute', () => distributeIxs(t))}>
              {canDistribute ? 'Collect and distribute' : 'Nothing to distribute yet'}
            </button>
          ) : (
            <p data-testid="connect-first">Connect a wallet to run a distribution.</p>
          )}
        </div>

        <div className="card space-y-3 text-sm">
          <h2 className="text-base font-semibold">Invest contributions</h2>
          <p className="text-slate-500 dark:text-slate-400">
            Trustees put the trust’s uninvested contributions ({fmtAmount(h.capital)}) into its community’s fund;
            {` ${h.threshold} of ${h.trusteeCount}`} trustee signature{h.threshold === 1 ? '' : 's'} needed.
          </p>
          <label className="block">
            <span className="stat-label">Amount (currency)</span>
            <input className="input mt-1" inputMode="decimal" data-testid="household-invest-amount" value={amount} onChange={(e) => setAmount(e.target.value)} />
          </label>
          {!isTrustee ? (
            <p data-testid="household-invest-note">Only the trust’s trustees can invest its contributions.</p>
          ) : h.threshold > 1 ? (
            <p className="text-amber-700 dark:text-amber-400" data-testid="household-invest-note">
              This trust needs {h.threshold} trustee signatures; your wallet is one. The other trustees must sign the same
              transaction, which this app cannot collect yet.
            </p>
          ) : !hasCommunity ? (
            <p data-testid="household-invest-note">The trust has no community to invest in.</p>
          ) : null}
          <button
            type="button"
            className="btn w-full"
            data-testid="household-invest"
            disabled={busy || !run || !isTrustee || h.threshold > 1 || !hasCommunity || invest === null || invest > h.capital}
            onClick={async () => {
              if (invest === null || you === null || !run) return;
              if (await run('Invest contributions', async () => [await investCapitalIx(t, [you], invest)])) setAmount('');
            }}
          >
            Invest in the community
          </button>
        </div>
      </section>
    </div>
  );
}

function View({ run, busy, last, you }: { run: Run | null; busy: boolean; last: SendOutcome | null; you: Address | null }) {
  const { rpc, cluster } = useApp();
  const [params, setParams] = useSearchParams();
  const chosen = params.get('id');
  const q = useQuery({
    queryKey: ['household', cluster.rpcUrl, chosen, you],
    queryFn: () => load(rpc, chosen, you),
    refetchInterval: 5_000,
  });
  if (q.isPending) return <p className="p-4">Reading household trusts…</p>;
  if (q.isError) return <p role="alert">Cannot read the chain: {String(q.error)}</p>;
  const s = q.data;
  if (!s.trust) return <div className="card" data-testid="no-households">No household trusts on this cluster yet.</div>;
  const selected = s.trust.address;
  return (
    <div className="space-y-6" data-testid="household">
      <section className="card flex flex-wrap items-center gap-3 text-sm">
        <label className="flex min-w-0 flex-1 flex-wrap items-center gap-2">
          <span className="stat-label">Household trust</span>
          <select
            className="input w-auto min-w-0 max-w-full"
            data-testid="household-select"
            value={selected}
            onChange={(e) => {
              const next = new URLSearchParams(params);
              next.set('id', e.target.value);
              setParams(next);
            }}
          >
            {s.options.map((o) => (
              <option key={o.address} value={o.address}>
                {short(o.address)}
                {o.trustee ? ' (you are a trustee)' : o.member ? ' (your household)' : ''}
              </option>
            ))}
          </select>
        </label>
        {last && !last.ok ? (
          <p className="w-full text-red-700 dark:text-red-400" role="alert" data-testid="household-error">
            {last.message}
          </p>
        ) : null}
      </section>
      <Trust key={selected} t={s.trust} you={you} run={run} busy={busy} />
    </div>
  );
}

function Connected({ account }: { account: UiWalletAccount }) {
  const send = useSend(account);
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<SendOutcome | null>(null);
  const run: Run = async (label, build) => {
    setBusy(true);
    try {
      const out = await send(label, await build());
      setLast(out);
      return out.ok;
    } catch (e) {
      setLast({ ok: false, kind: 'other', message: e instanceof Error ? e.message : String(e) });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return <View run={run} busy={busy} last={last} you={address(account.address)} />;
}

export function HouseholdPage() {
  const { account } = useApp();
  if (!account) return <View run={null} busy={false} last={null} you={null} />;
  return <Connected key={account.address} account={account} />;
}
