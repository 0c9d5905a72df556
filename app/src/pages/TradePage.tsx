import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { UiWalletAccount } from '@wallet-standard/react';
import { address, createNoopSigner, fetchEncodedAccount, type Address, type Instruction } from '@solana/kit';
import { getCreateAssociatedTokenIdempotentInstruction } from '@solana-program/token';
import { fetchMaybePolicy } from '../generated/central_bank';
import { fetchMaybeMarket } from '../generated/grid_market';
import {
  MARKETPLACE_PROGRAM_ADDRESS,
  POOL_DISCRIMINATOR,
  getOpenTraderInstruction,
  getPoolDecoder,
  getSwapInstruction,
  type Pool,
} from '../generated/marketplace';
import { programAccounts, type Decoded } from '../lib/chain';
import { useApp } from '../lib/context';
import { fmtCurrency, fmtKwh, short } from '../lib/format';
import { parseAmount } from '../lib/actions';
import { pda, TOKEN_2022_PROGRAM_ADDRESS } from '../lib/pda';
import type { AppRpc } from '../lib/rpc';
import { minimumReceived, quoteSwap } from '../lib/swap';
import { useSend, type SendOutcome } from '../lib/useSend';
import { useLiveAccounts } from '../lib/live';
import { FALLBACK_POLL_MS, pollInterval, walletWatchList } from '../lib/livePolicy';

type TradeState = {
  pools: Decoded<Pool>[];
  feeBps: number;
  energyMint: Address | null;
  currencyAccount: Address;
  currency: bigint;
  traderExists: boolean;
  assets: Record<string, { account: Address; balance: bigint }>;
};

async function balance(rpc: AppRpc, account: Address): Promise<bigint> {
  try {
    return BigInt((await rpc.getTokenAccountBalance(account).send()).value.amount);
  } catch {
    return 0n;
  }
}

async function loadTrade(rpc: AppRpc, wallet: Address): Promise<TradeState> {
  const [pools, policy, market, currencyMint, trader] = await Promise.all([
    programAccounts(rpc, MARKETPLACE_PROGRAM_ADDRESS, POOL_DISCRIMINATOR, getPoolDecoder()),
    fetchMaybePolicy(rpc, await pda.policy()),
    fetchMaybeMarket(rpc, await pda.market()),
    pda.currencyMint(),
    pda.trader(wallet),
  ]);
  const currencyAccount = await pda.associatedToken(wallet, currencyMint);
  const assets: TradeState['assets'] = {};
  for (const { data: p } of pools) {
    const account = await pda.associatedToken(wallet, p.assetMint, p.assetTokenProgram);
    assets[p.assetMint] = { account, balance: await balance(rpc, account) };
  }
  return {
    pools,
    feeBps: policy.exists ? policy.data.params.marketplaceFeeBps : 0,
    energyMint: market.exists ? market.data.energyCreditMint : null,
    currencyAccount,
    currency: await balance(rpc, currencyAccount),
    traderExists: (await fetchEncodedAccount(rpc, trader)).exists,
    assets,
  };
}

const SLIPPAGES = [50, 100, 300];

function Swap({ account }: { account: UiWalletAccount }) {
  const { rpc, cluster } = useApp();
  const wallet = address(account.address);
  const send = useSend(account);
  const [buy, setBuy] = useState(true);
  const [text, setText] = useState('');
  const [slippageBps, setSlippageBps] = useState(100);
  const [minOverride, setMinOverride] = useState('');
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<SendOutcome | null>(null);
  const [pollMs, setPollMs] = useState(FALLBACK_POLL_MS);
  const q = useQuery({
    queryKey: ['trade', cluster.rpcUrl, account.address],
    queryFn: () => loadTrade(rpc, wallet),
    refetchInterval: pollMs,
  });
  // The wallet's balances and the pools' reserves update from account subscriptions.
  const pools = (q.data?.pools ?? []).map((p) => p.address);
  const watch = useQuery({
    queryKey: ['watch-list', account.address, ...pools],
    queryFn: () => walletWatchList(wallet, pools),
    staleTime: Infinity,
  });
  const live = useLiveAccounts(watch.data ?? [], ['trade']);
  if (pollInterval(live) !== pollMs) setPollMs(pollInterval(live));
  if (q.isPending) return <p>Reading pools…</p>;
  if (q.isError) return <p role="alert">Cannot read the chain: {String(q.error)}</p>;
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
  const asset = s.assets[pool.assetMint];
  const have = buy ? s.currency : (asset?.balance ?? 0n);

  const submit = async () => {
    if (amountIn === null || minimumOut === null) return;
    setBusy(true);
    try {
      const signer = createNoopSigner(wallet);
      const currencyMint = await pda.currencyMint();
      const ixs: Instruction[] = [];
      if (!s.traderExists) ixs.push(getOpenTraderInstruction({ wallet: signer, trader: await pda.trader(wallet) }));
      ixs.push(
        getCreateAssociatedTokenIdempotentInstruction({
          payer: signer,
          ata: asset.account,
          owner: wallet,
          mint: pool.assetMint,
          tokenProgram: pool.assetTokenProgram,
        }),
        getCreateAssociatedTokenIdempotentInstruction({
          payer: signer,
          ata: s.currencyAccount,
          owner: wallet,
          mint: currencyMint,
          tokenProgram: TOKEN_2022_PROGRAM_ADDRESS,
        }),
        getSwapInstruction({
          owner: signer,
          attestation: await pda.attestation(wallet),
          policy: await pda.policy(),
          trader: await pda.trader(wallet),
          pool: entry.address,
          assetMint: pool.assetMint,
          currencyMint,
          lpMint: pool.lpMint,
          assetVault: pool.assetVault,
          currencyVault: pool.currencyVault,
          assetTokenProgram: pool.assetTokenProgram,
          ownerAsset: asset.account,
          ownerCurrency: s.currencyAccount,
          surplusVault: pool.surplusVault,
          buyAsset: buy,
          amountIn,
          minimumOut,
        }),
      );
      const out = await send('Swap', ixs);
      setLast(out);
      if (out.ok) setText('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="mx-auto max-w-md space-y-4">
      <section className="card space-y-4">
        <div className="flex items-center justify-between">
          <h2 className="text-base font-semibold">Swap</h2>
          <button type="button" className="btn-secondary py-1" data-testid="swap-direction" onClick={() => setBuy((b) => !b)}>
            {buy ? `Buy ${assetName}` : `Sell ${assetName}`} ⇅
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
          <span className="text-xs text-slate-500" data-testid="swap-balance">
            Balance: {buy ? fmtCurrency(have) : isEnergy ? fmtKwh(have) : have.toLocaleString()}
          </span>
        </label>
        <div className="text-sm">
          <span className="stat-label">Slippage</span>
          <div className="mt-1 flex gap-2">
            {SLIPPAGES.map((bps) => (
              <button
                key={bps}
                type="button"
                className={`btn-secondary py-1 ${bps === slippageBps ? 'ring-2 ring-emerald-500' : ''}`}
                onClick={() => setSlippageBps(bps)}
              >
                {bps / 100}%
              </button>
            ))}
          </div>
        </div>
        <dl className="text-sm">
          <div className="flex justify-between py-1">
            <dt className="text-slate-500">You receive (expected)</dt>
            <dd data-testid="swap-expected">{quote ? fmtOut(quote.amountOut) : '—'}</dd>
          </div>
          <div className="flex justify-between py-1">
            <dt className="text-slate-500">Minimum received</dt>
            <dd data-testid="swap-minimum">{minimumOut !== null ? fmtOut(minimumOut) : '—'}</dd>
          </div>
          <div className="flex justify-between py-1">
            <dt className="text-slate-500">Price impact</dt>
            <dd data-testid="swap-impact" className={quote && quote.priceImpact > 0.05 ? 'text-amber-600' : ''}>
              {quote ? `${(quote.priceImpact * 100).toFixed(2)}%` : '—'}
            </dd>
          </div>
          <div className="flex justify-between py-1">
            <dt className="text-slate-500">Fees (LP {pool.lpFeeBps / 100}%, protocol {s.feeBps / 100}%)</dt>
            <dd>{quote ? (buy ? fmtCurrency(quote.lpFee + quote.protocolFee, 6) : `${fmtCurrency(quote.protocolFee, 6)} + LP`) : '—'}</dd>
          </div>
        </dl>
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-500">Set the minimum yourself</summary>
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
          disabled={busy || quote === null || minimumOut === null || amountIn === null || amountIn > have}
          onClick={submit}
        >
          {busy ? 'Working…' : amountIn !== null && amountIn > have ? 'Not enough balance' : 'Swap'}
        </button>
        {last && !last.ok ? (
          <p className="text-sm text-red-700 dark:text-red-400" role="alert" data-testid="swap-error">
            {last.message}
          </p>
        ) : null}
      </section>
      <p className="text-center text-xs text-slate-500">
        Pool {short(entry.address)}: {isEnergy ? fmtKwh(pool.assetReserve) : pool.assetReserve.toLocaleString()} /{' '}
        {fmtCurrency(pool.currencyReserve)} currency
      </p>
    </div>
  );
}

export function TradePage() {
  const { account } = useApp();
  if (!account) {
    return (
      <div className="card" data-testid="connect-first">
        <p>Connect a wallet to trade.</p>
      </div>
    );
  }
  return <Swap account={account} />;
}
