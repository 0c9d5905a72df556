use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount, TokenInterface},
};

use crate::{errors::CentralBankError, events::InitializeEvent, seeds, state::*};

/// The first council and policy.
#[derive(AnchorSerialize, AnchorDeserialize, Clone)]
pub struct InitializeArgs {
    /// Council member keys, 1 to 10, distinct.
    pub council: Vec<Pubkey>,
    /// Approvals a proposal needs, 1 to the council size.
    pub threshold: u8,
    /// Seconds between reaching the threshold and execution, at most 30 days.
    pub timelock_secs: u32,
    /// The first policy (validated like a `SetPolicy`).
    pub policy: PolicyParams,
}

/// Creates governance, policy, reserve, the currency mint and the reserve vaults. Runs once:
/// every account is a fixed-seed PDA created with `init`.
#[derive(Accounts)]
pub struct Initialize<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    #[account(init, payer = payer, space = 8 + Governance::INIT_SPACE, seeds = [seeds::GOVERNANCE], bump)]
    pub governance: Box<Account<'info, Governance>>,
    #[account(init, payer = payer, space = 8 + Policy::INIT_SPACE, seeds = [seeds::POLICY], bump)]
    pub policy: Box<Account<'info, Policy>>,
    #[account(init, payer = payer, space = 8 + Reserve::INIT_SPACE, seeds = [seeds::RESERVE], bump)]
    pub reserve: Box<Account<'info, Reserve>>,
    #[account(
        init, payer = payer, seeds = [seeds::CURRENCY_MINT], bump,
        mint::decimals = CURRENCY_DECIMALS,
        mint::authority = reserve,
        mint::freeze_authority = reserve,
        mint::token_program = currency_token_program,
    )]
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mint::token_program = collateral_token_program)]
    pub collateral_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(
        init, payer = payer, seeds = [seeds::COLLATERAL_VAULT], bump,
        token::mint = collateral_mint,
        token::authority = reserve,
        token::token_program = collateral_token_program,
    )]
    pub collateral_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(
        init, payer = payer, seeds = [seeds::SURPLUS_VAULT], bump,
        token::mint = currency_mint,
        token::authority = reserve,
        token::token_program = currency_token_program,
    )]
    pub surplus_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(
        init, payer = payer, seeds = [seeds::SAVINGS_VAULT], bump,
        token::mint = currency_mint,
        token::authority = reserve,
        token::token_program = currency_token_program,
    )]
    pub savings_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    pub currency_token_program: Program<'info, Token2022>,
    pub collateral_token_program: Interface<'info, TokenInterface>,
    pub system_program: Program<'info, System>,
}

pub fn handle_initialize(ctx: Context<Initialize>, args: InitializeArgs) -> Result<()> {
    args.policy.validate()?;
    require!(
        ctx.accounts.collateral_mint.decimals == CURRENCY_DECIMALS,
        CentralBankError::CollateralDecimalsMismatch
    );
    let now = Clock::get()?.unix_timestamp;

    let governance = &mut ctx.accounts.governance;
    governance.bump = ctx.bumps.governance;
    governance.set_council(&args.council, args.threshold, args.timelock_secs)?;
    governance.invariant()?;

    let policy = &mut ctx.accounts.policy;
    policy.bump = ctx.bumps.policy;
    policy.version = 1;
    policy.updated_at = now;
    policy.params = args.policy;

    let reserve = &mut ctx.accounts.reserve;
    reserve.bump = ctx.bumps.reserve;
    reserve.currency_mint = ctx.accounts.currency_mint.key();
    reserve.collateral_mint = ctx.accounts.collateral_mint.key();
    reserve.collateral_token_program = ctx.accounts.collateral_token_program.key();
    reserve.collateral_vault = ctx.accounts.collateral_vault.key();
    reserve.surplus_vault = ctx.accounts.surplus_vault.key();
    reserve.savings_vault = ctx.accounts.savings_vault.key();
    reserve.savings_index = Reserve::new_savings_index();
    reserve.savings_last_accrual = now;
    reserve.invariant(ctx.accounts.currency_mint.supply, args.policy.issuance_cap)?;

    emit_event!(InitializeEvent {
        currency_mint: reserve.currency_mint,
        collateral_mint: reserve.collateral_mint,
        council_size: governance.member_count,
        threshold: governance.threshold,
    });
    Ok(())
}
