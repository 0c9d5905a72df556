// Every community fund, with its value, share price and impact.
import { CopyButton, TableScroll } from '../../../shared/ui/ui';
import { Link } from 'react-router';
import { fmtAmount, fmtCo2, fmtKwh, fmtSharePrice } from '@sourceenergy/client';
import { short } from '../../../shared/format';
import { fundValue, sharePrice } from '../../../shared/math/fund';
import type { CommunitiesState } from '../data-access/communities';

export function CommunityList({ s }: { s: CommunitiesState }) {
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
      <TableScroll label="Communities">
        <table className="w-full text-sm" data-testid="community-list">
          <thead className="text-left text-muted">
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
                  <span className="inline-flex items-center gap-1 whitespace-nowrap">
                    <Link className="font-mono underline" to={`/community/${address}`}>
                      {short(address)}
                    </Link>
                    <CopyButton value={address} what="community address" />
                  </span>
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
      </TableScroll>
    </section>
  );
}
