// A swap against a pool: the trader record and both token accounts are created first if missing.
import { createNoopSigner, type Address, type Instruction } from '@solana/kit';
import { getSwapInstruction, type Pool } from '@sourceenergy/client/marketplace';
import type { Decoded } from '../../../shared/chain/accounts';
import { createTokenAccountIx, openTraderIxs } from '../../../shared/chain/accountSetup';
import { pda } from '../../../shared/chain/pda';

export async function swapIxs(
  wallet: Address,
  traderExists: boolean,
  { address: pool, data: p }: Decoded<Pool>,
  buyAsset: boolean,
  amountIn: bigint,
  minimumOut: bigint,
): Promise<Instruction[]> {
  const currencyMint = await pda.currencyMint();
  return [
    ...(await openTraderIxs(wallet, traderExists)),
    await createTokenAccountIx(wallet, wallet, p.assetMint, p.assetTokenProgram),
    await createTokenAccountIx(wallet, wallet, currencyMint),
    getSwapInstruction({
      owner: createNoopSigner(wallet),
      attestation: await pda.attestation(wallet),
      policy: await pda.policy(),
      trader: await pda.trader(wallet),
      pool,
      assetMint: p.assetMint,
      currencyMint,
      lpMint: p.lpMint,
      assetVault: p.assetVault,
      currencyVault: p.currencyVault,
      assetTokenProgram: p.assetTokenProgram,
      ownerAsset: await pda.associatedToken(wallet, p.assetMint, p.assetTokenProgram),
      ownerCurrency: await pda.associatedToken(wallet, currencyMint),
      surplusVault: p.surplusVault,
      buyAsset,
      amountIn,
      minimumOut,
    }),
  ];
}
