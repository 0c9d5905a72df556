// A council member proposes one of the simple actions (KYC providers, roles, currency issue);
// council and policy changes take more than a form and are left to the CLI.
import { useState } from 'react';
import { isAddress, type Address } from '@solana/kit';
import { RoleKind, type Governance } from '@sourceenergy/client/central-bank';
import { parseAmount } from '@sourceenergy/client';
import type { Transaction } from '../../../shared/transaction/useTransaction';
import { proposeIx, simpleAction, type SimpleActionKind } from '../data-access/instructions';
import { useCurrencyAccountQuery } from '../data-access/queries';

const KINDS: Record<SimpleActionKind, string> = {
  ApproveKycProvider: 'Approve a KYC provider',
  RemoveKycProvider: 'Remove a KYC provider',
  GrantRole: 'Grant a role',
  RevokeRole: 'Revoke a role',
  IssueCurrency: 'Issue currency (unbacked, within the cap)',
};

/** The roles in declaration order: a role's value is its index, as the program encodes it. */
const ROLES = Object.values(RoleKind).filter((r): r is RoleKind => typeof r === 'number');

export function ProposeForm({ g, you, tx }: { g: Governance; you: Address; tx: Transaction }) {
  const [kind, setKind] = useState<SimpleActionKind>('GrantRole');
  const [target, setTarget] = useState('');
  const [role, setRole] = useState<RoleKind>(RoleKind.MeterRegistrar);
  const [amount, setAmount] = useState('');
  const text = target.trim();
  const targetAddress = isAddress(text) ? text : null;
  const valid = targetAddress !== null;
  const amountBase = parseAmount(amount);
  const ready = valid && (kind !== 'IssueCurrency' || amountBase !== null);
  // An issue pays the wallet's currency account, which must exist when the proposal executes.
  const recipient = useCurrencyAccountQuery(targetAddress, kind === 'IssueCurrency');

  const propose = () => {
    if (targetAddress === null) return;
    tx.mutate({
      label: `Propose #${g.proposalCount}`,
      instructions: async () => [await proposeIx(you, g, await simpleAction(kind, targetAddress, role, amountBase ?? 0n))],
    });
  };

  return (
    <section className="card space-y-3 text-sm" data-testid="propose-form">
      <h2 className="text-base font-semibold">Propose</h2>
      <p className="text-muted">
        Proposing counts as your approval; {g.threshold} of {g.memberCount} approvals, then a timelock of the council’s
        length, before any member executes it.
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block">
          <span className="stat-label">Action</span>
          <select className="input mt-1" data-testid="propose-kind" value={kind} onChange={(e) => setKind(e.target.value as SimpleActionKind)}>
            {Object.entries(KINDS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {kind === 'GrantRole' || kind === 'RevokeRole' ? (
          <label className="block">
            <span className="stat-label">Role</span>
            <select className="input mt-1" data-testid="propose-role" value={role} onChange={(e) => setRole(Number(e.target.value) as RoleKind)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {RoleKind[r]}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="block">
          <span className="stat-label">
            {kind.endsWith('KycProvider') ? 'Provider' : kind === 'IssueCurrency' ? 'Recipient wallet' : 'Subject'} (address)
          </span>
          <input className="input mt-1 font-mono" data-testid="propose-address" value={target} onChange={(e) => setTarget(e.target.value)} />
        </label>
        {kind === 'IssueCurrency' ? (
          <label className="block">
            <span className="stat-label">Amount (currency)</span>
            <input className="input mt-1" inputMode="decimal" data-testid="propose-amount" value={amount} onChange={(e) => setAmount(e.target.value)} />
          </label>
        ) : null}
      </div>
      {text !== '' && !valid ? <p className="text-red-700 dark:text-red-400">Not an address.</p> : null}
      {kind === 'IssueCurrency' && valid && recipient.data === false ? (
        <p className="text-amber-700 dark:text-amber-400" data-testid="propose-warning">
          This wallet has no currency account yet; the issue cannot be executed until it has one.
        </p>
      ) : null}
      <button
        type="button"
        className="btn"
        data-testid="propose-submit"
        disabled={tx.isPending || !ready}
        onClick={propose}
      >
        Propose
      </button>
    </section>
  );
}
