// The grid market's epochs as charts: prices, and energy with revenue.
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
import { EpochStatus, type Epoch } from '@sourceenergy/client/grid-market';

const axis = { stroke: 'currentColor', fontSize: 12 };

export function EpochCharts({ epochs }: { epochs: Epoch[] }) {
  const toPrice = (v: bigint) => Number(v) / 1e6;
  // An open epoch has no prices yet and a partial energy total: shown without them.
  const priceRows = epochs.map((e) => ({
    epoch: Number(e.index),
    grid: e.gridPrice === 0n ? null : toPrice(e.gridPrice),
    market: e.marketPrice === 0n ? null : toPrice(e.marketPrice),
    clearing: e.clearingPrice === 0n ? null : toPrice(e.clearingPrice),
  }));
  const energyRows = epochs.map((e) => ({
    epoch: Number(e.index),
    energy: Number(e.totalWh) / 1000,
    revenue: e.status === EpochStatus.Open || e.status === EpochStatus.Closed ? null : Number(e.revenue) / 1e6,
  }));

  return (
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

  );
}
