import { describe, expect, it } from 'vitest';
import { minimumReceived, quoteSwap } from '../../src/features/trade/data-access/swapQuote';

const pool = { assetReserve: 1_000_000n, currencyReserve: 2_000_000n, lpFeeBps: 25 };

describe('swap quote (the program’s arithmetic)', () => {
  it('buys the asset: protocol and LP fees on the input, constant product on the rest', () => {
    const q = quoteSwap(pool, true, 10_000n, 30)!;
    // protocol ceil(10000*30/1e4) = 30, lp ceil(10000*25/1e4) = 25, effective 9945
    expect(q.protocolFee).toBe(30n);
    expect(q.lpFee).toBe(25n);
    expect(q.amountOut).toBe((1_000_000n * 9_945n) / (2_000_000n + 9_945n));
    expect(q.priceImpact).toBeGreaterThan(0.0055 - 1e-9);
    expect(q.priceImpact).toBeLessThan(0.02);
  });

  it('sells the asset: LP fee on the input, protocol fee on the gross output', () => {
    const q = quoteSwap(pool, false, 10_000n, 30)!;
    const gross = (2_000_000n * 9_975n) / (1_000_000n + 9_975n);
    expect(q.protocolFee).toBe((gross * 30n + 9_999n) / 10_000n);
    expect(q.amountOut).toBe(gross - q.protocolFee);
  });

  it('refuses empty pools and amounts eaten by fees; minimum received rounds down', () => {
    expect(quoteSwap({ ...pool, assetReserve: 0n }, true, 10n, 30)).toBeNull();
    expect(quoteSwap(pool, true, 1n, 30)).toBeNull();
    expect(minimumReceived(1_000n, 50)).toBe(995n);
    expect(minimumReceived(999n, 100)).toBe(989n);
  });
});
