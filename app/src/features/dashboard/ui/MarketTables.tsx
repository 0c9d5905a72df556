// The dashboard's tables: the marketplace's pools and the communities' impact.
import { TableScroll } from '../../../shared/ui/ui';
import type { Community } from '@sourceenergy/client/community';
import type { Market } from '@sourceenergy/client/grid-market';
import type { Pool } from '@sourceenergy/client/marketplace';
import { fmtCo2, fmtCurrency, fmtKwh } from '@sourceenergy/client';
import type { Decoded } from '../../../shared/chain/accounts';
import { short } from '../../../shared/format';
import { poolTwap, spotPrice } from '../data-access/marketMath';

export function PoolsTable({ pools, market }: { pools: Decoded<Pool>[]; market: Market | null }) {
  return (
    <section className="card">
      <h2 className="mb-3 text-base font-semibold">Pools</h2>
      {pools.length === 0 ? (
        <p className="text-sm text-muted" data-testid="no-pools">No pools yet.</p>
      ) : (
        <TableScroll label="Pools">
<table className="w-full text-sm" data-testid="pools">
          <thead className="text-left text-muted">
            <tr>
              <th className="py-1 pr-3">Asset</th>
              <th className="py-1 pr-3">Asset reserve</th>
              <th className="py-1 pr-3">Currency reserve</th>
              <th className="py-1 pr-3">Price (currency / kWh)</th>
              <th className="py-1 pr-3">TWAP</th>
            </tr>
          </thead>
          <tbody>
            {pools.map(({ address, data: p }) => {
              const twap = poolTwap(p);
              const energy = market !== null && p.assetMint === market.energyCreditMint;
              // Base units: currency 10^-6, energy credits 1 Wh; prices shown per kWh.
              const perKwh = (v: number) => ((v * 1000) / 1e6).toFixed(4);
              return (
                <tr key={address} className="border-t border-slate-200 dark:border-slate-800">
                  <td className="py-1 pr-3">
                    {energy ? 'Energy credits' : <span className="font-mono">{short(p.assetMint)}</span>}
                  </td>
                  <td className="py-1 pr-3 tabular-nums">
                    {energy ? fmtKwh(p.assetReserve) : p.assetReserve.toLocaleString()}
                  </td>
                  <td className="py-1 pr-3 tabular-nums">{fmtCurrency(p.currencyReserve)}</td>
                  <td className="py-1 pr-3 tabular-nums" data-testid="pool-price">{perKwh(spotPrice(p))}</td>
                  <td className="py-1 pr-3 tabular-nums">{twap === null ? '—' : perKwh(twap)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
</TableScroll>
      )}
    </section>

  );
}

export function CommunitiesTable({ communities }: { communities: Decoded<Community>[] }) {
  return (
    <section className="card">
      <h2 className="mb-3 text-base font-semibold">Communities' impact</h2>
      {communities.length === 0 ? (
        <p className="text-sm text-muted" data-testid="no-communities">No communities yet.</p>
      ) : (
        <TableScroll label="Communities' impact">
<table className="w-full text-sm" data-testid="communities">
          <thead className="text-left text-muted">
            <tr>
              <th className="py-1 pr-3">Community</th>
              <th className="py-1 pr-3">Energy</th>
              <th className="py-1 pr-3">CO₂ avoided</th>
              <th className="py-1 pr-3">Members</th>
              <th className="py-1 pr-3">Households</th>
              <th className="py-1 pr-3">Fund</th>
            </tr>
          </thead>
          <tbody>
            {communities.map(({ address, data: c }) => (
              <tr key={address} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-1 pr-3 font-mono">{short(address)}</td>
                <td className="py-1 pr-3 tabular-nums">{fmtKwh(c.impact.energyWh)}</td>
                <td className="py-1 pr-3 tabular-nums">{fmtCo2(c.impact.co2AvoidedG)}</td>
                <td className="py-1 pr-3 tabular-nums">{c.impact.members}</td>
                <td className="py-1 pr-3 tabular-nums">{c.impact.households}</td>
                <td className="py-1 pr-3 tabular-nums">{fmtCurrency(c.liquid + c.invested)}</td>
              </tr>
            ))}
          </tbody>
        </table>
</TableScroll>
      )}
    </section>
  );
}
