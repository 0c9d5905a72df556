import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { UiWalletAccount } from '@wallet-standard/react';
import { address, type Address } from '@solana/kit';
import { getCreateMemberInstructionAsync } from '../generated/member';
import { DEFAULT_ADDRESS, loadMemberState, type MemberState } from '../lib/chain';
import { investIxs, mintCurrencyIxs } from '../lib/actions';
import { divestIxs } from '../lib/divest';
import { sharePrice, valueOfShares } from '../lib/community';
import { findClaims, packInstructions } from '../lib/claims';
import { useApp } from '../lib/context';
import { fmtCo2, fmtCurrency, fmtDate, fmtKwh, fmtSharePrice, fmtShares, short } from '../lib/format';
import { pda } from '../lib/pda';
import { useNow } from '../lib/useNow';
import { useSend, type SendOutcome } from '../lib/useSend';
import { useLiveAccounts } from '../lib/live';
import { FALLBACK_POLL_MS, pollInterval, walletWatchList } from '../lib/livePolicy';
import { CarbonSection } from '../components/CarbonSection';
import { HouseholdSection } from '../components/HouseholdSection';
import { MetersSection } from '../components/MetersSection';
import { AmountForm, Row } from '../components/ui';

/** Queries refetched when a watched account changes. */
const LIVE_QUERIES = ['member', 'claims', 'carbon', 'meters', 'household-member'];

function Connected({ account }: { account: UiWalletAccount }) {
  const { rpc, cluster } = useApp();
  const wallet = address(account.address);
  const send = useSend(account);
  const now = useNow();
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<SendOutcome | null>(null);
  const [pollMs, setPollMs] = useState(FALLBACK_POLL_MS);
  const q = useQuery({
    queryKey: ['member', cluster.rpcUrl, account.address],
    queryFn: () => loadMemberState(rpc, wallet),
    refetchInterval: pollMs,
  });
  // Balances update from websocket account subscriptions; polling is only the fallback.
  const extra = [q.data?.collateralAccount, q.data?.member?.household].filter(
    (a): a is Address => !!a && a !== DEFAULT_ADDRESS,
  );
  const watch = useQuery({
    queryKey: ['watch-list', account.address, ...extra],
    queryFn: () => walletWatchList(wallet, extra),
    staleTime: Infinity,
  });
  const live = useLiveAccounts(watch.data ?? [], LIVE_QUERIES);
  if (pollInterval(live) !== pollMs) setPollMs(pollInterval(live));

  if (q.isPending) return <p>Reading your accounts…</p>;
  if (q.isError) return <p role="alert">Cannot read the chain: {String(q.error)}</p>;
  const state = q.data;
  const { attestation, member } = state;
  const attested = attestation !== null && !attestation.revoked && Number(attestation.expiresAt) > now;

  const createMember = async () => {
    setBusy(true);
    try {
      const ix = await getCreateMemberInstructionAsync({
        wallet: { address: wallet } as never,
        attestation: await pda.attestation(wallet),
      });
      // The wallet signs the whole transaction; the instruction only needs its address.
      setLast(await send('Create member account', [ix]));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="grid gap-6 md:grid-cols-2">
      <section className="card">
        <h2 className="mb-3 text-base font-semibold">Attestation</h2>
        {attestation ? (
          <dl className="text-sm">
            <Row
              label="Status"
              value={attestation.revoked ? 'revoked' : attested ? 'valid' : 'expired'}
              testId="attestation-status"
            />
            <Row label="KYC level" value={String(attestation.level)} testId="attestation-level" />
            <Row label="Jurisdiction" value={new TextDecoder().decode(attestation.jurisdiction)} />
            <Row label="Expires" value={fmtDate(attestation.expiresAt)} testId="attestation-expiry" />
          </dl>
        ) : (
          <p className="text-sm" data-testid="attestation-status">
            Not attested. A KYC provider must attest this wallet before it can become a member.
          </p>
        )}
      </section>

      <section className="card">
        <h2 className="mb-3 text-base font-semibold">Member account</h2>
        {member ? (
          <dl className="text-sm" data-testid="member-account">
            <Row label="Since" value={fmtDate(member.createdAt)} testId="member-since" />
            <Row label="Meters" value={String(member.metrics.meters)} />
            <Row label="Energy" value={fmtKwh(member.metrics.energyWh)} />
            <Row label="CO₂ avoided" value={fmtCo2(member.metrics.co2AvoidedG)} />
            <Row label="Invested" value={fmtCurrency(member.metrics.invested)} />
            <Row label="Divested" value={fmtCurrency(member.metrics.divested)} testId="member-divested" />
            <Row label="Contributed" value={fmtCurrency(member.metrics.contributed)} testId="member-contributed" />
            <Row label="Income" value={fmtCurrency(member.metrics.income)} />
          </dl>
        ) : (
          <div className="space-y-3">
            <p className="text-sm" data-testid="no-member">
              You have no member account yet.
            </p>
            <button
              type="button"
              className="btn"
              disabled={!attested || busy}
              onClick={createMember}
              data-testid="create-member"
            >
              {busy ? 'Working…' : 'Create member account'}
            </button>
            {!attested ? (
              <p className="text-xs text-slate-500">Needs a valid attestation first.</p>
            ) : null}
          </div>
        )}
        {last && !last.ok ? (
          <p className="mt-3 text-sm text-red-700 dark:text-red-400" role="alert" data-testid="tx-error">
            {last.message}
          </p>
        ) : null}
      </section>

      <section className="card">
        <h2 className="mb-3 flex items-center justify-between gap-2 text-base font-semibold">
          Wallet
          <span
            className="text-xs font-normal text-slate-500"
            data-testid="live-status"
            data-state={live}
            title={live === 'live' ? 'Balances update as the chain changes' : `Refreshing every ${pollMs / 1000} s`}
          >
            {live === 'live' ? '● live' : live === 'connecting' ? '○ connecting…' : `○ every ${pollMs / 1000} s`}
          </span>
        </h2>
        <dl className="mb-3 text-sm">
          <Row label="SOL" value={(Number(state.lamports) / 1e9).toFixed(3)} testId="sol-balance" />
          <Row
            label="Currency"
            value={state.currency === null ? 'no account yet' : fmtCurrency(state.currency)}
            testId="currency-balance"
          />
          <Row
            label="Collateral"
            value={state.collateral === null ? 'none' : fmtCurrency(state.collateral)}
            testId="collateral-balance"
          />
        </dl>
        <p className="mb-2 text-xs text-slate-500">
          Deposit collateral at the central bank's reserve for currency (KYC level 2; the reserve's fee applies).
        </p>
        <AmountForm
          label="Get currency"
          testId="mint-currency"
          disabled={!attested || !state.collateral}
          onSubmit={async (amount) => {
            setLast(await send('Get currency', await mintCurrencyIxs(state, wallet, amount)));
          }}
        />
      </section>

      <ClaimAll account={account} state={state} send={send} />

      <section className="card">
        <h2 className="mb-3 text-base font-semibold">Community</h2>
        <CommunityInvest
          state={state}
          onInvest={async (community, amount) => {
            setLast(await send('Invest', await investIxs(state, wallet, community, amount)));
          }}
          onDivest={async (shares) => {
            setLast(await send('Divest', await divestIxs(state, wallet, shares)));
          }}
        />
      </section>

      {member ? <HouseholdSection wallet={wallet} state={state} attested={attested} send={send} pollMs={pollMs} /> : null}

      <CarbonSection wallet={wallet} attested={attested} send={send} pollMs={pollMs} />

      {member ? <MetersSection wallet={wallet} member={state.memberAddress} pollMs={pollMs} /> : null}
    </div>
  );
}

function ClaimAll({
  account,
  state,
  send,
}: {
  account: UiWalletAccount;
  state: MemberState;
  send: ReturnType<typeof useSend>;
}) {
  const { rpc, cluster } = useApp();
  const wallet = address(account.address);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const q = useQuery({
    queryKey: ['claims', cluster.rpcUrl, account.address, state.member?.createdAt.toString()],
    queryFn: () => findClaims(rpc, state, wallet),
    enabled: state.member !== null,
    refetchInterval: 10_000,
  });
  if (!state.member) return null;
  const claims = q.data ?? [];
  const total = claims.reduce((t, c) => t + c.amount, 0n);
  return (
    <section className="card">
      <h2 className="mb-3 text-base font-semibold">Claimable</h2>
      {q.isPending ? (
        <p className="text-sm">Checking…</p>
      ) : claims.length === 0 ? (
        <p className="text-sm text-slate-500" data-testid="nothing-to-claim">
          Nothing to claim right now.
        </p>
      ) : (
        <dl className="mb-3 text-sm" data-testid="claims">
          {claims.map((c) => (
            <Row key={c.label} label={c.label} value={fmtCurrency(c.amount, 6)} />
          ))}
          <Row label="Total" value={fmtCurrency(total, 6)} testId="claims-total" />
        </dl>
      )}
      <button
        type="button"
        className="btn"
        data-testid="claim-all"
        disabled={busy || claims.length === 0}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            const batches = packInstructions(wallet, claims.map((c) => c.ix));
            for (const [i, batch] of batches.entries()) {
              const label = batches.length > 1 ? `Claim all (${i + 1}/${batches.length})` : 'Claim all';
              const out = await send(label, batch);
              if (!out.ok) {
                setError(out.message);
                break;
              }
            }
          } finally {
            setBusy(false);
            void q.refetch();
          }
        }}
      >
        {busy ? 'Claiming…' : 'Claim all'}
      </button>
      {error ? (
        <p className="mt-3 text-sm text-red-700 dark:text-red-400" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

function CommunityInvest({
  state,
  onInvest,
  onDivest,
}: {
  state: MemberState;
  onInvest: (community: Address, amount: bigint) => Promise<void>;
  onDivest: (shares: bigint) => Promise<void>;
}) {
  const joined = state.member && state.member.community !== DEFAULT_ADDRESS ? state.member.community : null;
  const [choice, setChoice] = useState<string>('');
  const selected = (joined ?? (choice || state.communities[0]?.address)) as Address | undefined;
  const community = state.communities.find((c) => c.address === selected)?.data;
  if (!state.member) return <p className="text-sm text-slate-500">Create your member account first.</p>;
  if (state.communities.length === 0) return <p className="text-sm text-slate-500">No communities on this cluster yet.</p>;
  const fund = community ? community.liquid + community.invested : 0n;
  return (
    <div className="space-y-3 text-sm">
      {joined ? (
        <p>
          Your community: <span className="font-mono">{short(joined)}</span>
        </p>
      ) : (
        <label className="block">
          <span className="stat-label">Join and invest in</span>
          <select
            className="input mt-1"
            data-testid="community-select"
            value={selected}
            onChange={(e) => setChoice(e.target.value)}
          >
            {state.communities.map((c) => (
              <option key={c.address} value={c.address}>
                {short(c.address)}: fund {fmtCurrency(c.data.liquid + c.data.invested)}, {c.data.impact.members} members
              </option>
            ))}
          </select>
        </label>
      )}
      {community ? (
        <dl>
          <Row label="Fund value" value={fmtCurrency(fund)} />
          <Row label="Share price" value={community.totalShares > 0n ? fmtSharePrice(sharePrice(community)) : '—'} />
          <Row label="Your shares" value={fmtShares(state.position?.shares ?? 0n)} testId="position-shares" />
          <Row label="You deposited" value={fmtCurrency(state.position?.deposited ?? 0n)} testId="position-deposited" />
          <Row
            label="Your shares' value"
            value={fmtCurrency(valueOfShares(community, state.position?.shares ?? 0n), 6)}
            testId="position-value"
          />
        </dl>
      ) : null}
      <AmountForm
        label={joined ? 'Invest' : 'Join & invest'}
        testId="invest"
        disabled={!selected || !state.currency}
        onSubmit={(amount) => onInvest(selected!, amount)}
      />
      {joined && community && state.position && state.position.shares > 0n ? (
        <>
          <p className="text-xs text-slate-500">
            Redeem shares for currency at the share price (paid from the community's liquid funds).
          </p>
          <AmountForm label="Divest shares" testId="divest" onSubmit={onDivest} />
        </>
      ) : null}
    </div>
  );
}

export function MemberPage() {
  const { account } = useApp();
  if (!account) {
    return (
      <div className="card" data-testid="connect-first">
        <p>Connect a wallet to see your attestation and member account.</p>
      </div>
    );
  }
  return <Connected account={account} />;
}
