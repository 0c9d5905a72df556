use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};
use central_bank::state::ActionClass;

use super::pool_accounts::{check_trade, open_market_policy};
use crate::{errors::MarketplaceError, events::FillEvent, seeds, state::*};

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
    let seeds = a.offer.seeds(&id);
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
