// One household trust for its trustees: its figures and trustees, the family ledger, the next
// distribution and investing its contributions.
import { useState } from 'react';
import { Link } from 'react-router';
import type { Address } from '@solana/kit';
import { fmtAmount, fmtBps, fmtKwh, parseAmount } from '@sourceenergy/client';
import { DEFAULT_ADDRESS } from '../../../shared/chain/accounts';
import { fmtDate, short } from '../../../shared/format';
import { valueOfShares } from '../../../shared/math/fund';
import type { Transaction } from '../../../shared/transaction/useTransaction';
import { Addr, CopyButton, Stat, TableScroll } from '../../../shared/ui/ui';
import { planDistribution } from '../data-access/distribution';
import { distributeIxs, investCapitalIx } from '../data-access/instructions';
import { ledgersOf, trusteesOf, type TrustState } from '../data-access/trust';

export function TrustView({ t, you, tx }: { t: TrustState; you: Address | null; tx: Transaction | null }) {
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
  const pending = tx?.isPending ?? false;

  return (
    <div className="space-y-6">
      <section className="card">
        <h2 className="mb-3 text-base font-semibold">
          Trust <Addr a={t.address} testId="household-address" className="text-sm font-normal" />
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
                <span className="inline-flex items-center gap-1 text-base">
                  <Link className="font-mono underline" to={`/community/${h.community}`}>
                    {short(h.community)}
                  </Link>
                  <CopyButton value={h.community} what="community address" />
                </span>
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
              <Addr a={a} you={you} />
            </li>
          ))}
        </ul>
      </section>

      <section className="card">
        <h2 className="mb-3 text-base font-semibold">Family ledger</h2>
        <TableScroll label="Family ledger">
          <table className="w-full text-sm" data-testid="household-ledger">
            <thead className="text-left text-muted">
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
                    <Addr a={l.wallet} you={you} />
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
        </TableScroll>
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
          <p className="text-muted">
            Collects the trust’s community rewards, then shares its income out: members claim their share from
            their Member page. The program lets anyone run it; amounts are as of the node’s clock and grow while
            rewards stream.
          </p>
          {tx ? (
            <button type="button" className="btn w-full" data-testid="household-distribute" disabled={pending || !canDistribute} onClick={() => tx.mutate({ label: 'Distribute', instructions: () => distributeIxs(t) })}>
              {canDistribute ? 'Collect and distribute' : 'Nothing to distribute yet'}
            </button>
          ) : (
            <p data-testid="connect-first">Connect a wallet to run a distribution.</p>
          )}
        </div>

        <div className="card space-y-3 text-sm">
          <h2 className="text-base font-semibold">Invest contributions</h2>
          <p className="text-muted">
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
            disabled={pending || !tx || !isTrustee || h.threshold > 1 || !hasCommunity || invest === null || invest > h.capital}
            onClick={() => {
              if (invest === null || you === null || !tx) return;
              tx.mutate(
                { label: 'Invest contributions', instructions: async () => [await investCapitalIx(t, [you], invest)] },
                { onSuccess: () => setAmount('') },
              );
            }}
          >
            Invest in the community
          </button>
        </div>
      </section>
    </div>
  );
}
