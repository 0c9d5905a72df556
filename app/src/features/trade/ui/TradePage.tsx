// Swap the currency for a pool's asset (energy credits) or back, with the program's own quote,
// a slippage limit or a minimum of the user's.
import { useState } from 'react';
import type { UiWalletAccount } from '@wallet-standard/react';
import { address } from '@solana/kit';
import { fmtCurrency, fmtKwh, parseAmount } from '@sourceenergy/client';
import { short } from '../../../shared/format';
import { FALLBACK_POLL_MS, pollInterval } from '../../../shared/query/livePolicy';
import { isSending } from '../../../shared/transaction/useTransaction';
import { ConnectFirst, ReadError, TxError, WalletGate } from '../../../shared/ui/ui';
import { swapIxs } from '../data-access/instructions';
import { useTradeMutation } from '../data-access/mutations';
import { useTradeLive, useTradeQuery } from '../data-access/queries';
import { minimumReceived, quoteSwap } from '../data-access/swapQuote';

const SLIPPAGES = [50, 100, 300];

function Swap({ account }: { account: UiWalletAccount }) {
  const wallet = address(account.address);
  const tx = useTradeMutation(account);
  const [buy, setBuy] = useState(true);
  const [text, setText] = useState('');
  const [slippageBps, setSlippageBps] = useState(100);
  const [minOverride, setMinOverride] = useState('');
  const [pollMs, setPollMs] = useState(FALLBACK_POLL_MS);
  const q = useTradeQuery(wallet, pollMs);
  // The wallet's balances and the pools' reserves update from account subscriptions.
  const live = useTradeLive(wallet, q.data);
  if (pollInterval(live) !== pollMs) setPollMs(pollInterval(live));
  if (q.isPending) return <p>Reading pools…</p>;
  if (q.isError) return <ReadError error={q.error} />;
  const s = q.data;
  const entry = s.pools[0];
  if (!entry) return <div className="card" data-testid="no-pools">No pools on this cluster yet.</div>;
  const pool = entry.data;
  const isEnergy = pool.assetMint === s.energyMint;
  const assetName = isEnergy ? 'energy credits' : short(pool.assetMint);
  // Energy credits: 1 base unit = 1 Wh, entered in kWh; currency: 6 decimals.
  const assetDecimals = isEnergy ? 3 : 0;
  const inDecimals = buy ? 6 : assetDecimals;
  const amountIn = parseAmount(text, inDecimals);
  const quote = amountIn === null ? null : quoteSwap(pool, buy, amountIn, s.feeBps);
  const fmtOut = (v: bigint) => (buy ? (isEnergy ? fmtKwh(v) : v.toLocaleString()) : fmtCurrency(v));
  const autoMin = quote ? minimumReceived(quote.amountOut, slippageBps) : null;
  const override = minOverride.trim() === '' ? null : parseAmount(minOverride, buy ? assetDecimals : 6);
  const minimumOut = override ?? autoMin;
  const have = buy ? s.currency : (s.assets[pool.assetMint] ?? 0n);

  const submit = () => {
    if (amountIn === null || minimumOut === null) return;
    tx.mutate(
      { label: 'Swap', instructions: () => swapIxs(wallet, s.traderExists, entry, buy, amountIn, minimumOut) },
      { onSuccess: () => setText('') },
    );
  };

  return (
    <div className="mx-auto max-w-md space-y-4">
      {/* data-focus-group: after a swap, focus goes to the cleared amount field (useTransaction). */}
      <section className="card space-y-4" data-focus-group>
        <div className="flex items-center justify-between">
          <h2 className="text-base font-semibold">Swap</h2>
          <button type="button" className="btn-secondary py-1" data-testid="swap-direction" onClick={() => setBuy((b) => !b)}>
            {buy ? `Buy ${assetName}` : `Sell ${assetName}`} <span aria-hidden="true">⇅</span>
          </button>
        </div>
        <label className="block text-sm">
          <span className="stat-label">You pay ({buy ? 'currency' : isEnergy ? 'kWh of credits' : assetName})</span>
          <input
            className="input mt-1"
            inputMode="decimal"
            placeholder="0.0"
            data-testid="swap-amount"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <span className="text-xs text-muted" data-testid="swap-balance">
            Balance: {buy ? fmtCurrency(have) : isEnergy ? fmtKwh(have) : have.toLocaleString()}
          </span>
        </label>
        <div className="text-sm">
          <span className="stat-label" id="slippage-label">
            Slippage
          </span>
          {/* The chosen limit is announced as pressed, not only shown by its ring. */}
          <div className="mt-1 flex gap-2" role="group" aria-labelledby="slippage-label">
            {SLIPPAGES.map((bps) => (
              <button
                key={bps}
                type="button"
                aria-pressed={bps === slippageBps}
                className={`btn-secondary py-1 ${bps === slippageBps ? 'ring-2 ring-emerald-600' : ''}`}
                onClick={() => setSlippageBps(bps)}
              >
                {bps / 100}%
              </button>
            ))}
          </div>
        </div>
        <dl className="text-sm">
          <div className="flex justify-between py-1">
            <dt className="text-muted">You receive (expected)</dt>
            <dd data-testid="swap-expected">{quote ? fmtOut(quote.amountOut) : '—'}</dd>
          </div>
          <div className="flex justify-between py-1">
            <dt className="text-muted">Minimum received</dt>
            <dd data-testid="swap-minimum">{minimumOut !== null ? fmtOut(minimumOut) : '—'}</dd>
          </div>
          <div className="flex justify-between py-1">
            <dt className="text-muted">Price impact</dt>
            <dd data-testid="swap-impact" className={quote && quote.priceImpact > 0.05 ? 'text-amber-700 dark:text-amber-400' : ''}>
              {quote ? `${(quote.priceImpact * 100).toFixed(2)}%` : '—'}
            </dd>
          </div>
          <div className="flex justify-between py-1">
            <dt className="text-muted">Fees (LP {pool.lpFeeBps / 100}%, protocol {s.feeBps / 100}%)</dt>
            <dd>{quote ? (buy ? fmtCurrency(quote.lpFee + quote.protocolFee, 6) : `${fmtCurrency(quote.protocolFee, 6)} + LP`) : '—'}</dd>
          </div>
        </dl>
        <details className="text-sm">
          <summary className="cursor-pointer text-muted">Set the minimum yourself</summary>
          <input
            className="input mt-2"
            inputMode="decimal"
            placeholder={buy ? (isEnergy ? 'kWh' : 'units') : 'currency'}
            aria-label="Minimum received"
            data-testid="swap-min-override"
            value={minOverride}
            onChange={(e) => setMinOverride(e.target.value)}
          />
        </details>
        <button
          type="button"
          className="btn w-full"
          data-testid="swap-submit"
          disabled={tx.isPending || quote === null || minimumOut === null || amountIn === null || amountIn > have}
          onClick={submit}
        >
          {isSending(tx, 'Swap') ? 'Working…' : amountIn !== null && amountIn > have ? 'Not enough balance' : 'Swap'}
        </button>
        <TxError tx={tx} testId="swap-error" className="text-sm" />
      </section>
      <p className="text-center text-xs text-muted">
        Pool {short(entry.address)}: {isEnergy ? fmtKwh(pool.assetReserve) : pool.assetReserve.toLocaleString()} /{' '}
        {fmtCurrency(pool.currencyReserve)} currency
      </p>
    </div>
  );
}

export function TradePage() {
  return (
    <WalletGate fallback={<ConnectFirst>Connect a wallet to trade.</ConnectFirst>}>
      {(account) => <Swap account={account} />}
    </WalletGate>
  );
}
