// The offers page's read: every escrowed offer, the energy credit and currency mints, the
// wallet's trader record and the node's clock (offers expire by it).
import type { Address } from '@solana/kit';
import { fetchMaybeMarket } from '@sourceenergy/client/grid-market';
import { MARKETPLACE_PROGRAM_ADDRESS, OFFER_DISCRIMINATOR, getOfferDecoder, type Offer } from '@sourceenergy/client/marketplace';
import { nodeClock, programAccounts, type Decoded } from '../../../shared/chain/accounts';
import { traderExists } from '../../../shared/chain/accountSetup';
import { pda } from '../../../shared/chain/pda';
import type { AppRpc } from '../../../shared/chain/rpc';

export type OffersState = {
  /** Newest first. */
  offers: Decoded<Offer>[];
  energyMint: Address | null;
  currencyMint: Address;
  traderExists: boolean;
  /** The node's clock (it may run ahead of the wall clock on localnet). */
  nodeTime: number;
};

export async function loadOffers(rpc: AppRpc, wallet: Address): Promise<OffersState> {
  const [offers, market, currencyMint, trader, nodeTime] = await Promise.all([
    programAccounts(rpc, MARKETPLACE_PROGRAM_ADDRESS, OFFER_DISCRIMINATOR, getOfferDecoder()),
    fetchMaybeMarket(rpc, await pda.market()),
    pda.currencyMint(),
    traderExists(rpc, wallet),
    nodeClock(rpc),
  ]);
  return {
    offers: offers.sort((a, b) => Number(b.data.createdAt - a.data.createdAt)),
    energyMint: market.exists ? market.data.energyCreditMint : null,
    currencyMint,
    traderExists: trader,
    nodeTime,
  };
}
