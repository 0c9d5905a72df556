import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { UiWalletAccount } from '@wallet-standard/react';
import { address } from '@solana/kit';
import { getCreateMemberInstructionAsync } from '../generated/member';
import { loadMemberState } from '../lib/chain';
import { useApp } from '../lib/context';
import { fmtCo2, fmtCurrency, fmtDate, fmtKwh } from '../lib/format';
import { pda } from '../lib/pda';
import { useNow } from '../lib/useNow';
import { useSend, type SendOutcome } from '../lib/useSend';

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="flex justify-between gap-4 border-t border-slate-200 py-1.5 first:border-0 dark:border-slate-800">
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="text-right tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function Connected({ account }: { account: UiWalletAccount }) {
  const { rpc, cluster } = useApp();
  const wallet = address(account.address);
  const send = useSend(account);
  const now = useNow();
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<SendOutcome | null>(null);
  const q = useQuery({
    queryKey: ['member', cluster.rpcUrl, account.address],
    queryFn: () => loadMemberState(rpc, wallet),
    refetchInterval: 5_000,
  });

  if (q.isPending) return <p>Reading your accounts…</p>;
  if (q.isError) return <p role="alert">Cannot read the chain: {String(q.error)}</p>;
  const { attestation, member } = q.data;
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
