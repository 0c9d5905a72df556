// Escrowed offers between energy credits and the currency: make, take, cancel.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { UiWalletAccount } from '@wallet-standard/react';
import { address, createNoopSigner, fetchEncodedAccount, type Address, type Instruction } from '@solana/kit';
import { getCreateAssociatedTokenIdempotentInstruction } from '@solana-program/token';
import { fetchMaybeMarket } from '../generated/grid_market';
import {
  MARKETPLACE_PROGRAM_ADDRESS,
  OFFER_DISCRIMINATOR,
  getCloseOfferInstruction,
  getMakeOfferInstruction,
  getOfferDecoder,
  getOpenTraderInstruction,
  getTakeOfferInstruction,
  type Offer,
} from '../generated/marketplace';
import { parseAmount } from '../lib/actions';
import { nodeClock, programAccounts, type Decoded } from '../lib/chain';
import { useApp } from '../lib/context';
import { fmtCurrency, fmtDate, fmtKwh, short } from '../lib/format';
import { pda, TOKEN_2022_PROGRAM_ADDRESS } from '../lib/pda';
import type { AppRpc } from '../lib/rpc';
import { useSend, type SendOutcome } from '../lib/useSend';

type OffersState = {
  offers: Decoded<Offer>[];
  energyMint: Address | null;
  currencyMint: Address;
  traderExists: boolean;
  /** The node's clock (it may run ahead of the wall clock on localnet). */
  nodeTime: number;
};

async function loadOffers(rpc: AppRpc, wallet: Address): Promise<OffersState> {
  const [offers, market, currencyMint, trader, nodeTime] = await Promise.all([
    programAccounts(rpc, MARKETPLACE_PROGRAM_ADDRESS, OFFER_DISCRIMINATOR, getOfferDecoder()),
    fetchMaybeMarket(rpc, await pda.market()),
    pda.currencyMint(),
    pda.trader(wallet),
    nodeClock(rpc),
  ]);
  return {
    offers: offers.sort((a, b) => Number(b.data.createdAt - a.data.createdAt)),
    energyMint: market.exists ? market.data.energyCreditMint : null,
    currencyMint,
    traderExists: (await fetchEncodedAccount(rpc, trader)).exists,
    nodeTime,
  };
}

/** A random offer id (a PDA seed with the maker; distinct open offers need distinct ids). */
function newOfferId(): bigint {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return new DataView(bytes.buffer).getBigUint64(0, true) >> 11n;
}

/** Ceil(sell * buyTotal / sellTotal): what the program charges for `sell` units. */
export function offerPrice(o: Pick<Offer, 'buyTotal' | 'sellTotal'>, sell: bigint): bigint {
  return (sell * o.buyTotal + o.sellTotal - 1n) / o.sellTotal;
}

function Offers({ account }: { account: UiWalletAccount }) {
  const { rpc, cluster } = useApp();
  const wallet = address(account.address);
  const send = useSend(account);
  const [last, setLast] = useState<SendOutcome | null>(null);
  const [sellEnergy, setSellEnergy] = useState(true);
  const [amount, setAmount] = useState('');
  const [price, setPrice] = useState('');
  const [days, setDays] = useState('7');
  const [takeAmounts, setTakeAmounts] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const q = useQuery({
    queryKey: ['offers', cluster.rpcUrl, account.address],
    queryFn: () => loadOffers(rpc, wallet),
    refetchInterval: 5_000,
  });
  if (q.isPending) return <p>Reading offers…</p>;
  if (q.isError) return <p role="alert">Cannot read the chain: {String(q.error)}</p>;
  const s = q.data;
  if (!s.energyMint) return <div className="card">No grid market on this cluster yet.</div>;
  const energyMint = s.energyMint;
  const signer = createNoopSigner(wallet);
  const isEnergy = (mint: Address) => mint === energyMint;
  const fmtSide = (mint: Address, v: bigint) => (isEnergy(mint) ? fmtKwh(v) : `${fmtCurrency(v)} currency`);

  // Make: amounts in kWh of credits (1 Wh per unit) and currency per kWh (6 decimals).
  const kwh = parseAmount(amount, 3);
  const perKwh = parseAmount(price, 6);
  const total = kwh !== null && perKwh !== null ? (kwh * perKwh) / 1000n : null;
  const run = async (label: string, ixs: Instruction[]) => {
    setBusy(true);
    try {
      const out = await send(label, ixs);
      setLast(out);
      return out.ok;
    } finally {
      setBusy(false);
    }
  };
  const traderIx = async () =>
    s.traderExists ? [] : [getOpenTraderInstruction({ wallet: signer, trader: await pda.trader(wallet) })];
  const ata = async (owner: Address, mint: Address) =>
    getCreateAssociatedTokenIdempotentInstruction({
      payer: signer,
      ata: await pda.associatedToken(owner, mint),
      owner,
      mint,
      tokenProgram: TOKEN_2022_PROGRAM_ADDRESS,
    });

  const make = async () => {
    if (kwh === null || total === null || total === 0n) return;
    const [sellMint, buyMint] = sellEnergy ? [energyMint, s.currencyMint] : [s.currencyMint, energyMint];
    const [sellAmount, buyAmount] = sellEnergy ? [kwh, total] : [total, kwh];
    const id = newOfferId();
    const offer = await pda.offer(wallet, id);
    const ok = await run('Make offer', [
      ...(await traderIx()),
      await ata(wallet, buyMint),
      getMakeOfferInstruction({
        maker: signer,
        attestation: await pda.attestation(wallet),
        policy: await pda.policy(),
        trader: await pda.trader(wallet),
        listing: await pda.role('ListedMarketAsset', energyMint),
        sellMint,
        buyMint,
        offer,
        vault: await pda.offerVault(offer),
        makerSell: await pda.associatedToken(wallet, sellMint),
        sellTokenProgram: TOKEN_2022_PROGRAM_ADDRESS,
        buyTokenProgram: TOKEN_2022_PROGRAM_ADDRESS,
        id,
        sellAmount,
        buyAmount,
        expiresAt: BigInt(s.nodeTime + Math.round(Number(days) * 86_400)),
      }),
    ]);
    if (ok) setAmount('');
  };

  const take = async (o: Decoded<Offer>) => {
    const text = takeAmounts[o.address] ?? '';
    const sell = parseAmount(text, isEnergy(o.data.sellMint) ? 3 : 6);
    if (sell === null) return;
    const ok = await run('Take offer', [
      ...(await traderIx()),
      await ata(wallet, o.data.sellMint),
      await ata(o.data.maker, o.data.buyMint),
      getTakeOfferInstruction({
        taker: signer,
        attestation: await pda.attestation(wallet),
        policy: await pda.policy(),
        trader: await pda.trader(wallet),
        offer: o.address,
        sellMint: o.data.sellMint,
        buyMint: o.data.buyMint,
        vault: await pda.offerVault(o.address),
        takerSell: await pda.associatedToken(wallet, o.data.sellMint),
        takerBuy: await pda.associatedToken(wallet, o.data.buyMint),
        makerBuy: await pda.associatedToken(o.data.maker, o.data.buyMint),
        sellTokenProgram: o.data.sellTokenProgram,
        buyTokenProgram: o.data.buyTokenProgram,
        sell,
        maxPay: offerPrice(o.data, sell),
      }),
    ]);
    if (ok) setTakeAmounts((m) => ({ ...m, [o.address]: '' }));
  };

  const cancel = async (o: Decoded<Offer>) => {
    await run('Cancel offer', [
      getCloseOfferInstruction({
        closer: signer,
        maker: o.data.maker,
        offer: o.address,
        sellMint: o.data.sellMint,
        vault: await pda.offerVault(o.address),
        makerSell: await pda.associatedToken(o.data.maker, o.data.sellMint),
        sellTokenProgram: o.data.sellTokenProgram,
      }),
    ]);
  };

  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <section className="card space-y-3 text-sm">
        <div className="flex items-center justify-between">
          <h2 className="text-base font-semibold">Make an offer</h2>
          <button type="button" className="btn-secondary py-1" data-testid="offer-direction" onClick={() => setSellEnergy((v) => !v)}>
            {sellEnergy ? 'Sell credits' : 'Buy credits'} ⇅
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
        <button type="button" className="btn w-full" data-testid="offer-make" disabled={busy || total === null || total === 0n || !(Number(days) > 0 && Number(days) <= 90)} onClick={make}>
          {sellEnergy ? 'Escrow credits and list' : 'Escrow currency and list'}
        </button>
        {last && !last.ok ? (
          <p className="text-red-700 dark:text-red-400" role="alert" data-testid="offer-error">
            {last.message}
          </p>
        ) : null}
      </section>

      <section className="card overflow-x-auto lg:col-span-2">
        <h2 className="mb-3 text-base font-semibold">Open offers</h2>
        {s.offers.length === 0 ? (
          <p className="text-sm text-slate-500" data-testid="no-offers">No offers yet.</p>
        ) : (
          <ul className="space-y-3" data-testid="offers">
            {s.offers.map((o) => {
              const mine = o.data.maker === wallet;
              const expired = Number(o.data.expiresAt) <= s.nodeTime;
              const unit = isEnergy(o.data.sellMint) ? 'kWh' : 'currency';
              return (
                <li key={o.address} className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800" data-testid={`offer-${o.address}`}>
                  <div className="flex flex-wrap justify-between gap-2">
                    <span>
                      {mine ? 'You sell' : `${short(o.data.maker)} sells`} <b data-testid="offer-remaining">{fmtSide(o.data.sellMint, o.data.remaining)}</b> of{' '}
                      {fmtSide(o.data.sellMint, o.data.sellTotal)} for {fmtSide(o.data.buyMint, o.data.buyTotal)}
                    </span>
                    <span className="text-slate-500">{expired ? 'expired' : `until ${fmtDate(o.data.expiresAt)}`}</span>
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
                        <button type="button" className="btn shrink-0" data-testid="offer-take" disabled={busy} onClick={() => take(o)}>
                          Take
                        </button>
                      </>
                    ) : null}
                    {mine || expired ? (
                      <button type="button" className="btn-secondary" data-testid="offer-cancel" disabled={busy} onClick={() => cancel(o)}>
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
    </div>
  );
}

export function OffersPage() {
  const { account } = useApp();
  if (!account) {
    return (
      <div className="card" data-testid="connect-first">
        <p>Connect a wallet to see and make offers.</p>
      </div>
    );
  }
  return <Offers account={account} />;
}
