// The member's community: join and invest, the position at the share price, divest.
import { useState } from 'react';
import type { Address } from '@solana/kit';
import { fmtCurrency, fmtSharePrice, fmtShares } from '@sourceenergy/client';
import { DEFAULT_ADDRESS } from '../../../shared/chain/accounts';
import { short } from '../../../shared/format';
import { fundValue, sharePrice, valueOfShares } from '../../../shared/math/fund';
import type { Transaction } from '../../../shared/transaction/useTransaction';
import { AmountForm, Row } from '../../../shared/ui/ui';
import { divestIxs, investIxs } from '../data-access/instructions';
import type { MemberState } from '../data-access/memberState';

export function CommunitySection({ state, wallet, tx }: { state: MemberState; wallet: Address; tx: Transaction }) {
  return (
    <section className="card">
      <h2 className="mb-3 text-base font-semibold">Community</h2>
      <CommunityInvest state={state} wallet={wallet} tx={tx} />
    </section>
  );
}

function CommunityInvest({ state, wallet, tx }: { state: MemberState; wallet: Address; tx: Transaction }) {
  const joined = state.member && state.member.community !== DEFAULT_ADDRESS ? state.member.community : null;
  const [choice, setChoice] = useState('');
  const selected =
    joined ?? state.communities.find((c) => c.address === choice)?.address ?? state.communities[0]?.address;
  const community = state.communities.find((c) => c.address === selected)?.data;
  if (!state.member) return <p className="text-sm text-muted">Create your member account first.</p>;
  if (state.communities.length === 0) return <p className="text-sm text-muted">No communities on this cluster yet.</p>;
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
                {short(c.address)}: fund {fmtCurrency(fundValue(c.data))}, {c.data.impact.members} members
              </option>
            ))}
          </select>
        </label>
      )}
      {community ? (
        <dl>
          <Row label="Fund value" value={fmtCurrency(fundValue(community))} />
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
        tx={tx}
        action="Invest"
        instructions={async (amount) => {
          if (!selected) throw new Error('Choose a community first.');
          return investIxs(state, wallet, selected, amount);
        }}
      />
      {joined && community && state.position && state.position.shares > 0n ? (
        <>
          <p className="text-xs text-muted">
            Redeem shares for currency at the share price (paid from the community's liquid funds).
          </p>
          <AmountForm
            label="Divest shares"
            testId="divest"
            tx={tx}
            action="Divest"
            instructions={(shares) => divestIxs(state, wallet, shares)}
          />
        </>
      ) : null}
    </div>
  );
}
