// The central bank's council and its proposals; council members propose, approve, execute and
// cancel. Anyone can follow it; a council member's wallet can act.
import type { UiWalletAccount } from '@wallet-standard/react';
import { address, type Address } from '@solana/kit';
import { ProposalStatus, type Proposal } from '@sourceenergy/client/central-bank';
import { fmtDate, fmtDuration } from '../../../shared/format';
import type { Transaction } from '../../../shared/transaction/useTransaction';
import { Addr, ReadError, TxError, WalletGate } from '../../../shared/ui/ui';
import { useNow } from '../../../shared/ui/useNow';
import { councilMembers } from '../data-access/governance';
import { useGovernanceMutation } from '../data-access/mutations';
import { describeAction, phaseText, proposalPhase } from '../data-access/proposals';
import { useGovernanceQuery } from '../data-access/queries';
import { ProposalCard } from './ProposalCard';
import { ProposeForm } from './ProposeForm';

function Council({ tx, you }: { tx: Transaction | null; you: Address | null }) {
  const wall = useNow();
  const q = useGovernanceQuery();
  if (q.isPending) return <p className="p-4">Reading the council…</p>;
  if (q.isError) return <ReadError error={q.error} />;
  const s = q.data;
  const g = s.governance;
  if (!g) return <div className="card">No central bank on this cluster yet.</div>;
  // The node's clock, carried on by the wall clock between reads.
  const now = Math.floor(wall + s.clockSkew);
  const members = councilMembers(g);
  const isMember = you !== null && members.includes(you);
  const finished = (p: Proposal) => p.status !== ProposalStatus.Active;
  const open = s.proposals.filter((p) => !finished(p.data));
  const past = s.proposals.filter((p) => finished(p.data));
  return (
    <div className="space-y-6" data-testid="governance">
      <section className="card">
        <h2 className="mb-3 text-base font-semibold">Central bank council</h2>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <div>
            <dt className="stat-label">Threshold</dt>
            <dd className="stat-value" data-testid="council-threshold">
              {g.threshold} of {g.memberCount}
            </dd>
          </div>
          <div>
            <dt className="stat-label">Timelock</dt>
            <dd className="stat-value" data-testid="council-timelock">{fmtDuration(g.timelockSecs)}</dd>
          </div>
          <div>
            <dt className="stat-label">Council version</dt>
            <dd className="stat-value">{g.councilVersion}</dd>
          </div>
          <div>
            <dt className="stat-label">Proposals</dt>
            <dd className="stat-value">{g.proposalCount.toString()}</dd>
          </div>
        </dl>
        <h3 className="mt-4 stat-label">Members</h3>
        <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="council-members">
          {members.map((m) => (
            <li key={m} data-address={m}>
              <Addr a={m} you={you} />
            </li>
          ))}
        </ul>
        <p className="mt-3 text-sm text-muted" data-testid="council-you">
          {you === null
            ? 'Connect a council member’s wallet to approve, execute or cancel.'
            : isMember
              ? 'Your wallet is on the council.'
              : 'Your wallet is not on the council; you can follow the proposals here.'}
        </p>
        <TxError tx={tx} testId="governance-error" className="mt-2 text-sm" />
      </section>
      <section className="card">
        <h2 className="mb-3 text-base font-semibold">Open proposals</h2>
        {open.length === 0 ? (
          <p className="text-sm text-muted" data-testid="no-proposals">No open proposals.</p>
        ) : (
          <ul className="space-y-3" data-testid="proposals">
            {open.map((p) => (
              <ProposalCard key={p.address} p={p} g={g} now={now} you={you} tx={tx} />
            ))}
          </ul>
        )}
      </section>
      {tx && you !== null && isMember ? <ProposeForm g={g} you={you} tx={tx} /> : null}
      {past.length > 0 ? (
        <section className="card">
          <h2 className="mb-3 text-base font-semibold">Past proposals</h2>
          <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="past-proposals">
            {past.map(({ address: a, data: d }) => (
              <li key={a} className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 py-2" data-testid={`proposal-${d.index}`}>
                <span className="min-w-0">
                  #{d.index.toString()} <span data-testid="proposal-action">{describeAction(d.action)}</span>
                </span>
                <span className="text-muted">
                  <span data-testid="proposal-state">{phaseText(proposalPhase(d, g, now), now)}</span>
                  {d.executedAt > 0n ? ` ${fmtDate(d.executedAt)}` : ''} · <span data-testid="proposal-approvals">{d.approvals} of {g.threshold}</span>{' '}
                  approvals
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function CouncilMember({ account }: { account: UiWalletAccount }) {
  const tx = useGovernanceMutation(account);
  return <Council tx={tx} you={address(account.address)} />;
}

export function GovernancePage() {
  return (
    <WalletGate fallback={<Council tx={null} you={null} />}>
      {(account) => <CouncilMember key={account.address} account={account} />}
    </WalletGate>
  );
}
