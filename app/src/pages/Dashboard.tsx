import { useNow } from '../lib/useNow';
import { useQuery } from '@tanstack/react-query';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { EpochStatus } from '../generated/grid_market';
import { loadDashboard, poolTwap, spotPrice, type Dashboard as DashboardData } from '../lib/chain';
import { useApp } from '../lib/context';
import { fmtBps, fmtCo2, fmtCurrency, fmtDuration, fmtKwh, short } from '../lib/format';

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="card">
      <div className="stat-label">{label}</div>
      <div className="stat-value" data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

function EpochClock({ data }: { data: DashboardData }) {
  const now = useNow();
  if (!data.market) return <Stat label="Current epoch" value="no grid market" testId="epoch-index" />;
  // The node's clock (block time) may run ahead of the wall clock after time travel.
  const t = now + Math.max(0, data.clockSkew);
  const len = data.market.epochLengthSecs;
  const genesis = Number(data.market.genesis);
  const index = Math.max(0, Math.floor((t - genesis) / len));
  const end = genesis + (index + 1) * len;
  return (
    <div className="card">
      <div className="stat-label">Current epoch</div>
      <div className="stat-value" data-testid="epoch-index">
        #{index}
      </div>
      <div className="text-sm text-slate-500 dark:text-slate-400" data-testid="epoch-countdown">
        ends in {fmtDuration(end - t)}
      </div>
    </div>
  );
}

const axis = { stroke: 'currentColor', fontSize: 12 };

export function Dashboard() {
  const { rpc, cluster } = useApp();
  const q = useQuery({
    queryKey: ['dashboard', cluster.rpcUrl],
    queryFn: () => loadDashboard(rpc),
    refetchInterval: 5_000,
  });

  if (q.isPending) return <p className="p-4">Reading the chain…</p>;
  if (q.isError) {
    return (
      <div className="card border-red-300 dark:border-red-800" role="alert">
        <p className="font-medium">Cannot read {cluster.rpcUrl}</p>
        <p className="text-sm text-slate-500">{q.error instanceof Error ? q.error.message : String(q.error)}</p>
      </div>
    );
  }
  const d = q.data;
  const toPrice = (v: bigint) => Number(v) / 1e6;
  // An open epoch has no prices yet and a partial energy total: shown without them.
  const priceRows = d.epochs.map((e) => ({
    epoch: Number(e.index),
    grid: e.gridPrice === 0n ? null : toPrice(e.gridPrice),
    market: e.marketPrice === 0n ? null : toPrice(e.marketPrice),
    clearing: e.clearingPrice === 0n ? null : toPrice(e.clearingPrice),
  }));
  const energyRows = d.epochs.map((e) => ({
    epoch: Number(e.index),
    energy: Number(e.totalWh) / 1000,
    revenue: e.status === EpochStatus.Open || e.status === EpochStatus.Closed ? null : Number(e.revenue) / 1e6,
  }));

  return (
    <div className="space-y-6" data-testid="dashboard">
      <section className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <EpochClock data={d} />
        <Stat
          label="Savings rate"
          value={d.policy ? `${fmtBps(d.policy.params.savingsRateBps)} a year` : '—'}
          testId="savings-rate"
        />
        <Stat
          label="Currency supply"
          value={d.currencySupply === null ? '—' : fmtCurrency(d.currencySupply)}
          testId="currency-supply"
        />
        <Stat label="Carbon retired" value={d.carbon ? fmtCo2(d.carbon.retiredG) : '—'} testId="carbon-retired" />
      </section>

      <section className="card">
        <h2 className="mb-3 text-base font-semibold">Central bank reserve</h2>
        {d.reserve ? (
          <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
            <div>
              <dt className="stat-label">Collateral held</dt>
              <dd className="stat-value" data-testid="reserve-collateral">{fmtCurrency(d.reserve.collateralHeld)}</dd>
            </div>
            <div>
              <dt className="stat-label">Surplus</dt>
              <dd className="stat-value">{d.surplus === null ? '—' : fmtCurrency(d.surplus)}</dd>
            </div>
            <div>
              <dt className="stat-label">Issued (unbacked)</dt>
              <dd className="stat-value">{fmtCurrency(d.reserve.issuedOutstanding)}</dd>
            </div>
            <div>
              <dt className="stat-label">Interest paid</dt>
              <dd className="stat-value">{fmtCurrency(d.reserve.interestPaid)}</dd>
            </div>
          </dl>
        ) : (
          <p className="text-sm text-slate-500">No central bank on this cluster yet.</p>
        )}
      </section>

      <section className="grid gap-6 lg:grid-cols-2">
        <div className="card">
          <h2 className="mb-3 text-base font-semibold">Price per epoch (currency / kWh)</h2>
          {priceRows.length === 0 ? (
            <p className="text-sm text-slate-500" data-testid="no-epochs">No epochs yet.</p>
          ) : (
            <div className="h-64" data-testid="price-chart">
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={priceRows}>
                  <CartesianGrid strokeOpacity={0.2} />
                  <XAxis dataKey="epoch" tick={axis} />
                  <YAxis tick={axis} width={48} />
                  <Tooltip contentStyle={{ color: '#0f172a' }} />
                  <Legend />
                  <Line type="monotone" dataKey="grid" stroke="#0ea5e9" dot={false} isAnimationActive={false} connectNulls />
                  <Line type="monotone" dataKey="market" stroke="#f59e0b" dot={false} isAnimationActive={false} connectNulls />
                  <Line type="monotone" dataKey="clearing" stroke="#10b981" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
                </LineChart>
              </ResponsiveContainer>
            </div>
          )}
        </div>
        <div className="card">
          <h2 className="mb-3 text-base font-semibold">Energy (kWh) and revenue per epoch</h2>
          {energyRows.length === 0 ? (
            <p className="text-sm text-slate-500">No epochs yet.</p>
          ) : (
            <div className="h-64" data-testid="energy-chart">
              <ResponsiveContainer width="100%" height="100%">
                <ComposedChart data={energyRows}>
                  <CartesianGrid strokeOpacity={0.2} />
                  <XAxis dataKey="epoch" tick={axis} />
                  <YAxis yAxisId="e" tick={axis} width={48} />
                  <YAxis yAxisId="r" orientation="right" tick={axis} width={48} />
                  <Tooltip contentStyle={{ color: '#0f172a' }} />
                  <Legend />
                  <Bar yAxisId="e" dataKey="energy" name="energy (kWh)" fill="#10b981" isAnimationActive={false} />
                  <Line yAxisId="r" dataKey="revenue" name="revenue" stroke="#6366f1" dot={false} isAnimationActive={false} connectNulls />
                </ComposedChart>
              </ResponsiveContainer>
            </div>
          )}
        </div>
      </section>

      <section className="card overflow-x-auto">
        <h2 className="mb-3 text-base font-semibold">Pools</h2>
        {d.pools.length === 0 ? (
          <p className="text-sm text-slate-500" data-testid="no-pools">No pools yet.</p>
        ) : (
          <table className="w-full text-sm" data-testid="pools">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="py-1 pr-3">Asset</th>
                <th className="py-1 pr-3">Asset reserve</th>
                <th className="py-1 pr-3">Currency reserve</th>
                <th className="py-1 pr-3">Price (currency / kWh)</th>
                <th className="py-1 pr-3">TWAP</th>
              </tr>
            </thead>
            <tbody>
              {d.pools.map(({ address, data: p }) => {
                const twap = poolTwap(p);
                const energy = d.market !== null && p.assetMint === d.market.energyCreditMint;
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
        )}
      </section>

      <section className="card overflow-x-auto">
        <h2 className="mb-3 text-base font-semibold">Communities' impact</h2>
        {d.communities.length === 0 ? (
          <p className="text-sm text-slate-500" data-testid="no-communities">No communities yet.</p>
        ) : (
          <table className="w-full text-sm" data-testid="communities">
            <thead className="text-left text-slate-500">
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
              {d.communities.map(({ address, data: c }) => (
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
        )}
      </section>
    </div>
  );
}
