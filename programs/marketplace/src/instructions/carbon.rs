use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{self, Mint, MintTo, TokenAccount},
};
use central_bank::{checks, state::ActionClass};

use super::pool_accounts::{open_market_policy, verify_participant};
use crate::{
    errors::{MarketplaceError, MathExt},
    events::{ConvertEvent, RetireEvent},
    seeds,
    state::*,
};

/// Creates the carbon registry and the carbon credit mint, bound to L3's energy credit mint.
/// Runs once (fixed-seed `init`).
#[derive(Accounts)]
pub struct InitCarbonRegistry<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    #[account(init, payer = payer, space = 8 + CarbonRegistry::INIT_SPACE, seeds = [seeds::CARBON_REGISTRY], bump)]
    pub registry: Box<Account<'info, CarbonRegistry>>,
    #[account(
        init, payer = payer, seeds = [seeds::CARBON_MINT], bump,
        mint::decimals = 6, mint::authority = registry, mint::token_program = token_program,
    )]
    pub carbon_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(
        seeds = [seeds::ENERGY_CREDIT_MINT], bump, seeds::program = seeds::GRID_MARKET_ID,
        mint::token_program = token_program,
    )]
    pub energy_credit_mint: Box<InterfaceAccount<'info, Mint>>,
    pub token_program: Program<'info, Token2022>,
    pub system_program: Program<'info, System>,
}

pub fn handle_init_carbon_registry(ctx: Context<InitCarbonRegistry>) -> Result<()> {
    let registry = &mut ctx.accounts.registry;
    registry.bump = ctx.bumps.registry;
    registry.carbon_mint = ctx.accounts.carbon_mint.key();
    registry.energy_credit_mint = ctx.accounts.energy_credit_mint.key();
    Ok(())
}

/// Accounts shared by conversion and retirement.
#[derive(Accounts)]
pub struct CarbonAccounts<'info> {
    #[account(
        mut, seeds = [seeds::CARBON_REGISTRY], bump = registry.bump,
        has_one = carbon_mint, has_one = energy_credit_mint,
    )]
    pub registry: Box<Account<'info, CarbonRegistry>>,
    #[account(mut)]
    pub carbon_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut)]
    pub energy_credit_mint: Box<InterfaceAccount<'info, Mint>>,
    pub token_program: Program<'info, Token2022>,
}

/// Burn `wh` energy credits and mint `floor(wh * emission factor / 1000)` grams of carbon
/// credits. The burned energy credits are gone, so the same energy can never be counted twice.
#[derive(Accounts)]
pub struct ConvertEnergy<'info> {
    pub owner: Signer<'info>,
    /// CHECK: verified by `central_bank::checks::verify_attestation`.
    pub attestation: UncheckedAccount<'info>,
    /// CHECK: verified by `central_bank::checks::load_policy`.
    pub policy: UncheckedAccount<'info>,
    pub carbon: CarbonAccounts<'info>,
    #[account(mut, token::mint = carbon.energy_credit_mint, token::authority = owner)]
    pub owner_energy: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, token::mint = carbon.carbon_mint, token::authority = owner)]
    pub owner_carbon: Box<InterfaceAccount<'info, TokenAccount>>,
}

pub fn handle_convert_energy(ctx: Context<ConvertEnergy>, wh: u64) -> Result<()> {
    let a = &mut *ctx.accounts;
    let now = Clock::get()?.unix_timestamp;
    let policy = open_market_policy(&a.policy)?;
    verify_participant(
        &policy,
        &a.attestation,
        &a.owner.key(),
        ActionClass::Environmental,
        now,
    )?;
    let factor = policy.emission_factor_g_per_kwh;
    let grams = se_math::carbon_grams(wh, factor).math()?;
    require!(grams > 0, MarketplaceError::ZeroAmount);

    let owner = a.owner.to_account_info();
    se_anchor::burn(
        &a.carbon.token_program.to_account_info(),
        &a.carbon.energy_credit_mint.to_account_info(),
        &a.owner_energy.to_account_info(),
        &owner,
        wh,
    )?;
    let registry = &a.carbon.registry;
    let registry_seeds = [seeds::CARBON_REGISTRY, std::slice::from_ref(&registry.bump)];
    token_interface::mint_to(
        CpiContext::new_with_signer(
            a.carbon.token_program.key(),
            MintTo {
                mint: a.carbon.carbon_mint.to_account_info(),
                to: a.owner_carbon.to_account_info(),
                authority: registry.to_account_info(),
            },
            &[&registry_seeds],
        ),
        grams,
    )?;
    let registry = &mut a.carbon.registry;
    registry.converted_wh = se_math::checked_add(registry.converted_wh, wh).math()?;
    registry.minted_g = se_math::checked_add(registry.minted_g, grams).math()?;
    emit_event!(ConvertEvent {
        wallet: a.owner.key(),
        energy_wh: wh,
        carbon_g: grams,
        emission_factor_g_per_kwh: factor,
    });
    Ok(())
}

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
    verify_participant(
        &policy,
        &a.attestation,
        &a.owner.key(),
        ActionClass::Environmental,
        now,
    )?;

    let owner = a.owner.to_account_info();
    se_anchor::burn(
        &a.carbon.token_program.to_account_info(),
        &a.carbon.carbon_mint.to_account_info(),
        &a.owner_carbon.to_account_info(),
        &owner,
        grams,
    )?;
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
