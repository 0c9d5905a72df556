//! Token CPIs signed by the reserve PDA, and PDA creation with typed "already exists" errors.
#![allow(deprecated)]

use anchor_lang::{
    prelude::*,
    system_program::{self, Allocate, Assign, CreateAccount, Transfer},
};
use anchor_spl::token_interface::{self, Mint, MintTo, TokenAccount, TransferChecked};

use crate::{errors::CentralBankError, seeds, state::Reserve};

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
    token_interface::transfer_checked(
        CpiContext::new_with_signer(
            token_program.key(),
            TransferChecked {
                from: from.to_account_info(),
                mint: mint.to_account_info(),
                to: to.clone(),
                authority: reserve.to_account_info(),
            },
            &[&seeds],
        ),
        amount,
        mint.decimals,
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
    token_interface::transfer_checked(
        CpiContext::new(
            token_program.key(),
            TransferChecked {
                from: from.to_account_info(),
                mint: mint.to_account_info(),
                to: to.clone(),
                authority: user.to_account_info(),
            },
        ),
        amount,
        mint.decimals,
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

/// Creates a program-owned PDA and writes `value` into it. Fails with `already_exists` when the
/// account is already ours, instead of the system program's untyped error. Lamports sent to the
/// address beforehand do not block creation: that path uses transfer + allocate + assign, which
/// every cluster supports (Anchor 1.2's `init` uses `CreateAccountAllowPrefund` there, which
/// the agave 3.1 runtime rejects).
pub fn create_pda<'info, T: AccountSerialize>(
    payer: &AccountInfo<'info>,
    target: &AccountInfo<'info>,
    system: &AccountInfo<'info>,
    signer_seeds: &[&[u8]],
    space: usize,
    value: &T,
    already_exists: CentralBankError,
) -> Result<()> {
    if target.owner == &crate::ID {
        return Err(already_exists.into());
    }
    let rent = Rent::get()?.minimum_balance(space);
    let signer = &[signer_seeds];
    let current = target.lamports();
    if current == 0 {
        system_program::create_account(
            CpiContext::new_with_signer(
                system.key(),
                CreateAccount {
                    from: payer.clone(),
                    to: target.clone(),
                },
                signer,
            ),
            rent,
            space as u64,
            &crate::ID,
        )?;
    } else {
        if rent > current {
            system_program::transfer(
                CpiContext::new(
                    system.key(),
                    Transfer {
                        from: payer.clone(),
                        to: target.clone(),
                    },
                ),
                rent - current,
            )?;
        }
        system_program::allocate(
            CpiContext::new_with_signer(
                system.key(),
                Allocate {
                    account_to_allocate: target.clone(),
                },
                signer,
            ),
            space as u64,
        )?;
        system_program::assign(
            CpiContext::new_with_signer(
                system.key(),
                Assign {
                    account_to_assign: target.clone(),
                },
                signer,
            ),
            &crate::ID,
        )?;
    }
    let mut data = target.try_borrow_mut_data()?;
    let mut writer: &mut [u8] = &mut data;
    value.try_serialize(&mut writer)
}
