// One open proposal: what it does, its phase, approvals and timelock, and the council member's buttons.
import { useId } from 'react';
import type { Address, Instruction } from '@solana/kit';
import { ProposalStatus, type Governance, type Proposal } from '@sourceenergy/client/central-bank';
import type { Decoded } from '../../../shared/chain/accounts';
import { fmtDate, fmtDuration } from '../../../shared/format';
import type { Transaction } from '../../../shared/transaction/useTransaction';
import { Addr } from '../../../shared/ui/ui';
import { councilMembers, membersOf } from '../data-access/governance';
import { approveIx, cancelIx, executeIx } from '../data-access/instructions';
import { describeAction, phaseText, proposalPhase } from '../data-access/proposals';

export function ProposalCard({
  p,
  g,
  now,
  you,
  tx,
}: {
  p: Decoded<Proposal>;
  g: Governance;
  now: number;
  you: Address | null;
  tx: Transaction | null;
}) {
  const d = p.data;
  const phase = proposalPhase(d, g, now);
  const approvers = membersOf(g, d.approvalBits);
  const cancellers = membersOf(g, d.cancelBits);
  const members = councilMembers(g);
  const isMember = you !== null && members.includes(you);
  const live = phase.kind === 'approving' || phase.kind === 'timelock' || phase.kind === 'ready';
  const dead = phase.kind === 'stale' || phase.kind === 'expired';
  const approved = you !== null && approvers.includes(you);
  const votedCancel = you !== null && cancellers.includes(you);
  const index = d.index;
  const stateId = useId();
  const send = (label: string, instruction: () => Promise<Instruction>) =>
    tx?.mutate({ label, instructions: async () => [await instruction()] });
  return (
    <li className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800" data-testid={`proposal-${index}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-medium">
          #{index.toString()} <span data-testid="proposal-action">{describeAction(d.action)}</span>
        </span>
        <span
          className={`rounded px-2 py-0.5 text-xs ${phase.kind === 'ready' ? 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-200' : 'bg-slate-100 dark:bg-slate-800'}`}
          data-testid="proposal-state"
          id={stateId}
        >
          {phaseText(phase, now)}
        </span>
      </div>
      <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-4">
        <div>
          <dt className="stat-label">Approvals</dt>
          <dd data-testid="proposal-approvals">
            {d.approvals} of {g.threshold}
          </dd>
        </div>
        <div>
          <dt className="stat-label">Proposer</dt>
          <dd>
            <Addr a={d.proposer} you={you} />
          </dd>
        </div>
        <div>
          <dt className="stat-label">Proposed</dt>
          <dd>{fmtDate(d.createdAt)}</dd>
        </div>
        <div>
          <dt className="stat-label">{d.status === ProposalStatus.Active ? 'Expires' : d.executedAt > 0n ? 'Executed' : 'Expired at'}</dt>
          <dd data-testid="proposal-expiry">{fmtDate(d.executedAt > 0n ? d.executedAt : d.expiresAt)}</dd>
        </div>
        <div className="col-span-2">
          <dt className="stat-label">Approved by</dt>
          <dd className="flex flex-wrap gap-x-2" data-testid="proposal-approvers">
            {approvers.length === 0 ? '—' : approvers.map((a) => <Addr key={a} a={a} you={you} />)}
          </dd>
        </div>
        <div className="col-span-2">
          <dt className="stat-label">Timelock</dt>
          <dd data-testid="proposal-timelock">
            {phase.kind === 'timelock'
              ? `${fmtDuration(phase.readyAt - now)} left (from ${fmtDate(phase.readyAt)})`
              : d.thresholdReachedAt > 0n
                ? `passed (threshold reached ${fmtDate(d.thresholdReachedAt)})`
                : `${fmtDuration(g.timelockSecs)} once approved`}
          </dd>
        </div>
        {d.cancellations > 0 ? (
          <div className="col-span-2">
            <dt className="stat-label">Votes to cancel</dt>
            <dd data-testid="proposal-cancel-votes">
              {d.cancellations} of {g.threshold}
            </dd>
          </div>
        ) : null}
      </dl>
      {tx && you !== null && isMember && (live || dead) ? (
        <div className="mt-3 flex flex-wrap gap-2">
          {live && !approved ? (
            <button type="button" className="btn" data-testid="proposal-approve" disabled={tx.isPending} onClick={() => send(`Approve #${index}`, () => approveIx(you, index))}>
              Approve
            </button>
          ) : null}
          {live ? (
            <button
              type="button"
              className="btn"
              data-testid="proposal-execute"
              disabled={tx.isPending || phase.kind !== 'ready'}
              // Why it is not ready yet is the phase shown at the card's top (no hover-only tooltip).
              aria-describedby={phase.kind === 'ready' ? undefined : stateId}
              onClick={() => send(`Execute #${index}`, () => executeIx(you, d))}
            >
              Execute
            </button>
          ) : null}
          {dead || d.proposer === you ? (
            <button type="button" className="btn-secondary" data-testid="proposal-cancel" disabled={tx.isPending} onClick={() => send(`Cancel #${index}`, () => cancelIx(you, index))}>
              Cancel
            </button>
          ) : !votedCancel ? (
            <button type="button" className="btn-secondary" data-testid="proposal-vote-cancel" disabled={tx.isPending} onClick={() => send(`Vote to cancel #${index}`, () => cancelIx(you, index))}>
              Vote to cancel
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
