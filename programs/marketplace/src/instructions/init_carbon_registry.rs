use anchor_lang::{prelude::*, solana_program::bpf_loader_upgradeable};
use anchor_spl::{token_2022::Token2022, token_interface::Mint};

use crate::{errors::MarketplaceError, seeds, state::*};

/// Decimals of the carbon credit mint (1 base unit = 1 g CO2e).
pub const CARBON_DECIMALS: u8 = 6;

/// Creates the carbon registry and the carbon credit mint, bound to grid_market's energy credit
/// mint. Runs once, signed by the program's upgrade authority (the deployer).
#[derive(Accounts)]
pub struct InitCarbonRegistry<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    /// The program's upgrade authority.
    pub authority: Signer<'info>,
    /// The program's ProgramData account, which names its upgrade authority.
    #[account(
        seeds = [crate::ID.as_ref()], bump, seeds::program = bpf_loader_upgradeable::ID,
        constraint = program_data.upgrade_authority_address == Some(authority.key())
            @ MarketplaceError::NotUpgradeAuthority,
    )]
    pub program_data: Account<'info, ProgramData>,
    /// CHECK: created here by `se_anchor::create_pda` (a fixed address: pre-funding it must
    /// not block the deployment).
    #[account(mut, seeds = [seeds::CARBON_REGISTRY], bump)]
    pub registry: UncheckedAccount<'info>,
    /// CHECK: created here as the carbon credit mint, the registry its authority
    /// (`se_anchor::create_mint`).
    #[account(mut, seeds = [seeds::CARBON_MINT], bump)]
    pub carbon_mint: UncheckedAccount<'info>,
    #[account(
        seeds = [seeds::ENERGY_CREDIT_MINT], bump, seeds::program = seeds::GRID_MARKET_ID,
        mint::token_program = token_program,
    )]
    pub energy_credit_mint: Box<InterfaceAccount<'info, Mint>>,
    pub token_program: Program<'info, Token2022>,
    pub system_program: Program<'info, System>,
}

pub fn handle_init_carbon_registry(ctx: Context<InitCarbonRegistry>) -> Result<()> {
    let a = &ctx.accounts;
    let (payer, system) = (
        a.payer.to_account_info(),
        a.system_program.to_account_info(),
    );
    let registry = CarbonRegistry {
        bump: ctx.bumps.registry,
        carbon_mint: a.carbon_mint.key(),
        energy_credit_mint: a.energy_credit_mint.key(),
        converted_wh: 0,
        minted_g: 0,
        retired_g: 0,
        retirement_count: 0,
    };
    se_anchor::create_pda(
        &payer,
        &a.registry,
        &system,
        &[seeds::CARBON_REGISTRY, &[registry.bump]],
        8 + CarbonRegistry::INIT_SPACE,
        &registry,
        &crate::ID,
        MarketplaceError::RegistryExists.into(),
    )?;
    se_anchor::create_mint(
        &payer,
        &a.carbon_mint,
        &system,
        &[seeds::CARBON_MINT, &[ctx.bumps.carbon_mint]],
        CARBON_DECIMALS,
        &a.registry.key(),
        None,
        &a.token_program.to_account_info(),
    )
}
