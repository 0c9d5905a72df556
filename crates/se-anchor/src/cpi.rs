//! Token and system CPIs: `transfer_checked`, burn, and PDA creation that survives
//! pre-funding with a typed "already exists" error.
#![allow(deprecated)]

use anchor_lang::{
    prelude::*,
    system_program::{self, Allocate, Assign, CreateAccount, Transfer},
};
use anchor_spl::token_interface::{self, Burn, Mint, TokenAccount, TransferChecked};

/// `transfer_checked` of `amount` (decimals from the mint), signed by `authority` — a wallet
/// that signed the transaction (`signer_seeds` empty) or a PDA (its seeds).
pub fn transfer<'info>(
    token_program: &AccountInfo<'info>,
    from: &InterfaceAccount<'info, TokenAccount>,
    mint: &InterfaceAccount<'info, Mint>,
    to: &AccountInfo<'info>,
    authority: &AccountInfo<'info>,
    amount: u64,
    signer_seeds: &[&[&[u8]]],
) -> Result<()> {
    token_interface::transfer_checked(
        CpiContext::new_with_signer(
            token_program.key(),
            TransferChecked {
                from: from.to_account_info(),
                mint: mint.to_account_info(),
                to: to.clone(),
                authority: authority.clone(),
            },
            signer_seeds,
        ),
        amount,
        mint.decimals,
    )
}

/// Burns `amount` from `from`; `owner` (the token account's owner) signed the transaction.
pub fn burn<'info>(
    token_program: &AccountInfo<'info>,
    mint: &AccountInfo<'info>,
    from: &AccountInfo<'info>,
    owner: &AccountInfo<'info>,
    amount: u64,
) -> Result<()> {
    token_interface::burn(
        CpiContext::new(
            token_program.key(),
            Burn {
                mint: mint.clone(),
                from: from.clone(),
                authority: owner.clone(),
            },
        ),
        amount,
    )
}

/// Creates a program-owned PDA and writes `value` into it. Fails with `already_exists` when the
/// account is already ours, instead of the system program's untyped error. Lamports sent to the
/// address beforehand do not block creation: that path uses transfer + allocate + assign, which
/// every cluster supports (Anchor 1.2's `init` uses `CreateAccountAllowPrefund` there, which
/// the agave 3.1 runtime rejects).
#[allow(clippy::too_many_arguments)]
pub fn create_pda<'info, T: AccountSerialize>(
    payer: &AccountInfo<'info>,
    target: &AccountInfo<'info>,
    system: &AccountInfo<'info>,
    signer_seeds: &[&[u8]],
    space: usize,
    value: &T,
    owner: &Pubkey,
    already_exists: Error,
) -> Result<()> {
    if target.owner == owner {
        return Err(already_exists);
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
            owner,
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
            owner,
        )?;
    }
    let mut data = target.try_borrow_mut_data()?;
    let mut writer: &mut [u8] = &mut data;
    value.try_serialize(&mut writer)
}
