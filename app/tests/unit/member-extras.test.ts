import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  getAddressEncoder,
  getI64Encoder,
  getU32Encoder,
  getU64Encoder,
  type Address,
} from '@solana/kit';
import {
  MAX_REASON_BYTES,
  RETIREMENT_DISCRIMINATOR,
  carbonGrams,
  getRetirementDecoder,
  reasonBytes,
} from '../../src/features/member/data-access/carbon';
import { fmtCarbonG, fmtKw, fmtKwhExact, fmtSharePrice, fmtShares } from '@sourceenergy/client';
import { energyValue, isMembersMeter } from '../../src/features/member/data-access/meters';
import { FALLBACK_POLL_MS, LIVE_POLL_MS, pollInterval, walletWatchList } from '../../src/shared/query/livePolicy';
import { ledgerOf } from '../../src/features/member/data-access/household';
import { valueOfShares } from '../../src/shared/math/fund';
import { pda } from '../../src/shared/chain/pda';
import type { Household } from '@sourceenergy/client/household';
import type { Meter } from '@sourceenergy/client/grid-market';

const A = 'So11111111111111111111111111111111111111112' as Address;
const B = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb' as Address;
const C = 'ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL' as Address;

describe('carbon', () => {
  it("Retirement's discriminator is Anchor's sha256(\"account:Retirement\")[..8]", () => {
    const want = createHash('sha256').update('account:Retirement').digest().subarray(0, 8);
    expect([...RETIREMENT_DISCRIMINATOR]).toEqual([...want]);
  });

  it('decodes a Retirement record laid out as the program writes it (Borsh)', () => {
    const reason = 'Offset ☀';
    const reasonUtf8 = new TextEncoder().encode(reason);
    const bytes = new Uint8Array([
      ...RETIREMENT_DISCRIMINATOR,
      254, // bump
      ...getU64Encoder().encode(7n), // serial
      ...getAddressEncoder().encode(A), // wallet
      ...getAddressEncoder().encode(B), // beneficiary
      ...getU64Encoder().encode(3_238n), // carbon_g
      ...getU32Encoder().encode(reasonUtf8.length),
      ...reasonUtf8,
      ...getI64Encoder().encode(1_796_091_401n), // retired_at
      ...new Uint8Array(MAX_REASON_BYTES - reasonUtf8.length), // the account's unused reason space
    ]);
    const r = getRetirementDecoder().decode(bytes);
    expect(r).toMatchObject({ bump: 254, serial: 7n, wallet: A, beneficiary: B, carbonG: 3_238n, reason, retiredAt: 1_796_091_401n });
  });

  it('converts Wh to grams as se_math::carbon_grams: floor(wh × g/kWh / 1000)', () => {
    expect(carbonGrams(1_500n, 380)).toBe(570n);
    expect(carbonGrams(1n, 380)).toBe(0n);
    expect(carbonGrams(3n, 380)).toBe(1n); // 1.14 → 1
    expect(carbonGrams(17_043n, 380)).toBe(6_476n); // the economy's registry: converted 17,043 Wh, minted 6,476 g
  });

  it('counts the reason in UTF-8 bytes, as the program limits it', () => {
    expect(reasonBytes('abc')).toBe(3);
    expect(reasonBytes('☀')).toBe(3);
    expect(reasonBytes('x'.repeat(64))).toBe(MAX_REASON_BYTES);
  });
});

describe('meters', () => {
  it('prices energy as se_math::energy_value: floor(wh × price per kWh / 1000)', () => {
    expect(energyValue(25_603n, 115_424n)).toBe(2_955_200n);
    expect(energyValue(1n, 999n)).toBe(0n);
  });

  it('shows capacity in kW', () => {
    expect(fmtKw(7_000n)).toBe('7 kW');
    expect(fmtKw(6_500n)).toBe('6.5 kW');
    expect(fmtKw(40_000n)).toBe('40 kW');
  });

  it("a member's meters: owned by the member account or the wallet, or crediting the wallet", () => {
    const m = (owner: Address, creditsTo: Address) => ({ owner, creditsTo }) as Meter;
    expect(isMembersMeter(m(B, A), A, B)).toBe(true);
    expect(isMembersMeter(m(A, C), A, B)).toBe(true);
    expect(isMembersMeter(m(C, A), A, B)).toBe(true);
    expect(isMembersMeter(m(C, C), A, B)).toBe(false);
  });
});

describe('units', () => {
  it('shows community shares with the share mint’s 6 decimals', () => {
    expect(fmtShares(25_000_000n)).toBe('25.00');
    expect(fmtShares(1_234_567n)).toBe('1.234567');
    expect(fmtShares(0n)).toBe('0.00');
    expect(fmtSharePrice(2_078_180_000 / 2_000_000_000)).toBe('1.039090');
  });

  it('shows carbon credits and energy credits exactly', () => {
    expect(fmtCarbonG(3_238n)).toBe('3.238 kg CO₂');
    expect(fmtCarbonG(250n)).toBe('0.250 kg CO₂');
    expect(fmtCarbonG(12_345_678n)).toBe('12,345.678 kg CO₂');
    expect(fmtKwhExact(88_034n)).toBe('88.034 kWh');
  });
});

describe('live balances', () => {
  it('polls slowly while subscribed, faster without the websocket', () => {
    expect(pollInterval('live')).toBe(LIVE_POLL_MS);
    expect(pollInterval('polling')).toBe(FALLBACK_POLL_MS);
    expect(pollInterval('connecting')).toBe(FALLBACK_POLL_MS);
    expect(LIVE_POLL_MS).toBeGreaterThan(FALLBACK_POLL_MS);
  });

  it("watches the wallet, its member account, its currency, energy and carbon accounts and its contributor record", async () => {
    const list = await walletWatchList(A, [C, C]);
    const member = await pda.member(A);
    expect(list).toEqual([
      A,
      member,
      await pda.associatedToken(A, await pda.currencyMint()),
      await pda.associatedToken(A, await pda.energyCreditMint()),
      await pda.associatedToken(A, await pda.carbonMint()),
      await pda.contributor(member),
      C,
    ]);
  });
});

describe('divest', () => {
  it('pays floor(shares × (liquid + invested) / shares outstanding), as se_math::fund::value_of_shares', () => {
    expect(valueOfShares({ liquid: 1_500_000n, invested: 500_000n, totalShares: 1_000_000n }, 1_000_000n)).toBe(2_000_000n);
    expect(valueOfShares({ liquid: 2n, invested: 0n, totalShares: 3n }, 1n)).toBe(0n);
    expect(valueOfShares({ liquid: 0n, invested: 0n, totalShares: 0n }, 5n)).toBe(0n);
  });
});

describe('household', () => {
  it("finds the wallet's ledger among the trust's set members only", () => {
    const ledger = (wallet: Address) => ({ wallet, weightBps: 5_000, contributed: 1n, distributed: 0n, claimed: 0n, lastDistribution: 0n, energyWh: 0n });
    const h = { memberCount: 1, members: [ledger(A), ledger(B)] } as unknown as Household;
    expect(ledger(A)).toEqual(ledgerOf(h, A));
    expect(ledgerOf(h, B)).toBeNull();
  });
});
