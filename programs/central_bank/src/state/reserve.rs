use anchor_lang::prelude::*;
use se_math::savings::{index_after_payment, interest_with_carry, value_of_shares, INDEX_SCALE};

use crate::errors::{CentralBankError, MathExt};

pub const CURRENCY_DECIMALS: u8 = 6;

/// Reserve, currency and savings accounting. Singleton PDA `[RESERVE]`; it is the currency's
/// mint and freeze authority and the owner of every vault.
///
/// Supply rule: currency supply <= `collateral_held` (minted 1:1 against collateral) +
/// `issued_outstanding` (minted by governance, at most the policy cap); equality holds until a
/// holder burns currency directly. Swap fees are minted as
/// backed currency into the surplus vault, and savings interest is paid only from that vault.
#[account]
#[derive(InitSpace, Default)]
pub struct Reserve {
    /// PDA bump.
    pub bump: u8,
    /// The Token-2022 currency mint (6 decimals).
    pub currency_mint: Pubkey,
    /// The collateral mint currency is minted against 1:1.
    pub collateral_mint: Pubkey,
    /// Token program of the collateral mint.
    pub collateral_token_program: Pubkey,
    /// Holds the collateral.
    pub collateral_vault: Pubkey,
    /// Currency from fees; pays savings interest and lends to the marketplace.
    pub surplus_vault: Pubkey,
    /// Currency of the savings positions and their interest.
    pub savings_vault: Pubkey,
    /// Collateral the reserve owes to currency holders; equals the currency minted against it.
    pub collateral_held: u64,
    /// Currency issued by governance without collateral, still outstanding.
    pub issued_outstanding: u64,
    /// Cumulative swap fees paid into the surplus vault.
    pub fees_collected: u64,
    /// Savings index, scaled by `INDEX_SCALE` (starts at 1.0).
    pub savings_index: u128,
    /// Savings shares of every position.
    pub savings_total_shares: u64,
    /// UNIX time of the last savings accrual.
    pub savings_last_accrual: i64,
    /// Interest owed below one base unit, carried to the next accrual (in units of
    /// `1 / se_math::savings::INTEREST_DENOMINATOR`), so frequent accrual loses nothing.
    pub savings_interest_carry: u64,
    /// Cumulative interest moved from the surplus vault into the savings vault.
    pub interest_paid: u64,
    /// Cumulative interest owed that the surplus could not cover (never paid later).
    pub interest_shortfall: u64,
    /// Start of the current reserve-support period, and the currency value lent in it.
    pub support_period_start: i64,
    /// Currency value lent to the marketplace in the current period.
    pub support_used: u64,
    /// Cumulative currency value lent to the marketplace for stabilisation.
    pub support_total: u64,
}

/// Result of one accrual.
pub struct Accrual {
    pub owed: u64,
    pub paid: u64,
}

impl Reserve {
    pub fn new_savings_index() -> u128 {
        INDEX_SCALE
    }

    /// Accrues savings interest since the last accrual at `rate_bps`, paying at most
    /// `surplus_available`. The caller moves `paid` from the surplus to the savings vault.
    /// Rounding: interest is floored to whole base units, and the fraction is carried to the
    /// next accrual, so calling `accrue` often (it is permissionless) pays the same as calling
    /// it once; the index step is floored too, so the savings vault always covers every
    /// position's value. With no shares there is nobody to owe, and the carry is dropped.
    pub fn accrue(&mut self, rate_bps: u16, now: i64, surplus_available: u64) -> Result<Accrual> {
        let elapsed = now.saturating_sub(self.savings_last_accrual).max(0) as u64;
        self.savings_last_accrual = now.max(self.savings_last_accrual);
        if self.savings_total_shares == 0 {
            self.savings_interest_carry = 0;
        }
        if self.savings_total_shares == 0 || elapsed == 0 {
            return Ok(Accrual { owed: 0, paid: 0 });
        }
        let value = value_of_shares(self.savings_total_shares, self.savings_index).math()?;
        let (owed, carry) =
            interest_with_carry(value, rate_bps, elapsed, self.savings_interest_carry).math()?;
        self.savings_interest_carry = carry;
        let paid = owed.min(surplus_available);
        self.savings_index =
            index_after_payment(self.savings_index, self.savings_total_shares, paid).math()?;
        self.interest_paid = se_math::checked_add(self.interest_paid, paid).math()?;
        self.interest_shortfall =
            se_math::checked_add(self.interest_shortfall, owed - paid).math()?;
        Ok(Accrual { owed, paid })
    }

    /// Counts `value` against the support cap of the period containing `now` (periods start
    /// at the first support after the previous one ended).
    pub fn use_support(&mut self, value: u64, now: i64, cap: u64, period_secs: u32) -> Result<()> {
        if now >= self.support_period_start.saturating_add(period_secs as i64) {
            self.support_period_start = now;
            self.support_used = 0;
        }
        let used = se_math::checked_add(self.support_used, value).math()?;
        require!(used <= cap, CentralBankError::SupportCapExceeded);
        self.support_used = used;
        self.support_total = se_math::checked_add(self.support_total, value).math()?;
        Ok(())
    }

    pub fn invariant(&self, currency_supply: u64, issuance_cap: u64) -> Result<()> {
        // `<=`, not `==`: holders may burn their own currency, which only leaves extra backing.
        require!(
            currency_supply as u128
                <= self.collateral_held as u128 + self.issued_outstanding as u128,
            CentralBankError::SupplyInvariantViolated
        );
        require!(
            self.issued_outstanding <= issuance_cap,
            CentralBankError::IssuanceCapExceeded
        );
        require!(
            self.savings_index >= INDEX_SCALE,
            CentralBankError::SupplyInvariantViolated
        );
        Ok(())
    }
}
