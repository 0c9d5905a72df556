// Accounts an action needs before its own instruction can run, created in the same transaction:
// the wallet's (or a counterparty's) token account for a mint, and the wallet's marketplace
// trader record.
import { createNoopSigner, fetchEncodedAccount, type Address, type Instruction } from '@solana/kit';
import { getCreateAssociatedTokenIdempotentInstruction } from '@solana-program/token';
import { getOpenTraderInstruction } from '@sourceenergy/client/marketplace';
import { pda, TOKEN_2022_PROGRAM_ADDRESS } from './pda';
import type { AppRpc } from './rpc';

/** `owner`'s associated token account for `mint`, created if missing (idempotent), paid by `payer`. */
export async function createTokenAccountIx(
  payer: Address,
  owner: Address,
  mint: Address,
  tokenProgram: Address = TOKEN_2022_PROGRAM_ADDRESS,
): Promise<Instruction> {
  return getCreateAssociatedTokenIdempotentInstruction({
    payer: createNoopSigner(payer),
    ata: await pda.associatedToken(owner, mint, tokenProgram),
    owner,
    mint,
    tokenProgram,
  });
}

/** Whether the wallet has opened its marketplace trader record (swaps and offers need one). */
export async function traderExists(rpc: AppRpc, wallet: Address): Promise<boolean> {
  return (await fetchEncodedAccount(rpc, await pda.trader(wallet))).exists;
}

/** The instruction opening the wallet's trader record, unless it exists. */
export async function openTraderIxs(wallet: Address, exists: boolean): Promise<Instruction[]> {
  return exists ? [] : [getOpenTraderInstruction({ wallet: createNoopSigner(wallet), trader: await pda.trader(wallet) })];
}
