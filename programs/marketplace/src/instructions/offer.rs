use anchor_lang::prelude::*;
use anchor_spl::token_interface::{self, CloseAccount, Mint, TokenAccount, TokenInterface};
use central_bank::{
    checks,
    state::{ActionClass, RoleKind},
};

use super::pool_accounts::{check_trade, open_market_policy, verify_supported_mint};
use crate::{
    errors::MarketplaceError,
    events::{CloseOfferEvent, FillEvent, OfferEvent},
    seeds,
    state::*,
};

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
    #[account(
        init, payer = maker, space = 8 + Offer::INIT_SPACE,
        seeds = [seeds::OFFER, maker.key().as_ref(), &args.id.to_le_bytes()], bump,
    )]
    pub offer: Box<Account<'info, Offer>>,
    #[account(
        init, payer = maker, seeds = [seeds::OFFER_VAULT, offer.key().as_ref()], bump,
        token::mint = sell_mint, token::authority = offer, token::token_program = sell_token_program,
    )]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
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

    se_anchor::transfer(
        &a.sell_token_program.to_account_info(),
        &a.maker_sell,
        &a.sell_mint,
        &a.vault.to_account_info(),
        &a.maker.to_account_info(),
        args.sell_amount,
        &[],
    )?;
    let offer = &mut a.offer;
    offer.bump = ctx.bumps.offer;
    offer.vault_bump = ctx.bumps.vault;
    offer.maker = a.maker.key();
    offer.id = args.id;
    offer.sell_mint = sell;
    offer.buy_mint = buy;
    offer.sell_token_program = a.sell_token_program.key();
    offer.buy_token_program = a.buy_token_program.key();
    offer.sell_is_currency = sell_is_currency;
    offer.sell_total = args.sell_amount;
    offer.buy_total = args.buy_amount;
    offer.remaining = args.sell_amount;
    offer.created_at = now;
    offer.expires_at = args.expires_at;
    a.vault.reload()?;
    a.offer.invariant(a.vault.amount)?;
    emit_event!(OfferEvent {
        offer: a.offer.key(),
        maker: a.maker.key(),
        sell_mint: sell,
        buy_mint: buy,
        sell_amount: args.sell_amount,
        buy_amount: args.buy_amount,
        expires_at: args.expires_at,
    });
    a.trader.invariant()
}

/// Buy `sell` units of the offer's sell side, paying at most `max_pay` of its buy side.
#[derive(Accounts)]
pub struct TakeOffer<'info> {
    pub taker: Signer<'info>,
    /// CHECK: verified by `central_bank::checks::verify_attestation`.
    pub attestation: UncheckedAccount<'info>,
    /// CHECK: verified by `central_bank::checks::load_policy`.
    pub policy: UncheckedAccount<'info>,
    #[account(mut, seeds = [seeds::TRADER, taker.key().as_ref()], bump = trader.bump)]
    pub trader: Box<Account<'info, Trader>>,
    #[account(
        mut, seeds = [seeds::OFFER, offer.maker.as_ref(), &offer.id.to_le_bytes()], bump = offer.bump,
        has_one = sell_mint, has_one = buy_mint, has_one = sell_token_program, has_one = buy_token_program,
    )]
    pub offer: Box<Account<'info, Offer>>,
    pub sell_mint: Box<InterfaceAccount<'info, Mint>>,
    pub buy_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, seeds = [seeds::OFFER_VAULT, offer.key().as_ref()], bump = offer.vault_bump)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// Receives the sold units.
    #[account(mut, token::mint = sell_mint, token::authority = taker)]
    pub taker_sell: Box<InterfaceAccount<'info, TokenAccount>>,
    /// Pays for them.
    #[account(mut, token::mint = buy_mint, token::authority = taker)]
    pub taker_buy: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, token::mint = buy_mint, token::authority = offer.maker)]
    pub maker_buy: Box<InterfaceAccount<'info, TokenAccount>>,
    pub sell_token_program: Interface<'info, TokenInterface>,
    pub buy_token_program: Interface<'info, TokenInterface>,
}

pub fn handle_take_offer(ctx: Context<TakeOffer>, sell: u64, max_pay: u64) -> Result<()> {
    require!(sell > 0, MarketplaceError::ZeroAmount);
    let now = Clock::get()?.unix_timestamp;
    let a = &mut *ctx.accounts;
    let policy = open_market_policy(&a.policy)?;
    let paid = a.offer.price_of(sell)?;
    require!(paid <= max_pay, MarketplaceError::MaxInputExceeded);
    a.offer.fill(sell, paid, now)?;
    let volume = a.offer.volume(sell, paid);
    check_trade(
        &policy,
        &a.attestation,
        &mut a.trader,
        ActionClass::Trade,
        volume,
        now,
    )?;

    se_anchor::transfer(
        &a.buy_token_program.to_account_info(),
        &a.taker_buy,
        &a.buy_mint,
        &a.maker_buy.to_account_info(),
        &a.taker.to_account_info(),
        paid,
        &[],
    )?;
    let id = a.offer.id.to_le_bytes();
    let seeds = [
        seeds::OFFER,
        a.offer.maker.as_ref(),
        &id,
        std::slice::from_ref(&a.offer.bump),
    ];
    se_anchor::transfer(
        &a.sell_token_program.to_account_info(),
        &a.vault,
        &a.sell_mint,
        &a.taker_sell.to_account_info(),
        &a.offer.to_account_info(),
        sell,
        &[&seeds],
    )?;
    a.vault.reload()?;
    a.offer.invariant(a.vault.amount)?;
    emit_event!(FillEvent {
        offer: a.offer.key(),
        taker: a.taker.key(),
        sold: sell,
        paid,
        remaining: a.offer.remaining,
        volume,
    });
    a.trader.invariant()
}

/// Returns what remains in escrow and all rent to the maker. The maker may close at any time;
/// after expiry anyone may.
#[derive(Accounts)]
pub struct CloseOffer<'info> {
    pub closer: Signer<'info>,
    /// CHECK: the offer's maker (`has_one`); receives the rent.
    #[account(mut)]
    pub maker: UncheckedAccount<'info>,
    #[account(
        mut, close = maker, has_one = maker, has_one = sell_mint, has_one = sell_token_program,
        seeds = [seeds::OFFER, offer.maker.as_ref(), &offer.id.to_le_bytes()], bump = offer.bump,
    )]
    pub offer: Box<Account<'info, Offer>>,
    pub sell_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, seeds = [seeds::OFFER_VAULT, offer.key().as_ref()], bump = offer.vault_bump)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, token::mint = sell_mint, token::authority = maker)]
    pub maker_sell: Box<InterfaceAccount<'info, TokenAccount>>,
    pub sell_token_program: Interface<'info, TokenInterface>,
}

pub fn handle_close_offer(ctx: Context<CloseOffer>) -> Result<()> {
    let a = &ctx.accounts;
    let now = Clock::get()?.unix_timestamp;
    require!(
        a.closer.key() == a.offer.maker || now >= a.offer.expires_at,
        MarketplaceError::OfferNotClosable
    );
    let id = a.offer.id.to_le_bytes();
    let seeds = [
        seeds::OFFER,
        a.offer.maker.as_ref(),
        &id,
        std::slice::from_ref(&a.offer.bump),
    ];
    let returned = a.vault.amount;
    let program = a.sell_token_program.to_account_info();
    if returned > 0 {
        se_anchor::transfer(
            &program,
            &a.vault,
            &a.sell_mint,
            &a.maker_sell.to_account_info(),
            &a.offer.to_account_info(),
            returned,
            &[&seeds],
        )?;
    }
    token_interface::close_account(CpiContext::new_with_signer(
        program.key(),
        CloseAccount {
            account: a.vault.to_account_info(),
            destination: a.maker.to_account_info(),
            authority: a.offer.to_account_info(),
        },
        &[&seeds],
    ))?;
    emit_event!(CloseOfferEvent {
        offer: a.offer.key(),
        returned,
    });
    Ok(())
}
