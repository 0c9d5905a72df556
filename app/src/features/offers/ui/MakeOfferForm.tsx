// Make an offer: escrow energy credits for currency, or currency for energy credits, at a price per kWh.
import { useState } from 'react';
import type { Address } from '@solana/kit';
import { fmtCurrency, parseAmount } from '@sourceenergy/client';
import type { Transaction } from '../../../shared/transaction/useTransaction';
import { TxError } from '../../../shared/ui/ui';
import { makeOfferIxs } from '../data-access/instructions';
import { offerTotal } from '../data-access/offerMath';
import type { OffersState } from '../data-access/offers';

const MAX_DAYS = 90;

/** What both halves of the offers page work with; they share one transaction (busy state and error line). */
export type OffersSectionProps = { s: OffersState; energyMint: Address; wallet: Address; tx: Transaction };

export function MakeOfferForm({ s, energyMint, wallet, tx }: OffersSectionProps) {
  const [sellEnergy, setSellEnergy] = useState(true);
  const [amount, setAmount] = useState('');
  const [price, setPrice] = useState('');
  const [days, setDays] = useState('7');
  // Amounts in kWh of credits (1 Wh per unit) and currency per kWh (6 decimals).
  const wh = parseAmount(amount, 3);
  const perKwh = parseAmount(price, 6);
  const total = wh !== null && perKwh !== null ? offerTotal(wh, perKwh) : null;
  const daysOk = Number(days) > 0 && Number(days) <= MAX_DAYS;

  const make = () => {
    if (wh === null || total === null || total === 0n) return;
    const [sellMint, buyMint] = sellEnergy ? [energyMint, s.currencyMint] : [s.currencyMint, energyMint];
    const [sellAmount, buyAmount] = sellEnergy ? [wh, total] : [total, wh];
    const expiresAt = BigInt(s.nodeTime + Math.round(Number(days) * 86_400));
    tx.mutate(
      {
        label: 'Make offer',
        instructions: () =>
          makeOfferIxs(wallet, s.traderExists, { sellMint, buyMint, sellAmount, buyAmount, expiresAt, listedMint: energyMint }),
      },
      { onSuccess: () => setAmount('') },
    );
  };

  return (
    // data-focus-group: once listed, focus goes to the cleared amount field (useTransaction).
    <section className="card space-y-3 text-sm" data-focus-group>
      <div className="flex items-center justify-between">
        <h2 className="text-base font-semibold">Make an offer</h2>
        <button type="button" className="btn-secondary py-1" data-testid="offer-direction" onClick={() => setSellEnergy((v) => !v)}>
          {sellEnergy ? 'Sell credits' : 'Buy credits'} <span aria-hidden="true">⇅</span>
        </button>
      </div>
      <label className="block">
        <span className="stat-label">Energy credits (kWh)</span>
        <input className="input mt-1" inputMode="decimal" data-testid="offer-kwh" value={amount} onChange={(e) => setAmount(e.target.value)} />
      </label>
      <label className="block">
        <span className="stat-label">Price (currency per kWh)</span>
        <input className="input mt-1" inputMode="decimal" data-testid="offer-price" value={price} onChange={(e) => setPrice(e.target.value)} />
      </label>
      <label className="block">
        <span className="stat-label">Open for (days, up to 90)</span>
        <input className="input mt-1" inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />
      </label>
      <p data-testid="offer-total">
        {sellEnergy ? 'You receive' : 'You escrow'}: {total === null ? '—' : `${fmtCurrency(total, 6)} currency`}
      </p>
      <button type="button" className="btn w-full" data-testid="offer-make" disabled={tx.isPending || total === null || total === 0n || !daysOk} onClick={make}>
        {sellEnergy ? 'Escrow credits and list' : 'Escrow currency and list'}
      </button>
      <TxError tx={tx} testId="offer-error" />
    </section>
  );
}
