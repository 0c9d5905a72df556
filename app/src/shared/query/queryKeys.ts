// Every query key of the app. A query, the transactions that change what it reads and the live
// account subscriptions that refresh it all take their keys from here, so they cannot drift
// apart. Keys are hierarchical, `[cluster RPC URL, feature, ...]`: invalidating a shorter key
// (the `all` ones) refreshes every query below it, and data of two clusters never mix.
import type { Address } from '@solana/kit';

/** The cluster a key belongs to: its RPC URL. */
type ClusterUrl = string;

const member = {
  /** Everything the member page reads for one wallet. */
  all: (c: ClusterUrl, wallet: Address) => [c, 'member', wallet] as const,
  state: (c: ClusterUrl, wallet: Address) => [...member.all(c, wallet), 'state'] as const,
  /** Keyed by the member account's creation time too: created or re-created, the claims change. */
  claims: (c: ClusterUrl, wallet: Address, memberSince: bigint | undefined) =>
    [...member.all(c, wallet), 'claims', memberSince?.toString() ?? null] as const,
  carbon: (c: ClusterUrl, wallet: Address) => [...member.all(c, wallet), 'carbon'] as const,
  meters: (c: ClusterUrl, wallet: Address) => [...member.all(c, wallet), 'meters'] as const,
  household: (c: ClusterUrl, wallet: Address, household: Address | null) =>
    [...member.all(c, wallet), 'household', household] as const,
};

const household = {
  all: (c: ClusterUrl) => [c, 'household'] as const,
  /** The page's read depends on the trust chosen in the URL and on the connected wallet. */
  page: (c: ClusterUrl, chosen: string | null, you: Address | null) => [...household.all(c), chosen, you] as const,
};

const community = {
  all: (c: ClusterUrl) => [c, 'community'] as const,
  list: (c: ClusterUrl) => [...community.all(c), 'list'] as const,
  holdings: (c: ClusterUrl, id: Address, wallet: Address | null) => [...community.all(c), 'holdings', id, wallet] as const,
};

const governance = {
  all: (c: ClusterUrl) => [c, 'governance'] as const,
  council: (c: ClusterUrl) => [...governance.all(c), 'council'] as const,
  currencyAccountExists: (c: ClusterUrl, wallet: Address | null) => [...governance.all(c), 'currency-account', wallet] as const,
};

export const queryKeys = {
  dashboard: (c: ClusterUrl) => [c, 'dashboard'] as const,
  member,
  trade: (c: ClusterUrl, wallet: Address) => [c, 'trade', wallet] as const,
  offers: {
    all: (c: ClusterUrl) => [c, 'offers'] as const,
    forWallet: (c: ClusterUrl, wallet: Address) => [c, 'offers', wallet] as const,
  },
  household,
  community,
  governance,
  /** The addresses a page subscribes to: derived, not read, so the same on every cluster and never stale. */
  watchList: (wallet: Address, extra: readonly Address[]) => ['watch-list', wallet, ...extra] as const,
};
