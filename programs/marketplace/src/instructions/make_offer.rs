use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};
use central_bank::{
    checks,
    state::{ActionClass, RoleKind},
};

use super::pool_accounts::{check_trade, open_market_policy, verify_supported_mint};
use crate::{errors::MarketplaceError, events::OfferEvent, seeds, state::*};

/// An offer as its maker makes it.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy)]
pub struct MakeOfferArgs {
    /// Chosen by the maker; distinct open offers need distinct ids.
    pub id: u64,
    /// Base units of the sell side escrowed.
    pub sell_amount: u64,
    /// Base units of the buy side wanted for all of them.
    pub buy_amount: u64,
    /// UNIX time the offer stops filling, at most 90 days from now.
    pub expires_at: i64,
}

/// Escrow `sell_amount` of one side for `buy_amount` of the other. One side must be the
/// currency and the other a governance-listed asset, without a freeze authority or a risky
/// Token-2022 extension (see `verify_supported_mint`).
#[derive(Accounts)]
#[instruction(args: MakeOfferArgs)]
pub struct MakeOffer<'info> {
    #[account(mut)]
    pub maker: Signer<'info>,
    /// CHECK: verified by `central_bank::checks::verify_attestation`.
    pub attestation: UncheckedAccount<'info>,
    /// CHECK: verified by `central_bank::checks::load_policy`.
    pub policy: UncheckedAccount<'info>,
    #[account(mut, seeds = [seeds::TRADER, maker.key().as_ref()], bump = trader.bump)]
    pub trader: Box<Account<'info, Trader>>,
    /// CHECK: verified by `central_bank::checks::verify_role` for the non-currency side.
    pub listing: UncheckedAccount<'info>,
    #[account(mint::token_program = sell_token_program)]
    pub sell_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mint::token_program = buy_token_program)]
    pub buy_mint: Box<InterfaceAccount<'info, Mint>>,
    /// CHECK: created here by `se_anchor::create_pda` (the id may be guessed, so a pre-funded
    /// address must not block it).
    #[account(mut, seeds = [seeds::OFFER, maker.key().as_ref(), &args.id.to_le_bytes()], bump)]
    pub offer: UncheckedAccount<'info>,
    /// CHECK: created here as the offer's escrow of the sell side
    /// (`se_anchor::create_token_account`).
    #[account(mut, seeds = [seeds::OFFER_VAULT, offer.key().as_ref()], bump)]
    pub vault: UncheckedAccount<'info>,
    #[account(mut, token::mint = sell_mint, token::authority = maker)]
    pub maker_sell: Box<InterfaceAccount<'info, TokenAccount>>,
    pub sell_token_program: Interface<'info, TokenInterface>,
    pub buy_token_program: Interface<'info, TokenInterface>,
    pub system_program: Program<'info, System>,
}

pub fn handle_make_offer(ctx: Context<MakeOffer>, args: MakeOfferArgs) -> Result<()> {
    require!(
        args.sell_amount > 0 && args.buy_amount > 0,
        MarketplaceError::ZeroAmount
    );
    let now = Clock::get()?.unix_timestamp;
    require!(
        args.expires_at > now && args.expires_at - now <= MAX_OFFER_SECS,
        MarketplaceError::InvalidOfferExpiry
    );
    let a = &mut *ctx.accounts;
    let policy = open_market_policy(&a.policy)?;
    let currency =
        Pubkey::find_program_address(&[central_bank::seeds::CURRENCY_MINT], &central_bank::ID).0;
    let (sell, buy) = (a.sell_mint.key(), a.buy_mint.key());
    let sell_is_currency = sell == currency;
    let asset = if sell_is_currency { buy } else { sell };
    require!(
        (sell_is_currency || buy == currency) && asset != currency,
        MarketplaceError::InvalidOfferPair
    );
    checks::verify_role(&a.listing, RoleKind::ListedMarketAsset, &asset)?;
    verify_supported_mint(&a.sell_mint, &currency)?;
    verify_supported_mint(&a.buy_mint, &currency)?;
    let volume = if sell_is_currency {
        args.sell_amount
    } else {
        args.buy_amount
    };
    check_trade(
        &policy,
        &a.attestation,
        &mut a.trader,
        ActionClass::Offer,
        volume,
        now,
    )?;

    let offer = Offer {
        bump: ctx.bumps.offer,
        vault_bump: ctx.bumps.vault,
        maker: a.maker.key(),
        id: args.id,
        sell_mint: sell,
        buy_mint: buy,
        sell_token_program: a.sell_token_program.key(),
        buy_token_program: a.buy_token_program.key(),
        sell_is_currency,
        sell_total: args.sell_amount,
        buy_total: args.buy_amount,
        remaining: args.sell_amount,
        received: 0,
        created_at: now,
        expires_at: args.expires_at,
    };
    let id = args.id.to_le_bytes();
    let (maker, system) = (
        a.maker.to_account_info(),
        a.system_program.to_account_info(),
    );
    let offer_key = a.offer.key();
    se_anchor::create_pda(
        &maker,
        &a.offer,
        &system,
        &offer.seeds(&id),
        8 + Offer::INIT_SPACE,
        &offer,
        &crate::ID,
        MarketplaceError::OfferExists.into(),
    )?;
    se_anchor::create_token_account(
        &maker,
        &a.vault,
        &system,
        &[seeds::OFFER_VAULT, offer_key.as_ref(), &[offer.vault_bump]],
        &a.sell_mint.to_account_info(),
        &a.offer,
        &a.sell_token_program.to_account_info(),
    )?;
    se_anchor::transfer(
        &a.sell_token_program.to_account_info(),
        &a.maker_sell,
        &a.sell_mint,
        &a.vault.to_account_info(),
        &maker,
        args.sell_amount,
        &[],
    )?;
    offer.invariant(se_anchor::token_amount(&a.vault)?)?;
    emit_event!(OfferEvent {
        offer: offer_key,
        maker: a.maker.key(),
        sell_mint: sell,
        buy_mint: buy,
        sell_amount: args.sell_amount,
        buy_amount: args.buy_amount,
        expires_at: args.expires_at,
    });
    a.trader.invariant()
}
