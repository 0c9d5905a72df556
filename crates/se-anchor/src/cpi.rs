//! Token and system CPIs: `transfer_checked`, burn, and account creation at PDAs (records,
//! token accounts, mints) that a pre-funded address cannot block.
#![allow(deprecated)]

use anchor_lang::{
    prelude::*,
    system_program::{self, Allocate, Assign, CreateAccount, Transfer},
};
use anchor_spl::token_interface::{
    self, Burn, InitializeAccount3, InitializeMint2, Mint, TokenAccount, TransferChecked,
};

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

/// Creates the PDA `target` (signed for by `signer_seeds`, bump included) with `space` bytes
/// owned by `owner`, the rent paid by `payer`. Lamports sent to the address beforehand do not
/// block it: that path tops the balance up and uses allocate + assign, which every cluster
/// supports (Anchor 1.2's `init` uses `CreateAccountAllowPrefund` there, which the agave 3.1
/// runtime rejects, so one transfer to a predictable address would block its `init` for good).
/// Every account the SourceEnergy programs create goes through here.
pub fn create_pda_account<'info>(
    payer: &AccountInfo<'info>,
    target: &AccountInfo<'info>,
    system: &AccountInfo<'info>,
    signer_seeds: &[&[u8]],
    space: usize,
    owner: &Pubkey,
) -> Result<()> {
    let rent = Rent::get()?.minimum_balance(space);
    let signer = &[signer_seeds];
    let current = target.lamports();
    if current == 0 {
        return system_program::create_account(
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
        );
    }
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
    )
}

/// Creates a program-owned PDA and writes `value` into it ([`create_pda_account`], so a
/// pre-funded address does not block it). Fails with `already_exists` when the account is
/// already ours, instead of the system program's untyped error.
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
    create_pda_account(payer, target, system, signer_seeds, space, owner)?;
    let mut data = target.try_borrow_mut_data()?;
    let mut writer: &mut [u8] = &mut data;
    value.try_serialize(&mut writer)
}

/// Creates a token account of `mint` owned by `authority` at the PDA `target`
/// ([`create_pda_account`]), sized for the extensions a Token-2022 mint requires of its
/// accounts, as Anchor's `init` with `token::mint` sizes it.
#[allow(clippy::too_many_arguments)]
pub fn create_token_account<'info>(
    payer: &AccountInfo<'info>,
    target: &AccountInfo<'info>,
    system: &AccountInfo<'info>,
    signer_seeds: &[&[u8]],
    mint: &AccountInfo<'info>,
    authority: &AccountInfo<'info>,
    token_program: &AccountInfo<'info>,
) -> Result<()> {
    use anchor_spl::token_2022::spl_token_2022::{
        extension::{BaseStateWithExtensions, ExtensionType, StateWithExtensions},
        state::{Account, Mint as MintState},
    };
    let space = if *mint.owner == anchor_spl::token_2022::ID {
        let data = mint.try_borrow_data()?;
        let state = StateWithExtensions::<MintState>::unpack(&data)?;
        let required =
            ExtensionType::get_required_init_account_extensions(&state.get_extension_types()?);
        ExtensionType::try_calculate_account_len::<Account>(&required)?
    } else {
        anchor_spl::token::TokenAccount::LEN
    };
    create_pda_account(
        payer,
        target,
        system,
        signer_seeds,
        space,
        token_program.key,
    )?;
    token_interface::initialize_account3(CpiContext::new(
        token_program.key(),
        InitializeAccount3 {
            account: target.clone(),
            mint: mint.clone(),
            authority: authority.clone(),
        },
    ))
}

/// Creates a mint without extensions at the PDA `target` ([`create_pda_account`]) with
/// `decimals`, `mint_authority` and, when given, `freeze_authority`.
#[allow(clippy::too_many_arguments)]
pub fn create_mint<'info>(
    payer: &AccountInfo<'info>,
    target: &AccountInfo<'info>,
    system: &AccountInfo<'info>,
    signer_seeds: &[&[u8]],
    decimals: u8,
    mint_authority: &Pubkey,
    freeze_authority: Option<&Pubkey>,
    token_program: &AccountInfo<'info>,
) -> Result<()> {
    create_pda_account(
        payer,
        target,
        system,
        signer_seeds,
        anchor_spl::token::Mint::LEN,
        token_program.key,
    )?;
    token_interface::initialize_mint2(
        CpiContext::new(
            token_program.key(),
            InitializeMint2 {
                mint: target.clone(),
            },
        ),
        decimals,
        mint_authority,
        freeze_authority,
    )
}

/// The balance of a token account of either token program, read from its data (for an account
/// created in the same instruction, which no Anchor type has loaded).
pub fn token_amount(info: &AccountInfo) -> Result<u64> {
    use anchor_spl::token_2022::spl_token_2022::{extension::StateWithExtensions, state::Account};
    let data = info.try_borrow_data()?;
    Ok(StateWithExtensions::<Account>::unpack(&data)?.base.amount)
}
