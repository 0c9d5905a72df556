use anchor_lang::prelude::*;
use anchor_spl::{token_2022::Token2022, token_interface::Mint};

use crate::{errors::HouseholdError, seeds, state::*};

/// A household trust as created.
#[derive(AnchorSerialize, AnchorDeserialize, Clone)]
pub struct CreateHouseholdArgs {
    /// Chosen by the creator; the trust PDA's seed.
    pub id: Pubkey,
    /// Trustee keys, 1 to 5, distinct.
    pub trustees: Vec<Pubkey>,
    /// Trustee signatures a trustee action needs, 1 to the number of trustees.
    pub threshold: u8,
    /// Share of each distribution reinvested in community shares, bps.
    pub reinvest_bps: u16,
}

/// Creates a household trust with its trustees and vault. Members are set by the trustees.
#[derive(Accounts)]
#[instruction(args: CreateHouseholdArgs)]
pub struct CreateHousehold<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    /// CHECK: created here by `se_anchor::create_pda` (the id may be guessed, so a pre-funded
    /// address must not block it).
    #[account(mut, seeds = [seeds::HOUSEHOLD, args.id.as_ref()], bump)]
    pub household: UncheckedAccount<'info>,
    #[account(
        seeds = [central_bank::seeds::CURRENCY_MINT], bump, seeds::program = central_bank::ID,
        mint::token_program = token_program,
    )]
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    /// CHECK: created here, the trust's currency account (`se_anchor::create_token_account`).
    #[account(mut, seeds = [seeds::HOUSEHOLD_VAULT, household.key().as_ref()], bump)]
    pub vault: UncheckedAccount<'info>,
    pub token_program: Program<'info, Token2022>,
    pub system_program: Program<'info, System>,
}

pub fn handle_create_household(
    ctx: Context<CreateHousehold>,
    args: CreateHouseholdArgs,
) -> Result<()> {
    let n = args.trustees.len();
    let distinct = (0..n).all(|i| !args.trustees[..i].contains(&args.trustees[i]));
    require!(
        (1..=MAX_TRUSTEES).contains(&n)
            && distinct
            && args.threshold >= 1
            && args.threshold as usize <= n,
        HouseholdError::InvalidTrustees
    );
    require!(
        args.reinvest_bps <= FULL_WEIGHT_BPS,
        HouseholdError::InvalidReinvestBps
    );
    let a = &ctx.accounts;
    let mut h = Household {
        bump: ctx.bumps.household,
        id: args.id,
        currency_mint: a.currency_mint.key(),
        vault: a.vault.key(),
        reinvest_bps: args.reinvest_bps,
        threshold: args.threshold,
        trustee_count: n as u8,
        ..Default::default()
    };
    h.trustees[..n].copy_from_slice(&args.trustees);
    h.invariant(0)?;
    let (payer, system) = (
        a.payer.to_account_info(),
        a.system_program.to_account_info(),
    );
    se_anchor::create_pda(
        &payer,
        &a.household,
        &system,
        &[seeds::HOUSEHOLD, args.id.as_ref(), &[h.bump]],
        8 + Household::INIT_SPACE,
        &h,
        &crate::ID,
        HouseholdError::HouseholdExists.into(),
    )?;
    let household = a.household.key();
    se_anchor::create_token_account(
        &payer,
        &a.vault,
        &system,
        &[
            seeds::HOUSEHOLD_VAULT,
            household.as_ref(),
            &[ctx.bumps.vault],
        ],
        &a.currency_mint.to_account_info(),
        &a.household,
        &a.token_program.to_account_info(),
    )
}
