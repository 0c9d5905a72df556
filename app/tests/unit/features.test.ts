// The pure pieces the feature folders' data-access holds (offer, epoch and attestation math, the
// governance form's actions) and the query-key hierarchy that invalidation relies on.
import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import type { Address } from '@solana/kit';
import { RoleKind, type Attestation } from '@sourceenergy/client/central-bank';
import { epochAt } from '../../src/features/dashboard/data-access/marketMath';
import { simpleAction } from '../../src/features/governance/data-access/instructions';
import { attestationStatus } from '../../src/features/member/data-access/memberState';
import { isExpired, offerPrice, offerTotal } from '../../src/features/offers/data-access/offerMath';
import { pda } from '../../src/shared/chain/pda';
import { queryKeys } from '../../src/shared/query/queryKeys';

const A = 'So11111111111111111111111111111111111111112' as Address;
const B = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb' as Address;
const RPC = 'http://127.0.0.1:8899';

describe('offers', () => {
  it('charges a taker ceil(sell × buy total / sell total), as Offer::price_of', () => {
    expect(offerPrice({ buyTotal: 1_000n, sellTotal: 3n }, 1n)).toBe(334n);
    expect(offerPrice({ buyTotal: 1_000n, sellTotal: 4n }, 2n)).toBe(500n);
  });

  it('prices the credits of a new offer at currency per kWh, rounded down', () => {
    expect(offerTotal(1_500n, 200_000n)).toBe(300_000n);
    expect(offerTotal(1n, 999n)).toBe(0n);
  });

  it('is expired from its expiry on, by the node clock', () => {
    expect(isExpired({ expiresAt: 100n }, 99)).toBe(false);
    expect(isExpired({ expiresAt: 100n }, 100)).toBe(true);
  });
});

describe('dashboard', () => {
  it('counts fixed-length epochs from the market genesis', () => {
    const market = { genesis: 1_000n, epochLengthSecs: 100 };
    expect(epochAt(market, 1_000)).toEqual({ index: 0, end: 1_100 });
    expect(epochAt(market, 1_250)).toEqual({ index: 2, end: 1_300 });
    expect(epochAt(market, 500)).toEqual({ index: 0, end: 1_100 });
  });
});

describe('member', () => {
  it('an attestation is valid until it expires, unless revoked', () => {
    const att = (revoked: boolean, expiresAt: bigint) => ({ revoked, expiresAt }) as Attestation;
    expect(attestationStatus(att(false, 200n), 100)).toBe('valid');
    expect(attestationStatus(att(false, 100n), 100)).toBe('expired');
    expect(attestationStatus(att(true, 200n), 100)).toBe('revoked');
  });
});

describe('governance', () => {
  it('builds the proposal form’s actions; an issue pays the wallet’s currency account', async () => {
    expect(await simpleAction('GrantRole', A, RoleKind.GridOfftaker, 0n)).toEqual({
      __kind: 'GrantRole',
      role: RoleKind.GridOfftaker,
      subject: A,
    });
    expect(await simpleAction('RemoveKycProvider', A, RoleKind.MeterRegistrar, 0n)).toEqual({
      __kind: 'RemoveKycProvider',
      provider: A,
    });
    expect(await simpleAction('IssueCurrency', A, RoleKind.MeterRegistrar, 5n)).toEqual({
      __kind: 'IssueCurrency',
      recipient: await pda.associatedToken(A, await pda.currencyMint()),
      amount: 5n,
    });
  });

  it('derives a role record from the role by name or by value', async () => {
    expect(await pda.role('GridOfftaker', A)).toBe(await pda.role(RoleKind.GridOfftaker, A));
  });
});

describe('query keys', () => {
  it("invalidating a wallet's member keys refreshes every member-page read of that wallet and nothing else", async () => {
    const client = new QueryClient();
    const keys = [
      queryKeys.member.state(RPC, A),
      queryKeys.member.claims(RPC, A, 7n),
      queryKeys.member.carbon(RPC, A),
      queryKeys.member.meters(RPC, A),
      queryKeys.member.household(RPC, A, B),
    ];
    const others = [
      queryKeys.member.state(RPC, B),
      queryKeys.member.state('http://other:8899', A),
      queryKeys.trade(RPC, A),
      queryKeys.watchList(A, []),
    ];
    for (const key of [...keys, ...others]) client.setQueryData(key, 1);
    await client.invalidateQueries({ queryKey: queryKeys.member.all(RPC, A) });
    for (const key of keys) expect(client.getQueryState(key)?.isInvalidated, String(key)).toBe(true);
    for (const key of others) expect(client.getQueryState(key)?.isInvalidated, String(key)).toBe(false);
  });

  it('the household, community, governance and offers keys sit under their feature', () => {
    const under = (key: readonly unknown[], prefix: readonly unknown[]) =>
      expect(key.slice(0, prefix.length)).toEqual(prefix);
    under(queryKeys.household.page(RPC, null, A), queryKeys.household.all(RPC));
    under(queryKeys.community.holdings(RPC, A, B), queryKeys.community.all(RPC));
    under(queryKeys.community.list(RPC), queryKeys.community.all(RPC));
    under(queryKeys.governance.council(RPC), queryKeys.governance.all(RPC));
    under(queryKeys.governance.currencyAccountExists(RPC, A), queryKeys.governance.all(RPC));
    under(queryKeys.offers.forWallet(RPC, A), queryKeys.offers.all(RPC));
  });
});
