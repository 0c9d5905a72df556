// The marketplace's exact-in swap quote, as programs/marketplace/src/instructions/swap.rs
// computes it: LP fee (ceil) on the input; the protocol fee (ceil) on the input when buying the
// asset, on the gross output when selling it; constant product on the rest.
import type { Pool } from '@sourceenergy/client/marketplace';

const BPS = 10_000n;
const feeCeil = (amount: bigint, bps: number) => (amount * BigInt(bps) + BPS - 1n) / BPS;
const swapOut = (amountIn: bigint, reserveIn: bigint, reserveOut: bigint) =>
  reserveIn + amountIn === 0n ? 0n : (reserveOut * amountIn) / (reserveIn + amountIn);

export type SwapQuote = {
  amountOut: bigint;
  lpFee: bigint;
  protocolFee: bigint;
  /** Output per input at the pool's spot price before the trade, fees excluded. */
  spotOut: number;
  /** 1 - (realised output / output at the spot price), fees included, 0..1. */
  priceImpact: number;
};

export function quoteSwap(
  pool: Pick<Pool, 'assetReserve' | 'currencyReserve' | 'lpFeeBps'>,
  buyAsset: boolean,
  amountIn: bigint,
  protocolFeeBps: number,
): SwapQuote | null {
  if (amountIn <= 0n || pool.assetReserve === 0n || pool.currencyReserve === 0n) return null;
  const lpFee = feeCeil(amountIn, pool.lpFeeBps);
  let amountOut: bigint;
  let protocolFee: bigint;
  const [reserveIn, reserveOut] = buyAsset
    ? [pool.currencyReserve, pool.assetReserve]
    : [pool.assetReserve, pool.currencyReserve];
  if (buyAsset) {
    protocolFee = feeCeil(amountIn, protocolFeeBps);
    const effective = amountIn - protocolFee - lpFee;
    if (effective <= 0n) return null;
    amountOut = swapOut(effective, reserveIn, reserveOut);
  } else {
    const effective = amountIn - lpFee;
    if (effective <= 0n) return null;
    const gross = swapOut(effective, reserveIn, reserveOut);
    protocolFee = feeCeil(gross, protocolFeeBps);
    amountOut = gross - protocolFee;
  }
  if (amountOut <= 0n || amountOut >= reserveOut) return null;
  const spotOut = Number(reserveOut) / Number(reserveIn);
  const ideal = Number(amountIn) * spotOut;
  return { amountOut, lpFee, protocolFee, spotOut, priceImpact: Math.max(0, 1 - Number(amountOut) / ideal) };
}

/** The least output accepted at `slippageBps` below the quote (rounded down). */
export function minimumReceived(amountOut: bigint, slippageBps: number): bigint {
  return (amountOut * (BPS - BigInt(slippageBps))) / BPS;
}
