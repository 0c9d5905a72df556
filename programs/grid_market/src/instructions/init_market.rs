use anchor_lang::{prelude::*, solana_program::bpf_loader_upgradeable};
use anchor_spl::{token_2022::Token2022, token_interface::Mint};
use central_bank::checks;

use crate::{errors::GridMarketError, seeds, state::Market};

/// Decimals of the energy credits: 1 base unit = 1 Wh.
pub const ENERGY_CREDIT_DECIMALS: u8 = 3;

/// Creates the market, its currency revenue vault and the energy credit mint. Runs once, signed by
/// the program's upgrade authority (the deployer). The epoch length is fixed here from the central
/// bank's policy so epoch boundaries never move. Every account sits at a fixed address and is
/// created by `se_anchor`, which lamports sent there first cannot block.
#[derive(Accounts)]
pub struct InitMarket<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    /// The program's upgrade authority.
    pub authority: Signer<'info>,
    /// The program's ProgramData account, which names its upgrade authority.
    #[account(
        seeds = [crate::ID.as_ref()], bump, seeds::program = bpf_loader_upgradeable::ID,
        constraint = program_data.upgrade_authority_address == Some(authority.key())
            @ GridMarketError::NotUpgradeAuthority,
    )]
    pub program_data: Account<'info, ProgramData>,
    /// CHECK: verified by `central_bank::checks::load_policy`.
    pub policy: UncheckedAccount<'info>,
    /// CHECK: created here (`se_anchor::create_pda`).
    #[account(mut, seeds = [seeds::MARKET], bump)]
    pub market: UncheckedAccount<'info>,
    /// CHECK: created here, the market its mint authority (`se_anchor::create_mint`).
    #[account(mut, seeds = [seeds::ENERGY_CREDIT_MINT], bump)]
    pub energy_credit_mint: UncheckedAccount<'info>,
    #[account(
        seeds = [central_bank::seeds::CURRENCY_MINT], bump, seeds::program = central_bank::ID,
        mint::token_program = token_program,
    )]
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    /// CHECK: created here, the market's currency account (`se_anchor::create_token_account`).
    #[account(mut, seeds = [seeds::REVENUE_VAULT], bump)]
    pub revenue_vault: UncheckedAccount<'info>,
    pub token_program: Program<'info, Token2022>,
    pub system_program: Program<'info, System>,
}

pub fn handle_init_market(ctx: Context<InitMarket>) -> Result<()> {
    let a = &ctx.accounts;
    let policy = checks::load_policy(&a.policy)?.params;
    let market = Market {
        bump: ctx.bumps.market,
        energy_credit_mint: a.energy_credit_mint.key(),
        currency_mint: a.currency_mint.key(),
        revenue_vault: a.revenue_vault.key(),
        genesis: Clock::get()?.unix_timestamp,
        epoch_length_secs: policy.epoch_length_secs,
        credited_wh: 0,
    };
    let (payer, system) = (
        a.payer.to_account_info(),
        a.system_program.to_account_info(),
    );
    let program = a.token_program.to_account_info();
    se_anchor::create_pda(
        &payer,
        &a.market,
        &system,
        &[seeds::MARKET, &[market.bump]],
        8 + Market::INIT_SPACE,
        &market,
        &crate::ID,
        GridMarketError::AlreadyInitialized.into(),
    )?;
    se_anchor::create_mint(
        &payer,
        &a.energy_credit_mint,
        &system,
        &[seeds::ENERGY_CREDIT_MINT, &[ctx.bumps.energy_credit_mint]],
        ENERGY_CREDIT_DECIMALS,
        &a.market.key(),
        None,
        &program,
    )?;
    se_anchor::create_token_account(
        &payer,
        &a.revenue_vault,
        &system,
        &[seeds::REVENUE_VAULT, &[ctx.bumps.revenue_vault]],
        &a.currency_mint.to_account_info(),
        &a.market,
        &program,
    )
}
