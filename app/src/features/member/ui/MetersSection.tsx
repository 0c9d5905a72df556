// The member's grid-market meters (capacity, last reading, energy produced) and the meter
// revenue of each epoch still held in its contributor record.
import type { Address } from '@solana/kit';
import { EpochStatus } from '@sourceenergy/client/grid-market';
import { fmtCurrency, fmtKw, fmtKwh } from '@sourceenergy/client';
import { fmtDate, short } from '../../../shared/format';
import { Addr, ReadError, TableScroll } from '../../../shared/ui/ui';
import type { EpochRevenue } from '../data-access/meters';
import { useMetersQuery } from '../data-access/queries';

function revenueStatus(r: EpochRevenue): string {
  if (r.claimed) return 'claimed';
  switch (r.status) {
    case EpochStatus.Settled:
      return 'claimable';
    case EpochStatus.Expired:
      return 'expired';
    case EpochStatus.Open:
    case EpochStatus.Closed:
      return 'awaiting settlement';
    default:
      return '—';
  }
}

export function MetersSection({ wallet, member, pollMs }: { wallet: Address; member: Address; pollMs: number }) {
  const q = useMetersQuery(wallet, pollMs);
  return (
    <section className="card min-w-0 md:col-span-2" data-testid="meters-section">
      <h2 className="mb-3 text-base font-semibold">Meters and production</h2>
      {q.isPending ? (
        <p className="text-sm">Reading meters…</p>
      ) : q.isError ? (
        <ReadError error={q.error} what="meters" className="text-sm" />
      ) : q.data.meters.length === 0 ? (
        <p className="text-sm text-muted" data-testid="no-meters">
          No meters registered to you. A meter registrar registers a meter with your member account.
        </p>
      ) : (
        <>
          <TableScroll label="Meters" className="mb-4">
            <table className="w-full text-sm" data-testid="meters">
              <thead className="text-left text-muted">
                <tr>
                  <th className="whitespace-nowrap py-1 pr-3">Meter</th>
                  <th className="whitespace-nowrap py-1 pr-3">Owner</th>
                  <th className="whitespace-nowrap py-1 pr-3 text-right">Capacity</th>
                  <th className="whitespace-nowrap py-1 pr-3 text-right">Produced</th>
                  <th className="whitespace-nowrap py-1 pr-3">Last reading</th>
                  <th className="py-1 text-right">Epoch</th>
                </tr>
              </thead>
              <tbody>
                {q.data.meters.map((m) => (
                  <tr
                    key={m.address}
                    className="border-t border-slate-200 dark:border-slate-800"
                    data-testid={`meter-${m.data.id}`}
                  >
                    <td className="whitespace-nowrap py-1 pr-3">
                      <Addr a={m.data.id} what="meter id" />
                    </td>
                    <td className="whitespace-nowrap py-1 pr-3">
                      {m.data.owner === member ? 'member account' : m.data.owner === wallet ? 'wallet' : short(m.data.owner)}
                    </td>
                    <td className="whitespace-nowrap py-1 pr-3 text-right tabular-nums" data-testid="meter-capacity">
                      {fmtKw(m.data.capacityW)}
                    </td>
                    <td className="whitespace-nowrap py-1 pr-3 text-right tabular-nums" data-testid="meter-produced">
                      {fmtKwh(m.data.lastReadingWh)}
                    </td>
                    <td className="whitespace-nowrap py-1 pr-3" data-testid="meter-last-reading">
                      {m.data.lastEpochPlusOne === 0n ? 'never read' : fmtDate(m.data.lastReadingAt)}
                    </td>
                    <td className="py-1 text-right tabular-nums" data-testid="meter-last-epoch">
                      {m.data.lastEpochPlusOne === 0n ? '—' : `#${m.data.lastEpochPlusOne - 1n}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <h3 className="mb-2 text-sm font-semibold">
            Revenue per epoch <span className="font-normal text-muted">(lifetime energy {fmtKwh(q.data.lifetimeWh)})</span>
          </h3>
          {q.data.revenue.length === 0 ? (
            <p className="text-sm text-muted" data-testid="no-meter-revenue">
              No epoch revenue on record.
            </p>
          ) : (
            <TableScroll label="Revenue per epoch">
              <table className="w-full text-sm" data-testid="meter-revenue">
                <thead className="text-left text-muted">
                  <tr>
                    <th className="whitespace-nowrap py-1 pr-3">Epoch</th>
                    <th className="whitespace-nowrap py-1 pr-3 text-right">Energy</th>
                    <th className="whitespace-nowrap py-1 pr-3 text-right">Clearing price</th>
                    <th className="whitespace-nowrap py-1 pr-3 text-right">Revenue</th>
                    <th className="py-1">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {q.data.revenue.map((r) => (
                    <tr
                      key={`${r.owner}-${r.epoch}`}
                      className="border-t border-slate-200 dark:border-slate-800"
                      data-testid={`meter-revenue-${r.epoch}`}
                    >
                      <td className="py-1 pr-3 tabular-nums">#{r.epoch.toString()}</td>
                      <td className="whitespace-nowrap py-1 pr-3 text-right tabular-nums" data-testid="revenue-energy">
                        {fmtKwh(r.wh)}
                      </td>
                      <td className="whitespace-nowrap py-1 pr-3 text-right tabular-nums">
                        {r.clearingPrice === null ? '—' : `${fmtCurrency(r.clearingPrice, 6)} / kWh`}
                      </td>
                      <td className="whitespace-nowrap py-1 pr-3 text-right tabular-nums" data-testid="revenue-amount">
                        {r.revenue === null ? '—' : fmtCurrency(r.revenue, 6)}
                      </td>
                      <td className="whitespace-nowrap py-1" data-testid="revenue-status">
                        {revenueStatus(r)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </>
      )}
    </section>
  );
}
