// The public dashboard: the epoch clock and headline figures, the central bank's reserve, the
// epochs' charts, the pools and the communities' impact.
import { fmtBps, fmtCo2, fmtCurrency } from '@sourceenergy/client';
import { useApp } from '../../../shared/context';
import { fmtDuration } from '../../../shared/format';
import { useNow } from '../../../shared/ui/useNow';
import type { DashboardState } from '../data-access/dashboard';
import { epochAt } from '../data-access/marketMath';
import { useDashboardQuery } from '../data-access/queries';
import { EpochCharts } from './EpochCharts';
import { CommunitiesTable, PoolsTable } from './MarketTables';

function StatCard({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="card">
      <div className="stat-label">{label}</div>
      <div className="stat-value" data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

function EpochClock({ data }: { data: DashboardState }) {
  const now = useNow();
  if (!data.market) return <StatCard label="Current epoch" value="no grid market" testId="epoch-index" />;
  // The node's clock (block time) may run ahead of the wall clock after time travel.
  const t = now + Math.max(0, data.clockSkew);
  const { index, end } = epochAt(data.market, t);
  return (
    <div className="card">
      <div className="stat-label">Current epoch</div>
      <div className="stat-value" data-testid="epoch-index">
        #{index}
      </div>
      <div className="text-sm text-muted" data-testid="epoch-countdown">
        ends in {fmtDuration(end - t)}
      </div>
    </div>
  );
}

export function DashboardPage() {
  const { cluster } = useApp();
  const q = useDashboardQuery();

  if (q.isPending) return <p className="p-4">Reading the chain…</p>;
  if (q.isError) {
    return (
      <div className="card border-red-300 dark:border-red-800" role="alert">
        <p className="font-medium">Cannot read {cluster.rpcUrl}</p>
        <p className="text-sm text-muted">{q.error instanceof Error ? q.error.message : String(q.error)}</p>
      </div>
    );
  }
  const d = q.data;
  return (
    <div className="space-y-6" data-testid="dashboard">
      <section className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <EpochClock data={d} />
        <StatCard
          label="Savings rate"
          value={d.policy ? `${fmtBps(d.policy.params.savingsRateBps)} a year` : '—'}
          testId="savings-rate"
        />
        <StatCard
          label="Currency supply"
          value={d.currencySupply === null ? '—' : fmtCurrency(d.currencySupply)}
          testId="currency-supply"
        />
        <StatCard label="Carbon retired" value={d.carbon ? fmtCo2(d.carbon.retiredG) : '—'} testId="carbon-retired" />
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
          <p className="text-sm text-muted">No central bank on this cluster yet.</p>
        )}
      </section>

      <EpochCharts epochs={d.epochs} />
      <PoolsTable pools={d.pools} market={d.market} />
      <CommunitiesTable communities={d.communities} />
    </div>
  );
}
