// Divest: redeem shares of the member's community position into the wallet (member program
// `divest`, which calls community `withdraw`). The program pays
// floor(shares × fund value / shares outstanding), fund value = liquid + invested at cost
// (se_math::fund::value_of_shares), and only from the community's liquid currency.
import type { Address, Instruction } from '@solana/kit';
import { getDivestInstruction } from '../generated/member';
import { authorizedAccounts, DEFAULT_ADDRESS, type MemberState } from './chain';
import { pda } from './pda';

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
