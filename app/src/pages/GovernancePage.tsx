// The central bank's council and its proposals; council members approve, execute and cancel.
import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { UiWalletAccount } from '@wallet-standard/react';
import { address, type Address, type Instruction } from '@solana/kit';
import { ProposalStatus, type Governance, type Proposal } from '../generated/central_bank';
import type { Decoded } from '../lib/chain';
import { useApp } from '../lib/context';
import { fmtDate, fmtDuration, short } from '../lib/format';
import {
  approveIx,
  cancelIx,
  councilMembers,
  describeAction,
  executeIx,
  loadGovernance,
  membersOf,
  phaseText,
  proposalPhase,
} from '../lib/governance';
import { useNow } from '../lib/useNow';
import { ProposeForm } from '../components/ProposeForm';
import { useSend, type SendOutcome } from '../lib/useSend';

type Run = (label: string, ixs: () => Promise<Instruction[]>) => Promise<void>;

function Addr({ a, you }: { a: Address; you: Address | null }) {
  return (
    <span className="font-mono" title={a}>
      {short(a)}
      {a === you ? <span className="ml-1 font-sans text-emerald-700 dark:text-emerald-400">(you)</span> : null}
    </span>
  );
}

function ProposalCard({
  p,
  g,
  now,
  you,
  busy,
  run,
}: {
  p: Decoded<Proposal>;
  g: Governance;
  now: number;
  you: Address | null;
  busy: boolean;
  run: Run | null;
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
  return (
    <li className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800" data-testid={`proposal-${index}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-medium">
          #{index.toString()} <span data-testid="proposal-action">{describeAction(d.action)}</span>
        </span>
        <span
          className={`rounded px-2 py-0.5 text-xs ${phase.kind === 'ready' ? 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-200' : 'bg-slate-100 dark:bg-slate-800'}`}
          data-testid="proposal-state"
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
      {run && you !== null && isMember && (live || dead) ? (
        <div className="mt-3 flex flex-wrap gap-2">
          {live && !approved ? (
            <button type="button" className="btn" data-testid="proposal-approve" disabled={busy} onClick={() => run(`Approve #${index}`, async () => [await approveIx(you, index)])}>
              Approve
            </button>
          ) : null}
          {live ? (
            <button
              type="button"
              className="btn"
              data-testid="proposal-execute"
              disabled={busy || phase.kind !== 'ready'}
              title={phase.kind === 'ready' ? undefined : phaseText(phase, now)}
              onClick={() => run(`Execute #${index}`, async () => [await executeIx(you, d)])}
            >
              Execute
            </button>
          ) : null}
          {dead || d.proposer === you ? (
            <button type="button" className="btn-secondary" data-testid="proposal-cancel" disabled={busy} onClick={() => run(`Cancel #${index}`, async () => [await cancelIx(you, index)])}>
              Cancel
            </button>
          ) : !votedCancel ? (
            <button type="button" className="btn-secondary" data-testid="proposal-vote-cancel" disabled={busy} onClick={() => run(`Vote to cancel #${index}`, async () => [await cancelIx(you, index)])}>
              Vote to cancel
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

function Connected({ account, children }: { account: UiWalletAccount; children: (run: Run, busy: boolean, last: SendOutcome | null) => ReactNode }) {
  const send = useSend(account);
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<SendOutcome | null>(null);
  const run: Run = async (label, build) => {
    setBusy(true);
    try {
      setLast(await send(label, await build()));
    } catch (e) {
      setLast({ ok: false, kind: 'other', message: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };
  return <>{children(run, busy, last)}</>;
}

function View({ run, busy, last, you }: { run: Run | null; busy: boolean; last: SendOutcome | null; you: Address | null }) {
  const { rpc, cluster } = useApp();
  const wall = useNow();
  const q = useQuery({
    queryKey: ['governance', cluster.rpcUrl],
    queryFn: () => loadGovernance(rpc),
    refetchInterval: 5_000,
  });
  if (q.isPending) return <p className="p-4">Reading the council…</p>;
  if (q.isError) return <p role="alert">Cannot read the chain: {String(q.error)}</p>;
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
        <p className="mt-3 text-sm text-slate-500 dark:text-slate-400" data-testid="council-you">
          {you === null
            ? 'Connect a council member’s wallet to approve, execute or cancel.'
            : isMember
              ? 'Your wallet is on the council.'
              : 'Your wallet is not on the council; you can follow the proposals here.'}
        </p>
        {last && !last.ok ? (
          <p className="mt-2 text-sm text-red-700 dark:text-red-400" role="alert" data-testid="governance-error">
            {last.message}
          </p>
        ) : null}
      </section>
      <section className="card">
        <h2 className="mb-3 text-base font-semibold">Open proposals</h2>
        {open.length === 0 ? (
          <p className="text-sm text-slate-500" data-testid="no-proposals">No open proposals.</p>
        ) : (
          <ul className="space-y-3" data-testid="proposals">
            {open.map((p) => (
              <ProposalCard key={p.address} p={p} g={g} now={now} you={you} busy={busy} run={run} />
            ))}
          </ul>
        )}
      </section>
      {run && you !== null && isMember ? <ProposeForm g={g} you={you} busy={busy} run={run} /> : null}
      {past.length > 0 ? (
        <section className="card">
          <h2 className="mb-3 text-base font-semibold">Past proposals</h2>
          <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="past-proposals">
            {past.map(({ address: a, data: d }) => (
              <li key={a} className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 py-2" data-testid={`proposal-${d.index}`}>
                <span className="min-w-0">
                  #{d.index.toString()} <span data-testid="proposal-action">{describeAction(d.action)}</span>
                </span>
                <span className="text-slate-500 dark:text-slate-400">
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

export function GovernancePage() {
  const { account } = useApp();
  if (!account) return <View run={null} busy={false} last={null} you={null} />;
  return (
    <Connected key={account.address} account={account}>
      {(run, busy, last) => <View run={run} busy={busy} last={last} you={address(account.address)} />}
    </Connected>
  );
}
