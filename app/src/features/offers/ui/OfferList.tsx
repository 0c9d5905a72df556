// The open offers: take part of one, cancel one's own, close an expired one.
import { useState } from 'react';
import type { Address } from '@solana/kit';
import type { Offer } from '@sourceenergy/client/marketplace';
import { fmtCurrency, fmtKwh, parseAmount } from '@sourceenergy/client';
import type { Decoded } from '../../../shared/chain/accounts';
import { fmtDate, short } from '../../../shared/format';
import { closeOfferIxs, takeOfferIxs } from '../data-access/instructions';
import { isExpired } from '../data-access/offerMath';
import type { OffersSectionProps } from './MakeOfferForm';

export function OfferList({ s, energyMint, wallet, tx }: OffersSectionProps) {
  const [takeAmounts, setTakeAmounts] = useState<Record<string, string>>({});
  const isEnergy = (mint: Address) => mint === energyMint;
  const fmtSide = (mint: Address, v: bigint) => (isEnergy(mint) ? fmtKwh(v) : `${fmtCurrency(v)} currency`);

  const take = (o: Decoded<Offer>) => {
    const sell = parseAmount(takeAmounts[o.address] ?? '', isEnergy(o.data.sellMint) ? 3 : 6);
    if (sell === null) return;
    tx.mutate(
      { label: 'Take offer', instructions: () => takeOfferIxs(wallet, s.traderExists, o, sell) },
      { onSuccess: () => setTakeAmounts((m) => ({ ...m, [o.address]: '' })) },
    );
  };
  const cancel = (o: Decoded<Offer>) => tx.mutate({ label: 'Cancel offer', instructions: () => closeOfferIxs(wallet, o) });

  return (
    <section className="card overflow-x-auto lg:col-span-2">
      <h2 className="mb-3 text-base font-semibold">Open offers</h2>
      {s.offers.length === 0 ? (
        <p className="text-sm text-muted" data-testid="no-offers">No offers yet.</p>
      ) : (
        <ul className="space-y-3" data-testid="offers">
          {s.offers.map((o) => {
            const mine = o.data.maker === wallet;
            const expired = isExpired(o.data, s.nodeTime);
            const unit = isEnergy(o.data.sellMint) ? 'kWh' : 'currency';
            return (
              <li key={o.address} className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800" data-testid={`offer-${o.address}`}>
                <div className="flex flex-wrap justify-between gap-2">
                  <span>
                    {mine ? 'You sell' : `${short(o.data.maker)} sells`} <b data-testid="offer-remaining">{fmtSide(o.data.sellMint, o.data.remaining)}</b> of{' '}
                    {fmtSide(o.data.sellMint, o.data.sellTotal)} for {fmtSide(o.data.buyMint, o.data.buyTotal)}
                  </span>
                  <span className="text-muted">{expired ? 'expired' : `until ${fmtDate(o.data.expiresAt)}`}</span>
                </div>
                <div className="mt-2 flex gap-2">
                  {!mine && !expired && o.data.remaining > 0n ? (
                    <>
                      <input
                        className="input"
                        inputMode="decimal"
                        placeholder={`Amount (${unit})`}
                        aria-label="Amount to take"
                        data-testid="offer-take-amount"
                        value={takeAmounts[o.address] ?? ''}
                        onChange={(e) => setTakeAmounts((m) => ({ ...m, [o.address]: e.target.value }))}
                      />
                      <button type="button" className="btn shrink-0" data-testid="offer-take" disabled={tx.isPending} onClick={() => take(o)}>
                        Take
                      </button>
                    </>
                  ) : null}
                  {mine || expired ? (
                    <button type="button" className="btn-secondary" data-testid="offer-cancel" disabled={tx.isPending} onClick={() => cancel(o)}>
                      {mine ? 'Cancel' : 'Close (expired)'}
                    </button>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
