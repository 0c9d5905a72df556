// The wallet's attestation, and its member account (or the button that creates it).
import type { Address } from '@solana/kit';
import type { Attestation } from '@sourceenergy/client/central-bank';
import type { Member } from '@sourceenergy/client/member';
import { fmtCo2, fmtCurrency, fmtKwh } from '@sourceenergy/client';
import { fmtDate } from '../../../shared/format';
import { isSending, type Transaction } from '../../../shared/transaction/useTransaction';
import { Row, TxError } from '../../../shared/ui/ui';
import { createMemberIxs } from '../data-access/instructions';
import { attestationStatus } from '../data-access/memberState';

export function AttestationSection({ attestation, now }: { attestation: Attestation | null; now: number }) {
  return (
    <section className="card">
      <h2 className="mb-3 text-base font-semibold">Attestation</h2>
      {attestation ? (
        <dl className="text-sm">
          <Row label="Status" value={attestationStatus(attestation, now)} testId="attestation-status" />
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
  );
}

const CREATE = 'Create member account';

export function MemberAccountSection({
  member,
  wallet,
  attested,
  tx,
}: {
  member: Member | null;
  wallet: Address;
  attested: boolean;
  tx: Transaction;
}) {
  return (
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
            disabled={!attested || tx.isPending}
            onClick={() => tx.mutate({ label: CREATE, instructions: () => createMemberIxs(wallet) })}
            data-testid="create-member"
          >
            {isSending(tx, CREATE) ? 'Working…' : CREATE}
          </button>
          {!attested ? (
            <p className="text-xs text-muted">Needs a valid attestation first.</p>
          ) : null}
        </div>
      )}
      <TxError tx={tx} testId="tx-error" className="mt-3 text-sm" />
    </section>
  );
}
