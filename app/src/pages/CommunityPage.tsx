// Community funds: the list, and one community's fund value, share price, projects and impact.
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { address as toAddress, type Address } from '@solana/kit';
import type { Community } from '../generated/community';
import type { Decoded } from '../lib/chain';
import {
  fundValue,
  claimableRewards,
  loadCommunities,
  loadHoldings,
  valueOfShares,
  projectsOf,
  sharePrice,
  type CommunitiesState,
} from '../lib/community';
import { useApp } from '../lib/context';
import { fmtAmount, fmtBps, fmtCo2, fmtDate, fmtKw, fmtKwh, fmtSharePrice, short } from '../lib/format';
import { Stat } from '../components/ui';

function List({ s }: { s: CommunitiesState }) {
  if (s.communities.length === 0) {
    return (
      <div className="card" data-testid="no-communities">
        No communities yet.
      </div>
    );
  }
  return (
    <section className="card">
      <h2 className="mb-3 text-base font-semibold">Communities</h2>
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="community-list">
          <thead className="text-left text-slate-500">
            <tr>
              <th className="py-1 pr-3">Community</th>
              <th className="py-1 pr-3">Fund value</th>
              <th className="py-1 pr-3">Share price</th>
              <th className="py-1 pr-3">Projects</th>
              <th className="py-1 pr-3">Energy</th>
              <th className="py-1 pr-3">CO₂ avoided</th>
              <th className="py-1 pr-3">Members</th>
              <th className="py-1 pr-3">Benefit fund</th>
            </tr>
          </thead>
          <tbody>
            {s.communities.map(({ address, data: c }) => (
              <tr key={address} className="border-t border-slate-200 dark:border-slate-800" data-testid="community-row" data-address={address}>
                <td className="py-1 pr-3">
                  <Link className="font-mono underline" to={`/community/${address}`} title={address}>
                    {short(address)}
                  </Link>
                </td>
                <td className="py-1 pr-3 tabular-nums" data-testid="row-value">{fmtAmount(fundValue(c))}</td>
                <td className="py-1 pr-3 tabular-nums" data-testid="row-price">{fmtSharePrice(sharePrice(c))}</td>
                <td className="py-1 pr-3 tabular-nums">{c.projects}</td>
                <td className="py-1 pr-3 tabular-nums whitespace-nowrap">{fmtKwh(c.impact.energyWh)}</td>
                <td className="py-1 pr-3 tabular-nums whitespace-nowrap">{fmtCo2(c.impact.co2AvoidedG)}</td>
                <td className="py-1 pr-3 tabular-nums">{c.impact.members}</td>
                <td className="py-1 pr-3 tabular-nums">{fmtAmount(c.benefitFund)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function YourPosition({ s, community }: { s: CommunitiesState; community: Decoded<Community> }) {
  const { rpc, cluster, account } = useApp();
  const wallet = account ? toAddress(account.address) : null;
  const q = useQuery({
    queryKey: ['community-holdings', cluster.rpcUrl, community.address, wallet],
    queryFn: () => loadHoldings(rpc, community.address, wallet!),
    enabled: wallet !== null,
    refetchInterval: 5_000,
  });
  if (!wallet) return null;
  const c = community.data;
  return (
    <section className="card" data-testid="your-position">
      <h2 className="mb-3 text-base font-semibold">Your position</h2>
      {q.isPending ? (
        <p className="text-sm">Reading…</p>
      ) : q.isError ? (
        <p role="alert">Cannot read the chain: {String(q.error)}</p>
      ) : q.data.length === 0 ? (
        <p className="text-sm text-slate-500" data-testid="no-position">
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

function Detail({ s, community }: { s: CommunitiesState; community: Decoded<Community> }) {
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
          Community <span className="font-mono text-sm" title={community.address} data-testid="community-address">{short(community.address)}</span>
        </h2>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <Stat label="Fund value" value={fmtAmount(fundValue(c))} testId="community-value" title="Liquid currency plus projects at cost" />
          <Stat label="Share price" value={fmtSharePrice(sharePrice(c))} testId="community-share-price" title="Fund value per share outstanding" />
          <Stat label="Shares outstanding" value={fmtAmount(c.totalShares)} testId="community-shares" />
          <Stat label="Staked shares" value={fmtAmount(c.stakedShares)} testId="community-staked" />
          <Stat label="Liquid" value={fmtAmount(c.liquid)} testId="community-liquid" />
          <Stat label="In projects (at cost)" value={fmtAmount(c.invested)} testId="community-invested" />
          <Stat label="Rewards outstanding" value={fmtAmount(c.rewardsOutstanding)} testId="community-rewards" />
          <Stat label="Revenue received" value={fmtAmount(c.revenueReceived)} testId="community-revenue" />
          <Stat label="Fee to benefit fund" value={fmtBps(c.feeBps)} />
          <div>
            <dt className="stat-label">Manager</dt>
            <dd className="stat-value font-mono text-base" title={c.manager}>
              {short(c.manager)}
            </dd>
          </div>
        </dl>
        <p className="mt-3 text-sm text-slate-500 dark:text-slate-400">
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
          <p className="text-sm text-slate-500" data-testid="no-projects">No projects yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="community-projects">
              <thead className="text-left text-slate-500">
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
                    <td className="py-1 pr-3 font-mono" title={address}>{short(address)}</td>
                    <td className="py-1 pr-3 font-mono" title={p.meter}>{short(p.meter)}</td>
                    <td className="py-1 pr-3 tabular-nums whitespace-nowrap" data-testid="project-capacity">{fmtKw(p.capacityW)}</td>
                    <td className="py-1 pr-3 tabular-nums" data-testid="project-budget">{fmtAmount(p.capex)}</td>
                    <td className="py-1 pr-3 tabular-nums" data-testid="project-funded">{fmtAmount(p.funded)}</td>
                    <td className="py-1 pr-3 tabular-nums">{p.capex === 0n ? '—' : fmtBps(Number((p.funded * 10_000n) / p.capex))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

export function CommunityPage() {
  const { rpc, cluster } = useApp();
  const { address } = useParams();
  const q = useQuery({
    queryKey: ['communities', cluster.rpcUrl],
    queryFn: () => loadCommunities(rpc),
    refetchInterval: 5_000,
  });
  if (q.isPending) return <p className="p-4">Reading communities…</p>;
  if (q.isError) return <p role="alert">Cannot read the chain: {String(q.error)}</p>;
  if (!address) return <List s={q.data} />;
  const community = q.data.communities.find((c) => c.address === (address as Address));
  if (!community) {
    return (
      <div className="card" data-testid="community-missing">
        No community at {address}. <Link className="underline" to="/community">All communities</Link>
      </div>
    );
  }
  return <Detail s={q.data} community={community} />;
}
