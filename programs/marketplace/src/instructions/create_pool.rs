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

/// Decimals of every pool's LP token.
pub const LP_DECIMALS: u8 = 6;

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
/// The TWAP observation interval comes from the central bank policy's epoch length, not from the
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
    /// CHECK: created here by `se_anchor::create_pda`. Its address is predictable (one pool per
    /// asset), so lamports sent there first must not block the asset's only pool.
    #[account(mut, seeds = [seeds::POOL, asset_mint.key().as_ref()], bump)]
    pub pool: UncheckedAccount<'info>,
    /// CHECK: created here as the pool's asset vault (`se_anchor::create_token_account`).
    #[account(mut, seeds = [seeds::POOL_VAULT, pool.key().as_ref(), asset_mint.key().as_ref()], bump)]
    pub asset_vault: UncheckedAccount<'info>,
    /// CHECK: created here as the pool's currency vault (`se_anchor::create_token_account`).
    #[account(mut, seeds = [seeds::POOL_VAULT, pool.key().as_ref(), currency_mint.key().as_ref()], bump)]
    pub currency_vault: UncheckedAccount<'info>,
    /// CHECK: created here as the LP mint, 6 decimals, the pool its authority
    /// (`se_anchor::create_mint`).
    #[account(mut, seeds = [seeds::LP_MINT, pool.key().as_ref()], bump)]
    pub lp_mint: UncheckedAccount<'info>,
    #[account(mut, token::mint = asset_mint, token::authority = creator)]
    pub creator_asset: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, token::mint = currency_mint, token::authority = creator)]
    pub creator_currency: Box<InterfaceAccount<'info, TokenAccount>>,
    /// CHECK: the creator's LP token account, created here by the associated token program
    /// (which, unlike Anchor's `init`, takes a pre-funded address).
    #[account(mut)]
    pub creator_lp: UncheckedAccount<'info>,
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
    // The pool record is written last; an existing pool is refused before anything is created.
    require!(a.pool.owner != &crate::ID, MarketplaceError::PoolExists);
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

    let pool_key = a.pool.key();
    let creator = a.creator.to_account_info();
    let system = a.system_program.to_account_info();
    let pool_info = a.pool.to_account_info();
    for (vault, mint, program, bump) in [
        (
            &a.asset_vault,
            &a.asset_mint,
            a.asset_token_program.to_account_info(),
            ctx.bumps.asset_vault,
        ),
        (
            &a.currency_vault,
            &a.currency_mint,
            a.token_program.to_account_info(),
            ctx.bumps.currency_vault,
        ),
    ] {
        let mint_key = mint.key();
        se_anchor::create_token_account(
            &creator,
            vault,
            &system,
            &[
                seeds::POOL_VAULT,
                pool_key.as_ref(),
                mint_key.as_ref(),
                &[bump],
            ],
            &mint.to_account_info(),
            &pool_info,
            &program,
        )?;
    }
    se_anchor::create_mint(
        &creator,
        &a.lp_mint,
        &system,
        &[seeds::LP_MINT, pool_key.as_ref(), &[ctx.bumps.lp_mint]],
        LP_DECIMALS,
        &pool_key,
        None,
        &a.token_program.to_account_info(),
    )?;
    anchor_spl::associated_token::create(CpiContext::new(
        a.associated_token_program.key(),
        anchor_spl::associated_token::Create {
            payer: creator.clone(),
            associated_token: a.creator_lp.to_account_info(),
            authority: creator.clone(),
            mint: a.lp_mint.to_account_info(),
            system_program: system.clone(),
            token_program: a.token_program.to_account_info(),
        },
    ))?;

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

    let mut pool = Pool {
        bump: ctx.bumps.pool,
        asset_mint: a.asset_mint.key(),
        currency_mint: a.currency_mint.key(),
        asset_token_program: a.asset_token_program.key(),
        asset_vault: a.asset_vault.key(),
        currency_vault: a.currency_vault.key(),
        lp_mint: a.lp_mint.key(),
        surplus_vault: a.surplus_vault.key(),
        lp_fee_bps: args.lp_fee_bps,
        asset_reserve: args.asset_amount,
        currency_reserve: args.currency_amount,
        lp_supply: lp,
        last_update: now,
        observation_interval_secs: Pool::observation_interval_for(policy.epoch_length_secs),
        ..Default::default()
    };
    pool.observe(now)?;

    let pool_seeds = [
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
                authority: pool_info.clone(),
            },
            &[&pool_seeds],
        ),
        minted,
    )?;
    pool.invariant(
        se_anchor::token_amount(&a.asset_vault)?,
        se_anchor::token_amount(&a.currency_vault)?,
    )?;
    se_anchor::create_pda(
        &creator,
        &pool_info,
        &system,
        &pool_seeds,
        8 + Pool::INIT_SPACE,
        &pool,
        &crate::ID,
        MarketplaceError::PoolExists.into(),
    )?;
    emit_event!(CreatePoolEvent {
        pool: pool_key,
        asset_mint: pool.asset_mint,
        creator: a.creator.key(),
        asset_amount: args.asset_amount,
        currency_amount: args.currency_amount,
        lp_minted: minted,
    });
    Ok(())
}
