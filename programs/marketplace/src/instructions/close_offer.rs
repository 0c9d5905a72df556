use anchor_lang::prelude::*;
use anchor_spl::token_interface::{self, CloseAccount, Mint, TokenAccount, TokenInterface};

use crate::{errors::MarketplaceError, events::CloseOfferEvent, seeds, state::*};

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
    let seeds = a.offer.seeds(&id);
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
