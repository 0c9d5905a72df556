use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;
use central_bank::checks;

use super::carbon_accounts::*;
use crate::{
    errors::{MarketplaceError, MathExt},
    events::RetireEvent,
    seeds,
    state::*,
};

/// Burn carbon credits for good and write the permanent retirement record.
#[derive(Accounts)]
pub struct RetireCarbon<'info> {
    #[account(mut)]
    pub owner: Signer<'info>,
    /// CHECK: verified by `central_bank::checks::verify_attestation`.
    pub attestation: UncheckedAccount<'info>,
    /// CHECK: verified by `central_bank::checks::load_policy`.
    pub policy: UncheckedAccount<'info>,
    pub carbon: CarbonAccounts<'info>,
    #[account(mut, token::mint = carbon.carbon_mint, token::authority = owner)]
    pub owner_carbon: Box<InterfaceAccount<'info, TokenAccount>>,
    /// CHECK: created by `se_anchor::create_pda`: its address (the next serial) is
    /// predictable, so pre-funding it must not block retirements.
    #[account(mut, seeds = [seeds::RETIREMENT, &carbon.registry.retirement_count.to_le_bytes()], bump)]
    pub retirement: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

pub fn handle_retire_carbon(
    ctx: Context<RetireCarbon>,
    grams: u64,
    beneficiary: Pubkey,
    reason: String,
) -> Result<()> {
    require!(grams > 0, MarketplaceError::ZeroAmount);
    require!(
        reason.len() <= MAX_REASON_LEN,
        MarketplaceError::ReasonTooLong
    );
    let a = &mut *ctx.accounts;
    let now = Clock::get()?.unix_timestamp;
    // Retiring is allowed while trading is paused: it only removes credits.
    let policy = checks::load_policy(&a.policy)?.params;
    verify_environmental(&policy, &a.attestation, &a.owner.key(), now)?;

    let owner = a.owner.to_account_info();
    let c = &a.carbon;
    c.burn(&c.carbon_mint, &a.owner_carbon, &owner, grams)?;
    let serial = a.carbon.registry.retirement_count;
    let record = Retirement {
        bump: ctx.bumps.retirement,
        serial,
        wallet: a.owner.key(),
        beneficiary,
        carbon_g: grams,
        reason,
        retired_at: now,
    };
    se_anchor::create_pda(
        &owner,
        &a.retirement.to_account_info(),
        &a.system_program.to_account_info(),
        &[seeds::RETIREMENT, &serial.to_le_bytes(), &[record.bump]],
        8 + Retirement::INIT_SPACE,
        &record,
        &crate::ID,
        MarketplaceError::RetirementExists.into(),
    )?;
    let registry = &mut a.carbon.registry;
    registry.retired_g = se_math::checked_add(registry.retired_g, grams).math()?;
    registry.retirement_count = se_math::checked_add(serial, 1).math()?;
    emit_event!(RetireEvent {
        serial,
        wallet: record.wallet,
        beneficiary,
        carbon_g: grams,
    });
    Ok(())
}
