// An offer's amounts: what the maker escrows or asks, what a taker pays (as
// programs/marketplace/src/state/offer.rs prices it) and when it expires.
import type { Offer } from '@sourceenergy/client/marketplace';

/** Currency for `wh` energy credits (1 Wh per unit) at `perKwh` currency base units per kWh, rounded down. */
export function offerTotal(wh: bigint, perKwh: bigint): bigint {
  return (wh * perKwh) / 1000n;
}

/** `Offer::price_of`: ceil(sell × buyTotal / sellTotal), what the program charges for `sell` units. */
export function offerPrice(o: Pick<Offer, 'buyTotal' | 'sellTotal'>, sell: bigint): bigint {
  return (sell * o.buyTotal + o.sellTotal - 1n) / o.sellTotal;
}

/** A random offer id (a PDA seed with the maker; distinct open offers need distinct ids), below 2^53. */
export function newOfferId(): bigint {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return new DataView(bytes.buffer).getBigUint64(0, true) >> 11n;
}

/** Whether an offer is past its expiry at node time `now`: then anyone may close it (close_offer). */
export const isExpired = (o: Pick<Offer, 'expiresAt'>, now: number) => Number(o.expiresAt) <= now;
