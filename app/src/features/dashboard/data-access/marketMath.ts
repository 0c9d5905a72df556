// The grid market's and the pools' figures the dashboard shows, as the programs compute them.
import type { Market } from '@sourceenergy/client/grid-market';
import type { Pool } from '@sourceenergy/client/marketplace';

/** Fixed-point scale of the pools' cumulative price (Q32). */
const PRICE_SCALE = 2n ** 32n;

/** Spot price, currency base units per asset base unit, from the pool's reserves. */
export function spotPrice(p: Pool): number {
  return p.assetReserve === 0n ? 0 : Number(p.currencyReserve) / Number(p.assetReserve);
}

/** TWAP from the oldest observation in the ring to the newest (as the program computes it). */
export function poolTwap(p: Pool): number | null {
  const n = p.observationCount;
  if (n < 2) return null;
  const newest = p.observations[p.observationHead];
  const oldest = n < p.observations.length ? p.observations[0] : p.observations[(p.observationHead + 1) % p.observations.length];
  const dt = newest.timestamp - oldest.timestamp;
  if (dt <= 0n) return null;
  const mask = (1n << 128n) - 1n;
  const diff = (newest.priceCumulative - oldest.priceCumulative) & mask;
  return Number(diff / dt) / Number(PRICE_SCALE);
}

/** The grid market's epoch at unix time `t`: epochs run back to back, `epoch_length_secs` each, from genesis. */
export function epochAt(market: Pick<Market, 'genesis' | 'epochLengthSecs'>, t: number): { index: number; end: number } {
  const len = market.epochLengthSecs;
  const genesis = Number(market.genesis);
  const index = Math.max(0, Math.floor((t - genesis) / len));
  return { index, end: genesis + (index + 1) * len };
}
