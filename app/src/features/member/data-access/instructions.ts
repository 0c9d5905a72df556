// The member's transactions, built with the generated clients: create the member account, get
// currency for collateral, invest in (and join) a community, divest, and contribute to the
// household trust. The member program checks the `Authorized` accounts of each (memberState.ts).
import { createNoopSigner, type Address, type Instruction } from '@solana/kit';
import { getMintCurrencyInstruction } from '@sourceenergy/client/central-bank';
import {
  getContributeInstruction,
  getCreateMemberInstructionAsync,
  getDivestInstruction,
  getInvestInstruction,
  getJoinCommunityInstruction,
} from '@sourceenergy/client/member';
import { DEFAULT_ADDRESS } from '../../../shared/chain/accounts';
import { createTokenAccountIx } from '../../../shared/chain/accountSetup';
import { pda } from '../../../shared/chain/pda';
import { authorizedAccounts, type MemberState } from './memberState';

/** The member account; the async builder derives its address from the IDL's seeds. */
export async function createMemberIxs(wallet: Address): Promise<Instruction[]> {
  return [
    await getCreateMemberInstructionAsync({
      wallet: createNoopSigner(wallet),
      attestation: await pda.attestation(wallet),
    }),
  ];
}

/** Deposit collateral at the central bank's reserve for currency (the reserve's `tin` fee applies). */
export async function mintCurrencyIxs(s: MemberState, wallet: Address, amount: bigint): Promise<Instruction[]> {
  if (!s.collateralMint || !s.collateralAccount || !s.collateralTokenProgram) {
    throw new Error('No central bank reserve on this cluster.');
  }
  return [
    await createTokenAccountIx(wallet, wallet, await pda.currencyMint()),
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
  const member = s.memberAddress;
  const position = await pda.position(community, member);
  const ixs: Instruction[] = [];
  if (s.member?.community === DEFAULT_ADDRESS) {
    ixs.push(getJoinCommunityInstruction({ wallet: createNoopSigner(wallet), member, community, position }));
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

/**
 * Redeem shares of the member's community position into the wallet (member `divest`, which calls
 * community `withdraw`). The program pays floor(shares × fund value / shares outstanding), fund
 * value = liquid + invested at cost (se_math::fund::value_of_shares), and only from the
 * community's liquid currency.
 */
export async function divestIxs(s: MemberState, wallet: Address, shares: bigint): Promise<Instruction[]> {
  if (!s.member || s.member.community === DEFAULT_ADDRESS) throw new Error('You are not in a community.');
  const community = s.member.community;
  return [
    getDivestInstruction({
      ...(await authorizedAccounts(s, wallet)),
      community,
      position: await pda.position(community, s.memberAddress),
      communityVault: await pda.communityVault(community),
      shares,
    }),
  ];
}

/** Pay `amount` currency base units from the wallet into the member's household trust (member
 * `contribute`, through the household program). */
export async function contributeIxs(s: MemberState, wallet: Address, amount: bigint): Promise<Instruction[]> {
  if (!s.member || s.member.household === DEFAULT_ADDRESS) throw new Error('You are not in a household.');
  const household = s.member.household;
  return [
    getContributeInstruction({
      ...(await authorizedAccounts(s, wallet)),
      household,
      householdVault: await pda.householdVault(household),
      amount,
    }),
  ];
}
