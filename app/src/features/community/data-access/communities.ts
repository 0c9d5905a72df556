// The community page's reads: every community fund and project, the node's clock, and the
// connected wallet's positions in one community. Their prices are in shared/math/fund.ts.
import type { Address } from '@solana/kit';
import {
  COMMUNITY_DISCRIMINATOR,
  COMMUNITY_PROGRAM_ADDRESS,
  PROJECT_DISCRIMINATOR,
  fetchMaybePosition,
  getCommunityDecoder,
  getProjectDecoder,
  type Community,
  type Position,
  type Project,
} from '@sourceenergy/client/community';
import { nodeClock, programAccounts, type Decoded } from '../../../shared/chain/accounts';
import { pda } from '../../../shared/chain/pda';
import type { AppRpc } from '../../../shared/chain/rpc';

export type CommunitiesState = {
  communities: Decoded<Community>[];
  projects: Decoded<Project>[];
  nodeTime: number;
};

export async function loadCommunities(rpc: AppRpc): Promise<CommunitiesState> {
  const [communities, projects, nodeTime] = await Promise.all([
    programAccounts(rpc, COMMUNITY_PROGRAM_ADDRESS, COMMUNITY_DISCRIMINATOR, getCommunityDecoder()),
    programAccounts(rpc, COMMUNITY_PROGRAM_ADDRESS, PROJECT_DISCRIMINATOR, getProjectDecoder()),
    nodeClock(rpc),
  ]);
  return {
    communities: communities.sort((a, b) => a.address.localeCompare(b.address)),
    projects: projects.sort((a, b) => a.address.localeCompare(b.address)),
    nodeTime,
  };
}

export const projectsOf = (s: CommunitiesState, community: Address) =>
  s.projects.filter((p) => p.data.community === community);

export type Holding = { holder: 'wallet' | 'member'; owner: Address; position: Position };

/** The wallet's positions in `community`: held by the wallet itself, or by its member account. */
export async function loadHoldings(rpc: AppRpc, community: Address, wallet: Address): Promise<Holding[]> {
  const member = await pda.member(wallet);
  const [own, viaMember] = await Promise.all([
    fetchMaybePosition(rpc, await pda.position(community, wallet)),
    fetchMaybePosition(rpc, await pda.position(community, member)),
  ]);
  const out: Holding[] = [];
  if (own.exists) out.push({ holder: 'wallet', owner: wallet, position: own.data });
  if (viaMember.exists) out.push({ holder: 'member', owner: member, position: viaMember.data });
  return out;
}
