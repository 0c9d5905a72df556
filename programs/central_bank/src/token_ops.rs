//! Token CPIs signed by the reserve PDA.
#![allow(deprecated)]

use anchor_lang::prelude::*;
use anchor_spl::token_interface::{self, Mint, MintTo, TokenAccount};

use crate::{seeds, state::Reserve};

pub fn reserve_seeds(reserve: &Reserve) -> [&[u8]; 2] {
    [seeds::RESERVE, std::slice::from_ref(&reserve.bump)]
}

/// Moves `amount` out of a reserve-owned vault.
pub fn transfer_from_reserve<'info>(
    token_program: &AccountInfo<'info>,
    reserve: &Account<'info, Reserve>,
    from: &InterfaceAccount<'info, TokenAccount>,
    mint: &InterfaceAccount<'info, Mint>,
    to: &AccountInfo<'info>,
    amount: u64,
) -> Result<()> {
    let seeds = reserve_seeds(reserve);
    se_anchor::transfer(
        token_program,
        from,
        mint,
        to,
        &reserve.to_account_info(),
        amount,
        &[&seeds],
    )
}

/// Moves `amount` from a user's token account; the user signs the outer transaction.
pub fn transfer_from_user<'info>(
    token_program: &AccountInfo<'info>,
    user: &Signer<'info>,
    from: &InterfaceAccount<'info, TokenAccount>,
    mint: &InterfaceAccount<'info, Mint>,
    to: &AccountInfo<'info>,
    amount: u64,
) -> Result<()> {
    se_anchor::transfer(
        token_program,
        from,
        mint,
        to,
        &user.to_account_info(),
        amount,
        &[],
    )
}

/// Mints currency; the reserve PDA is the mint authority.
pub fn mint_currency_to<'info>(
    token_program: &AccountInfo<'info>,
    reserve: &Account<'info, Reserve>,
    mint: &InterfaceAccount<'info, Mint>,
    to: &AccountInfo<'info>,
    amount: u64,
) -> Result<()> {
    if amount == 0 {
        return Ok(());
    }
    let seeds = reserve_seeds(reserve);
    token_interface::mint_to(
        CpiContext::new_with_signer(
            token_program.key(),
            MintTo {
                mint: mint.to_account_info(),
                to: to.clone(),
                authority: reserve.to_account_info(),
            },
            &[&seeds],
        ),
        amount,
    )
}
