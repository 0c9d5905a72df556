// Escrowed offers between energy credits and the currency: make (escrow one side), take (part of)
// one, close one (its maker, or anyone once it expired). The trader record and the token
// accounts a transfer lands in are created first if missing.
import { createNoopSigner, type Address, type Instruction } from '@solana/kit';
import {
  getCloseOfferInstruction,
  getMakeOfferInstruction,
  getTakeOfferInstruction,
  type Offer,
} from '@sourceenergy/client/marketplace';
import type { Decoded } from '../../../shared/chain/accounts';
import { createTokenAccountIx, openTraderIxs } from '../../../shared/chain/accountSetup';
import { pda, TOKEN_2022_PROGRAM_ADDRESS } from '../../../shared/chain/pda';
import { newOfferId, offerPrice } from './offerMath';

export type NewOffer = {
  sellMint: Address;
  buyMint: Address;
  sellAmount: bigint;
  buyAmount: bigint;
  /** Unix time, by the node's clock. */
  expiresAt: bigint;
  /** The listed asset (energy credits): its listing role record is checked. */
  listedMint: Address;
};

export async function makeOfferIxs(wallet: Address, traderExists: boolean, o: NewOffer): Promise<Instruction[]> {
  const id = newOfferId();
  const offer = await pda.offer(wallet, id);
  return [
    ...(await openTraderIxs(wallet, traderExists)),
    await createTokenAccountIx(wallet, wallet, o.buyMint),
    getMakeOfferInstruction({
      maker: createNoopSigner(wallet),
      attestation: await pda.attestation(wallet),
      policy: await pda.policy(),
      trader: await pda.trader(wallet),
      listing: await pda.role('ListedMarketAsset', o.listedMint),
      sellMint: o.sellMint,
      buyMint: o.buyMint,
      offer,
      vault: await pda.offerVault(offer),
      makerSell: await pda.associatedToken(wallet, o.sellMint),
      sellTokenProgram: TOKEN_2022_PROGRAM_ADDRESS,
      buyTokenProgram: TOKEN_2022_PROGRAM_ADDRESS,
      id,
      sellAmount: o.sellAmount,
      buyAmount: o.buyAmount,
      expiresAt: o.expiresAt,
    }),
  ];
}

/** Take `sell` units of the offer, paying at most its price for them. */
export async function takeOfferIxs(
  wallet: Address,
  traderExists: boolean,
  { address: offer, data: o }: Decoded<Offer>,
  sell: bigint,
): Promise<Instruction[]> {
  return [
    ...(await openTraderIxs(wallet, traderExists)),
    await createTokenAccountIx(wallet, wallet, o.sellMint),
    await createTokenAccountIx(wallet, o.maker, o.buyMint),
    getTakeOfferInstruction({
      taker: createNoopSigner(wallet),
      attestation: await pda.attestation(wallet),
      policy: await pda.policy(),
      trader: await pda.trader(wallet),
      offer,
      sellMint: o.sellMint,
      buyMint: o.buyMint,
      vault: await pda.offerVault(offer),
      takerSell: await pda.associatedToken(wallet, o.sellMint),
      takerBuy: await pda.associatedToken(wallet, o.buyMint),
      makerBuy: await pda.associatedToken(o.maker, o.buyMint),
      sellTokenProgram: o.sellTokenProgram,
      buyTokenProgram: o.buyTokenProgram,
      sell,
      maxPay: offerPrice(o, sell),
    }),
  ];
}

/** Close the offer: what is left in escrow goes back to its maker. */
export async function closeOfferIxs(wallet: Address, { address: offer, data: o }: Decoded<Offer>): Promise<Instruction[]> {
  return [
    getCloseOfferInstruction({
      closer: createNoopSigner(wallet),
      maker: o.maker,
      offer,
      sellMint: o.sellMint,
      vault: await pda.offerVault(offer),
      makerSell: await pda.associatedToken(o.maker, o.sellMint),
      sellTokenProgram: o.sellTokenProgram,
    }),
  ];
}
