// Instructions for what a member does from the app, built with the generated clients.
import { createNoopSigner, type Address, type Instruction } from '@solana/kit';
import { getCreateAssociatedTokenIdempotentInstruction } from '@solana-program/token';
import { getMintCurrencyInstruction } from '../generated/central_bank';
import { getInvestInstruction, getJoinCommunityInstruction } from '../generated/member';
import { authorizedAccounts, DEFAULT_ADDRESS, type MemberState } from './chain';
import { CURRENCY_DECIMALS } from './format';
import { pda, TOKEN_2022_PROGRAM_ADDRESS } from './pda';

/** "12.5" → 12_500_000n (currency base units); null when not a positive amount. */
export function parseAmount(text: string, decimals = CURRENCY_DECIMALS): bigint | null {
  const t = text.trim();
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(t)) return null;
  const [whole, frac = ''] = t.split('.');
  if (frac.length > decimals) return null;
  const v = BigInt(whole || '0') * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, '0') || '0');
  return v > 0n ? v : null;
}

/** The wallet's currency account, created if missing (idempotent), as part of a transaction. */
export async function ensureCurrencyAccount(wallet: Address): Promise<Instruction> {
  const mint = await pda.currencyMint();
  return getCreateAssociatedTokenIdempotentInstruction({
    payer: createNoopSigner(wallet),
    ata: await pda.associatedToken(wallet, mint),
    owner: wallet,
    mint,
    tokenProgram: TOKEN_2022_PROGRAM_ADDRESS,
  });
}

/** Deposit collateral at the central bank's reserve for currency (the reserve's `tin` fee applies). */
export async function mintCurrencyIxs(s: MemberState, wallet: Address, amount: bigint): Promise<Instruction[]> {
  if (!s.collateralMint || !s.collateralAccount || !s.collateralTokenProgram) {
    throw new Error('No central bank reserve on this cluster.');
  }
  return [
    await ensureCurrencyAccount(wallet),
    getMintCurrencyInstruction({
      user: createNoopSigner(wallet),
      attestation: await pda.attestation(wallet),
      policy: await pda.policy(),
      reserve: await pda.reserve(),
      currencyMint: await pda.currencyMint(),
      collateralMint: s.collateralMint,
      userCollateral: s.collateralAccount,
      userCurrency: s.currencyAccount,
      collateralVault: await pda.collateralVault(),
      surplusVault: await pda.surplusVault(),
      collateralTokenProgram: s.collateralTokenProgram,
      amount,
      minOut: 0n,
    }),
  ];
}

/** Invest in a community; joins it first when the member has no community yet. */
export async function investIxs(
  s: MemberState,
  wallet: Address,
  community: Address,
  amount: bigint,
): Promise<Instruction[]> {
  const signer = createNoopSigner(wallet);
  const member = s.memberAddress;
  const position = await pda.position(community, member);
  const ixs: Instruction[] = [];
  if (s.member?.community === DEFAULT_ADDRESS) {
    ixs.push(getJoinCommunityInstruction({ wallet: signer, member, community, position }));
  }
  ixs.push(
    getInvestInstruction({
      ...(await authorizedAccounts(s, wallet)),
      community,
      position,
      communityVault: await pda.communityVault(community),
      amount,
    }),
  );
  return ixs;
}
