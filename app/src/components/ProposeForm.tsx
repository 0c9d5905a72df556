// A council member proposes one of the simple actions (KYC providers, roles, currency issue);
// council and policy changes take more than a form and are left to the CLI.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { fetchEncodedAccount, isAddress, type Address, type Instruction } from '@solana/kit';
import { RoleKind, type Governance, type GovernanceAction } from '../generated/central_bank';
import { parseAmount } from '../lib/actions';
import { useApp } from '../lib/context';
import { proposeIx } from '../lib/governance';
import { pda, ROLE_KINDS } from '../lib/pda';

const KINDS = {
  ApproveKycProvider: 'Approve a KYC provider',
  RemoveKycProvider: 'Remove a KYC provider',
  GrantRole: 'Grant a role',
  RevokeRole: 'Revoke a role',
  IssueCurrency: 'Issue currency (unbacked, within the cap)',
} as const;
type Kind = keyof typeof KINDS;

export function ProposeForm({
  g,
  you,
  busy,
  run,
}: {
  g: Governance;
  you: Address;
  busy: boolean;
  run: (label: string, build: () => Promise<Instruction[]>) => Promise<void>;
}) {
  const [kind, setKind] = useState<Kind>('GrantRole');
  const [target, setTarget] = useState('');
  const [role, setRole] = useState<RoleKind>(RoleKind.MeterRegistrar);
  const [amount, setAmount] = useState('');
  const valid = isAddress(target.trim());
  const amountBase = parseAmount(amount);
  const ready = valid && (kind !== 'IssueCurrency' || amountBase !== null);
  const { rpc, cluster } = useApp();
  // An issue pays the wallet's currency account, which must exist when the proposal executes.
  const recipient = useQuery({
    queryKey: ['currency-account-exists', cluster.rpcUrl, target.trim()],
    queryFn: async () =>
      (await fetchEncodedAccount(rpc, await pda.associatedToken(target.trim() as Address, await pda.currencyMint()))).exists,
    enabled: kind === 'IssueCurrency' && valid,
  });

  const action = async (): Promise<GovernanceAction> => {
    const a = target.trim() as Address;
    switch (kind) {
      case 'ApproveKycProvider':
      case 'RemoveKycProvider':
        return { __kind: kind, provider: a };
      case 'GrantRole':
      case 'RevokeRole':
        return { __kind: kind, role, subject: a };
      case 'IssueCurrency':
        // The recipient is the wallet's currency account; it must exist when executed.
        return { __kind: kind, recipient: await pda.associatedToken(a, await pda.currencyMint()), amount: amountBase ?? 0n };
    }
  };

  return (
    <section className="card space-y-3 text-sm" data-testid="propose-form">
      <h2 className="text-base font-semibold">Propose</h2>
      <p className="text-slate-500 dark:text-slate-400">
        Proposing counts as your approval; {g.threshold} of {g.memberCount} approvals, then a timelock of the council’s
        length, before any member executes it.
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block">
          <span className="stat-label">Action</span>
          <select className="input mt-1" data-testid="propose-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
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
              {ROLE_KINDS.map((name, i) => (
                <option key={name} value={i}>
                  {name}
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
      {target.trim() !== '' && !valid ? <p className="text-red-700 dark:text-red-400">Not an address.</p> : null}
      {kind === 'IssueCurrency' && valid && recipient.data === false ? (
        <p className="text-amber-700 dark:text-amber-400" data-testid="propose-warning">
          This wallet has no currency account yet; the issue cannot be executed until it has one.
        </p>
      ) : null}
      <button
        type="button"
        className="btn"
        data-testid="propose-submit"
        disabled={busy || !ready}
        onClick={() => run(`Propose #${g.proposalCount}`, async () => [await proposeIx(you, g, await action())])}
      >
        Propose
      </button>
    </section>
  );
}
