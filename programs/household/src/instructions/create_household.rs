use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};

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
    #[account(
        init, payer = payer, space = 8 + Household::INIT_SPACE,
        seeds = [seeds::HOUSEHOLD, args.id.as_ref()], bump,
    )]
    pub household: Box<Account<'info, Household>>,
    #[account(
        seeds = [central_bank::seeds::CURRENCY_MINT], bump, seeds::program = central_bank::ID,
        mint::token_program = token_program,
    )]
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(
        init, payer = payer, seeds = [seeds::HOUSEHOLD_VAULT, household.key().as_ref()], bump,
        token::mint = currency_mint, token::authority = household, token::token_program = token_program,
    )]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
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
    let a = &mut *ctx.accounts;
    let h = &mut a.household;
    h.bump = ctx.bumps.household;
    h.id = args.id;
    h.currency_mint = a.currency_mint.key();
    h.vault = a.vault.key();
    h.reinvest_bps = args.reinvest_bps;
    h.threshold = args.threshold;
    h.trustee_count = n as u8;
    h.trustees[..n].copy_from_slice(&args.trustees);
    a.household.invariant(a.vault.amount)
}
