use anchor_lang::prelude::*;
use anchor_spl::{
    associated_token::AssociatedToken,
    token_2022::Token2022,
    token_interface::{self, Mint, MintTo, TokenAccount, TokenInterface},
};
use central_bank::{
    checks,
    state::{ActionClass, RoleKind},
};
use se_math::amm::{initial_lp, MINIMUM_LIQUIDITY};

use super::pool_accounts::{open_market_policy, verify_participant, verify_supported_mint};
use crate::{errors::MarketplaceError, events::CreatePoolEvent, seeds, state::*};

/// The first deposit and fee of a new pool.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy)]
pub struct CreatePoolArgs {
    /// First deposit of the asset.
    pub asset_amount: u64,
    /// First deposit of the currency.
    pub currency_amount: u64,
    /// Fee kept for liquidity providers, at most `MAX_LP_FEE_BPS`.
    pub lp_fee_bps: u16,
}

/// Creates the pool of a governance-listed asset against the currency, with its first deposit.
/// The TWAP observation interval comes from the L1 policy's epoch length, not from the
/// creator (see `Pool`). Assets with a freeze authority or a risky Token-2022 extension are
/// refused (see `verify_supported_mint`).
#[derive(Accounts)]
pub struct CreatePool<'info> {
    #[account(mut)]
    pub creator: Signer<'info>,
    /// CHECK: verified by `central_bank::checks::verify_attestation`.
    pub attestation: UncheckedAccount<'info>,
    /// CHECK: verified by `central_bank::checks::load_policy`.
    pub policy: UncheckedAccount<'info>,
    /// CHECK: verified by `central_bank::checks::verify_role` (ListedMarketAsset of `asset_mint`).
    pub listing: UncheckedAccount<'info>,
    #[account(mint::token_program = asset_token_program)]
    pub asset_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(
        seeds = [central_bank::seeds::CURRENCY_MINT], bump, seeds::program = central_bank::ID,
        mint::token_program = token_program,
    )]
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(
        init, payer = creator, space = 8 + Pool::INIT_SPACE,
        seeds = [seeds::POOL, asset_mint.key().as_ref()], bump,
    )]
    pub pool: Box<Account<'info, Pool>>,
    #[account(
        init, payer = creator, seeds = [seeds::POOL_VAULT, pool.key().as_ref(), asset_mint.key().as_ref()], bump,
        token::mint = asset_mint, token::authority = pool, token::token_program = asset_token_program,
    )]
    pub asset_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(
        init, payer = creator, seeds = [seeds::POOL_VAULT, pool.key().as_ref(), currency_mint.key().as_ref()], bump,
        token::mint = currency_mint, token::authority = pool, token::token_program = token_program,
    )]
    pub currency_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(
        init, payer = creator, seeds = [seeds::LP_MINT, pool.key().as_ref()], bump,
        mint::decimals = 6, mint::authority = pool, mint::token_program = token_program,
    )]
    pub lp_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, token::mint = asset_mint, token::authority = creator)]
    pub creator_asset: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, token::mint = currency_mint, token::authority = creator)]
    pub creator_currency: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(
        init, payer = creator,
        associated_token::mint = lp_mint, associated_token::authority = creator,
        associated_token::token_program = token_program,
    )]
    pub creator_lp: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(seeds = [central_bank::seeds::SURPLUS_VAULT], bump, seeds::program = central_bank::ID)]
    pub surplus_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    pub asset_token_program: Interface<'info, TokenInterface>,
    pub token_program: Program<'info, Token2022>,
    pub associated_token_program: Program<'info, AssociatedToken>,
    pub system_program: Program<'info, System>,
}

pub fn handle_create_pool(ctx: Context<CreatePool>, args: CreatePoolArgs) -> Result<()> {
    require!(
        args.lp_fee_bps <= MAX_LP_FEE_BPS,
        MarketplaceError::FeeOutOfBounds
    );
    let a = &mut *ctx.accounts;
    let now = Clock::get()?.unix_timestamp;
    let policy = open_market_policy(&a.policy)?;
    checks::verify_role(&a.listing, RoleKind::ListedMarketAsset, &a.asset_mint.key())?;
    verify_supported_mint(&a.asset_mint, &a.currency_mint.key())?;
    verify_participant(
        &policy,
        &a.attestation,
        &a.creator.key(),
        ActionClass::Liquidity,
        now,
    )?;
    let lp = initial_lp(args.asset_amount, args.currency_amount)
        .map_err(|_| error!(MarketplaceError::InsufficientInitialLiquidity))?;

    let creator = a.creator.to_account_info();
    se_anchor::transfer(
        &a.asset_token_program.to_account_info(),
        &a.creator_asset,
        &a.asset_mint,
        &a.asset_vault.to_account_info(),
        &creator,
        args.asset_amount,
        &[],
    )?;
    se_anchor::transfer(
        &a.token_program.to_account_info(),
        &a.creator_currency,
        &a.currency_mint,
        &a.currency_vault.to_account_info(),
        &creator,
        args.currency_amount,
        &[],
    )?;

    let pool = &mut a.pool;
    pool.bump = ctx.bumps.pool;
    pool.asset_mint = a.asset_mint.key();
    pool.currency_mint = a.currency_mint.key();
    pool.asset_token_program = a.asset_token_program.key();
    pool.asset_vault = a.asset_vault.key();
    pool.currency_vault = a.currency_vault.key();
    pool.lp_mint = a.lp_mint.key();
    pool.surplus_vault = a.surplus_vault.key();
    pool.lp_fee_bps = args.lp_fee_bps;
    pool.asset_reserve = args.asset_amount;
    pool.currency_reserve = args.currency_amount;
    pool.lp_supply = lp;
    pool.observation_interval_secs = Pool::observation_interval_for(policy.epoch_length_secs);
    pool.last_update = now;
    pool.observe(now)?;

    let seeds = [
        seeds::POOL,
        pool.asset_mint.as_ref(),
        std::slice::from_ref(&pool.bump),
    ];
    let minted = lp - MINIMUM_LIQUIDITY;
    token_interface::mint_to(
        CpiContext::new_with_signer(
            a.token_program.key(),
            MintTo {
                mint: a.lp_mint.to_account_info(),
                to: a.creator_lp.to_account_info(),
                authority: pool.to_account_info(),
            },
            &[&seeds],
        ),
        minted,
    )?;

    a.asset_vault.reload()?;
    a.currency_vault.reload()?;
    a.pool
        .invariant(a.asset_vault.amount, a.currency_vault.amount)?;
    emit_event!(CreatePoolEvent {
        pool: a.pool.key(),
        asset_mint: a.pool.asset_mint,
        creator: a.creator.key(),
        asset_amount: args.asset_amount,
        currency_amount: args.currency_amount,
        lp_minted: minted,
    });
    Ok(())
}
