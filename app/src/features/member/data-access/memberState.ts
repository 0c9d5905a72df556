// The member page's main read: the wallet's attestation, member account, balances (SOL,
// currency, the reserve's collateral), the communities and its position in its own.
import { createNoopSigner, type Address } from '@solana/kit';
import {
  fetchMaybeAttestation,
  fetchMaybeReserve,
  type Attestation,
} from '@sourceenergy/client/central-bank';
import {
  COMMUNITY_DISCRIMINATOR,
  COMMUNITY_PROGRAM_ADDRESS,
  fetchMaybePosition,
  getCommunityDecoder,
  type Community,
  type Position,
} from '@sourceenergy/client/community';
import { fetchMaybeMember, type Member } from '@sourceenergy/client/member';
import { DEFAULT_ADDRESS, programAccounts, tokenBalance, type Decoded } from '../../../shared/chain/accounts';
import { pda } from '../../../shared/chain/pda';
import type { AppRpc } from '../../../shared/chain/rpc';

export type MemberState = {
  attestation: Attestation | null;
  member: Member | null;
  memberAddress: Address;
  lamports: bigint;
  currencyAccount: Address;
  /** null: the wallet has no currency account yet. */
  currency: bigint | null;
  collateralMint: Address | null;
  collateralTokenProgram: Address | null;
  collateralAccount: Address | null;
  collateral: bigint | null;
  communities: Decoded<Community>[];
  /** The member account's position in its community, if any. */
  position: Position | null;
};

/** The member program's `Authorized` accounts, which every instruction that moves the member's
 * currency starts with: the wallet (signing), its member account, attestation, policy, the
 * currency mint and the wallet's currency account. */
export async function authorizedAccounts(s: MemberState, wallet: Address) {
  return {
    wallet: createNoopSigner(wallet),
    member: s.memberAddress,
    attestation: await pda.attestation(wallet),
    policy: await pda.policy(),
    currencyMint: await pda.currencyMint(),
    walletCurrency: s.currencyAccount,
  };
}

export async function loadMemberState(rpc: AppRpc, wallet: Address): Promise<MemberState> {
  const [attAddr, memberAddress] = await Promise.all([pda.attestation(wallet), pda.member(wallet)]);
  const [currencyMint, reserveAddr] = await Promise.all([pda.currencyMint(), pda.reserve()]);
  const currencyAccount = await pda.associatedToken(wallet, currencyMint);
  const [att, member, balance, reserve, currency, communities] = await Promise.all([
    fetchMaybeAttestation(rpc, attAddr),
    fetchMaybeMember(rpc, memberAddress),
    rpc.getBalance(wallet, { commitment: 'confirmed' }).send(),
    fetchMaybeReserve(rpc, reserveAddr),
    tokenBalance(rpc, currencyAccount),
    programAccounts(rpc, COMMUNITY_PROGRAM_ADDRESS, COMMUNITY_DISCRIMINATOR, getCommunityDecoder()),
  ]);
  let collateralAccount: Address | null = null;
  let collateral: bigint | null = null;
  if (reserve.exists) {
    collateralAccount = await pda.associatedToken(
      wallet,
      reserve.data.collateralMint,
      reserve.data.collateralTokenProgram,
    );
    collateral = await tokenBalance(rpc, collateralAccount);
  }
  let position: Position | null = null;
  if (member.exists && member.data.community !== DEFAULT_ADDRESS) {
    const p = await fetchMaybePosition(rpc, await pda.position(member.data.community, memberAddress));
    position = p.exists ? p.data : null;
  }
  return {
    attestation: att.exists ? att.data : null,
    member: member.exists ? member.data : null,
    memberAddress,
    lamports: balance.value,
    currencyAccount,
    currency,
    collateralMint: reserve.exists ? reserve.data.collateralMint : null,
    collateralTokenProgram: reserve.exists ? reserve.data.collateralTokenProgram : null,
    collateralAccount,
    collateral,
    communities: communities.sort((a, b) => a.address.localeCompare(b.address)),
    position,
  };
}

export type AttestationStatus = 'valid' | 'expired' | 'revoked';

/** What the programs make of the wallet's attestation at `now`: only a valid one lets it act. */
export function attestationStatus(a: Attestation, now: number): AttestationStatus {
  if (a.revoked) return 'revoked';
  return Number(a.expiresAt) > now ? 'valid' : 'expired';
}
