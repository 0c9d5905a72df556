// The grid market's epochs as charts: prices, and energy with revenue. A chart is a picture to a
// screen reader and its tooltips need a pointer, so each one has its numbers, with their units,
// in a table behind a disclosure (keyboard and screen reader reach it; the chart itself is hidden
// from assistive technology and is no Tab stop).
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
import { TableScroll } from '../../../shared/ui/ui';

const axis = { stroke: 'currentColor', fontSize: 12 };

const fmt = (v: number | null, digits: number) =>
  v === null ? '—' : v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A chart's numbers as a table: a header row (with units) and one row per epoch. */
function ChartTable({ caption, testId, head, rows }: { caption: string; testId: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer text-muted">Show the numbers as a table</summary>
      <TableScroll label={caption} className="mt-2 max-h-64 overflow-y-auto">
        <table className="w-full" data-testid={testId}>
          <caption className="sr-only">{caption}</caption>
          <thead className="text-left text-muted">
            <tr>
              {head.map((h) => (
                <th key={h} scope="col" className="py-1 pr-3">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([epoch, ...cells]) => (
              <tr key={epoch} className="border-t border-slate-200 dark:border-slate-800">
                <th scope="row" className="py-1 pr-3 text-left font-normal tabular-nums">
                  #{epoch}
                </th>
                {cells.map((c, i) => (
                  <td key={i} className="py-1 pr-3 tabular-nums">
                    {c}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </details>
  );
}

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
          <p className="text-sm text-muted" data-testid="no-epochs">No epochs yet.</p>
        ) : (
          <div className="h-64" data-testid="price-chart" aria-hidden="true">
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={priceRows} accessibilityLayer={false}>
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
        {priceRows.length > 0 ? (
          <ChartTable
            caption="Price per epoch, currency per kWh"
            testId="price-table"
            head={['Epoch', 'Grid (currency / kWh)', 'Market (currency / kWh)', 'Clearing (currency / kWh)']}
            rows={priceRows.map((r) => [r.epoch, fmt(r.grid, 4), fmt(r.market, 4), fmt(r.clearing, 4)])}
          />
        ) : null}
      </div>
      <div className="card">
        <h2 className="mb-3 text-base font-semibold">Energy (kWh) and revenue per epoch</h2>
        {energyRows.length === 0 ? (
          <p className="text-sm text-muted">No epochs yet.</p>
        ) : (
          <div className="h-64" data-testid="energy-chart" aria-hidden="true">
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart data={energyRows} accessibilityLayer={false}>
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
        {energyRows.length > 0 ? (
          <ChartTable
            caption="Energy and revenue per epoch"
            testId="energy-table"
            head={['Epoch', 'Energy (kWh)', 'Revenue (currency)']}
            rows={energyRows.map((r) => [r.epoch, fmt(r.energy, 3), r.revenue === null ? 'not settled' : fmt(r.revenue, 2)])}
          />
        ) : null}
      </div>
    </section>

  );
}
