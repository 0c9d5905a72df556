// One community: its fund value, share price and shares, the connected wallet's position, its
// impact and its projects.
import { Link } from 'react-router';
import { address } from '@solana/kit';
import type { Community } from '@sourceenergy/client/community';
import { fmtAmount, fmtBps, fmtCo2, fmtKw, fmtKwh, fmtSharePrice } from '@sourceenergy/client';
import type { Decoded } from '../../../shared/chain/accounts';
import { useApp } from '../../../shared/context';
import { fmtDate } from '../../../shared/format';
import { claimableRewards, fundValue, sharePrice, valueOfShares } from '../../../shared/math/fund';
import { Addr, ReadError, Stat, TableScroll } from '../../../shared/ui/ui';
import { projectsOf, type CommunitiesState } from '../data-access/communities';
import { useHoldingsQuery } from '../data-access/queries';

function YourPosition({ s, community }: { s: CommunitiesState; community: Decoded<Community> }) {
  const { account } = useApp();
  const wallet = account ? address(account.address) : null;
  const q = useHoldingsQuery(community.address, wallet);
  if (!wallet) return null;
  const c = community.data;
  return (
    <section className="card" data-testid="your-position">
      <h2 className="mb-3 text-base font-semibold">Your position</h2>
      {q.isPending ? (
        <p className="text-sm">Reading…</p>
      ) : q.isError ? (
        <ReadError error={q.error} />
      ) : q.data.length === 0 ? (
        <p className="text-sm text-muted" data-testid="no-position">
          No shares in this community. Members invest from the Member page.
        </p>
      ) : (
        q.data.map(({ holder, position: p }) => (
          <dl key={holder} className="grid grid-cols-2 gap-3 md:grid-cols-5" data-testid={`position-${holder}`}>
            <Stat label={holder === 'member' ? 'Shares (member account)' : 'Shares (wallet)'} value={fmtAmount(p.shares)} testId="position-shares" />
            <Stat label="Worth at the share price" value={fmtAmount(valueOfShares(c, p.shares))} testId="position-value" />
            <Stat label="Deposited" value={fmtAmount(p.deposited)} testId="position-deposited" />
            <Stat label="Withdrawn" value={fmtAmount(p.withdrawn)} />
            <Stat label="Rewards claimable" value={fmtAmount(claimableRewards(c, p, s.nodeTime))} testId="position-rewards" />
          </dl>
        ))
      )}
    </section>
  );
}

export function CommunityDetail({ s, community }: { s: CommunitiesState; community: Decoded<Community> }) {
  const c = community.data;
  const projects = projectsOf(s, community.address);
  const streaming = Number(c.streamEnd) > s.nodeTime;
  return (
    <div className="space-y-6" data-testid="community-detail">
      <p className="text-sm">
        <Link className="underline" to="/community">
          ← All communities
        </Link>
      </p>
      <section className="card">
        <h2 className="mb-3 text-base font-semibold">
          Community <Addr a={community.address} testId="community-address" className="text-sm font-normal" />
        </h2>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <Stat label="Fund value" value={fmtAmount(fundValue(c))} testId="community-value" help="Liquid currency plus projects at cost" />
          <Stat label="Share price" value={fmtSharePrice(sharePrice(c))} testId="community-share-price" help="Fund value per share outstanding" />
          <Stat label="Shares outstanding" value={fmtAmount(c.totalShares)} testId="community-shares" />
          <Stat label="Staked shares" value={fmtAmount(c.stakedShares)} testId="community-staked" />
          <Stat label="Liquid" value={fmtAmount(c.liquid)} testId="community-liquid" />
          <Stat label="In projects (at cost)" value={fmtAmount(c.invested)} testId="community-invested" />
          <Stat label="Rewards outstanding" value={fmtAmount(c.rewardsOutstanding)} testId="community-rewards" />
          <Stat label="Revenue received" value={fmtAmount(c.revenueReceived)} testId="community-revenue" />
          <Stat label="Fee to benefit fund" value={fmtBps(c.feeBps)} />
          <div>
            <dt className="stat-label">Manager</dt>
            <dd className="stat-value text-base">
              <Addr a={c.manager} />
            </dd>
          </div>
        </dl>
        <p className="mt-3 text-sm text-muted">
          {streaming
            ? `Revenue streams to staked shares until ${fmtDate(c.streamEnd)}.`
            : 'No revenue streaming to shareholders right now.'}
        </p>
      </section>

      <YourPosition s={s} community={community} />

      <section className="card">
        <h2 className="mb-3 text-base font-semibold">Impact</h2>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-5">
          <Stat label="Energy" value={fmtKwh(c.impact.energyWh)} testId="impact-energy" />
          <Stat label="CO₂ avoided" value={fmtCo2(c.impact.co2AvoidedG)} testId="impact-co2" />
          <Stat label="Members" value={String(c.impact.members)} testId="impact-members" />
          <Stat label="Households" value={String(c.impact.households)} testId="impact-households" />
          <Stat label="Benefit fund" value={fmtAmount(c.benefitFund)} testId="impact-benefit-fund" />
        </dl>
      </section>

      <section className="card">
        <h2 className="mb-3 text-base font-semibold">Projects</h2>
        {projects.length === 0 ? (
          <p className="text-sm text-muted" data-testid="no-projects">No projects yet.</p>
        ) : (
          <TableScroll label="Projects">
            <table className="w-full text-sm" data-testid="community-projects">
              <thead className="text-left text-muted">
                <tr>
                  <th className="py-1 pr-3">Project</th>
                  <th className="py-1 pr-3">Meter</th>
                  <th className="py-1 pr-3">Capacity</th>
                  <th className="py-1 pr-3">Budget</th>
                  <th className="py-1 pr-3">Funded</th>
                  <th className="py-1 pr-3">Funded %</th>
                </tr>
              </thead>
              <tbody>
                {projects.map(({ address, data: p }) => (
                  <tr key={address} className="border-t border-slate-200 dark:border-slate-800" data-testid="project-row" data-address={address}>
                    <td className="py-1 pr-3">
                      <Addr a={address} />
                    </td>
                    <td className="py-1 pr-3">
                      <Addr a={p.meter} what="meter id" />
                    </td>
                    <td className="py-1 pr-3 tabular-nums whitespace-nowrap" data-testid="project-capacity">{fmtKw(p.capacityW)}</td>
                    <td className="py-1 pr-3 tabular-nums" data-testid="project-budget">{fmtAmount(p.capex)}</td>
                    <td className="py-1 pr-3 tabular-nums" data-testid="project-funded">{fmtAmount(p.funded)}</td>
                    <td className="py-1 pr-3 tabular-nums">{p.capex === 0n ? '—' : fmtBps(Number((p.funded * 10_000n) / p.capex))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </div>
  );
}
