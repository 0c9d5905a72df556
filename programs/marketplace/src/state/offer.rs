use anchor_lang::prelude::*;
use se_math::mul_div_ceil;

use crate::errors::{MarketplaceError, MathExt};

/// Longest an offer may stay open (90 days).
pub const MAX_OFFER_SECS: i64 = 90 * 86_400;

/// An escrowed limit offer: the maker sells `sell_total` of `sell_mint` for `buy_total` of
/// `buy_mint`, fillable in parts. PDA `[OFFER, maker, id]`; its vault holds what remains.
#[account]
#[derive(InitSpace)]
pub struct Offer {
    /// PDA bump.
    pub bump: u8,
    /// Bump of the escrow vault PDA.
    pub vault_bump: u8,
    /// Who made it and receives the buy side.
    pub maker: Pubkey,
    /// Chosen by the maker; a PDA seed.
    pub id: u64,
    /// Mint escrowed.
    pub sell_mint: Pubkey,
    /// Mint wanted.
    pub buy_mint: Pubkey,
    /// Token program of the sell mint.
    pub sell_token_program: Pubkey,
    /// Token program of the buy mint.
    pub buy_token_program: Pubkey,
    /// Which side is the currency (the other is a listed asset); volume is counted on it.
    pub sell_is_currency: bool,
    /// Sell units offered in all.
    pub sell_total: u64,
    /// Buy units wanted for all of them.
    pub buy_total: u64,
    /// Sell units still in escrow.
    pub remaining: u64,
    /// Buy units the maker has received so far.
    pub received: u64,
    /// UNIX time made.
    pub created_at: i64,
    /// UNIX time it stops filling; anyone may close it after.
    pub expires_at: i64,
}

impl Offer {
    /// The offer PDA's signer seeds; `id` holds `self.id.to_le_bytes()`.
    pub fn seeds<'a>(&'a self, id: &'a [u8; 8]) -> [&'a [u8]; 4] {
        [
            crate::seeds::OFFER,
            self.maker.as_ref(),
            id,
            std::slice::from_ref(&self.bump),
        ]
    }

    /// What a taker pays for `sell` units: `ceil(sell * buy_total / sell_total)`, so rounding
    /// always favours the maker.
    pub fn price_of(&self, sell: u64) -> Result<u64> {
        mul_div_ceil(sell, self.buy_total, self.sell_total).math()
    }

    /// Records a fill of `sell` units for `paid`, after checking it fits and is on time.
    pub fn fill(&mut self, sell: u64, paid: u64, now: i64) -> Result<()> {
        require!(now < self.expires_at, MarketplaceError::OfferExpired);
        require!(sell <= self.remaining, MarketplaceError::OverFill);
        self.remaining -= sell;
        self.received = se_math::checked_add(self.received, paid).math()?;
        Ok(())
    }

    /// The currency-denominated volume of a fill of `sell` units paid with `paid`.
    pub fn volume(&self, sell: u64, paid: u64) -> u64 {
        if self.sell_is_currency {
            sell
        } else {
            paid
        }
    }

    /// The maker never receives less than the pro-rata price of what left escrow.
    pub fn invariant(&self, vault: u64) -> Result<()> {
        require!(vault >= self.remaining, MarketplaceError::ReservesNotBacked);
        let sold = self.sell_total - self.remaining;
        require!(
            self.received as u128 * self.sell_total as u128
                >= sold as u128 * self.buy_total as u128,
            MarketplaceError::InvariantViolated
        );
        Ok(())
    }
}
