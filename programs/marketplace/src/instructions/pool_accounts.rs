//! Accounts, compliance checks and token moves shared by the pool instructions.
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::{
        spl_token_2022::{
            self,
            extension::{BaseStateWithExtensions, ExtensionType, StateWithExtensions},
        },
        Token2022,
    },
    token_interface::{self, Mint, MintTo, TokenAccount, TokenInterface},
};
use central_bank::{
    checks,
    state::{ActionClass, PolicyParams},
};

use crate::{errors::*, events::LiquidityEvent, seeds, state::*};

#[derive(Accounts)]
pub struct PoolAccounts<'info> {
    #[account(
        mut, seeds = [seeds::POOL, pool.asset_mint.as_ref()], bump = pool.bump,
        has_one = asset_mint, has_one = currency_mint, has_one = lp_mint,
        has_one = asset_vault, has_one = currency_vault, has_one = asset_token_program,
    )]
    pub pool: Box<Account<'info, Pool>>,
    pub asset_mint: Box<InterfaceAccount<'info, Mint>>,
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut)]
    pub lp_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut)]
    pub asset_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut)]
    pub currency_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    pub asset_token_program: Interface<'info, TokenInterface>,
    /// Currency and LP tokens are Token-2022.
    pub token_program: Program<'info, Token2022>,
}

impl<'info> PoolAccounts<'info> {
    fn pool_seeds(&self) -> [&[u8]; 3] {
        [
            seeds::POOL,
            self.pool.asset_mint.as_ref(),
            std::slice::from_ref(&self.pool.bump),
        ]
    }

    /// Moves `amount` of the asset (or the currency) from `from`, signed by `owner`, into the
    /// vault.
    pub fn pay_in(
        &self,
        asset: bool,
        owner: &AccountInfo<'info>,
        from: &InterfaceAccount<'info, TokenAccount>,
        amount: u64,
    ) -> Result<()> {
        let (program, mint, vault) = self.side(asset);
        se_anchor::transfer(
            &program,
            from,
            mint,
            &vault.to_account_info(),
            owner,
            amount,
            &[],
        )
    }

    /// Moves `amount` of the asset (or the currency) out of the vault to `to`, signed by the pool.
    pub fn pay_out(&self, asset: bool, to: &AccountInfo<'info>, amount: u64) -> Result<()> {
        let (program, mint, vault) = self.side(asset);
        let seeds = self.pool_seeds();
        se_anchor::transfer(
            &program,
            vault,
            mint,
            to,
            &self.pool.to_account_info(),
            amount,
            &[&seeds],
        )
    }

    fn side(
        &self,
        asset: bool,
    ) -> (
        AccountInfo<'info>,
        &InterfaceAccount<'info, Mint>,
        &InterfaceAccount<'info, TokenAccount>,
    ) {
        if asset {
            (
                self.asset_token_program.to_account_info(),
                &self.asset_mint,
                &self.asset_vault,
            )
        } else {
            (
                self.token_program.to_account_info(),
                &self.currency_mint,
                &self.currency_vault,
            )
        }
    }

    pub fn mint_lp(&self, to: &AccountInfo<'info>, amount: u64) -> Result<()> {
        let seeds = self.pool_seeds();
        token_interface::mint_to(
            CpiContext::new_with_signer(
                self.token_program.key(),
                MintTo {
                    mint: self.lp_mint.to_account_info(),
                    to: to.clone(),
                    authority: self.pool.to_account_info(),
                },
                &[&seeds],
            ),
            amount,
        )
    }

    pub fn burn_lp(
        &self,
        from: &AccountInfo<'info>,
        owner: &AccountInfo<'info>,
        amount: u64,
    ) -> Result<()> {
        se_anchor::burn(
            &self.token_program.to_account_info(),
            &self.lp_mint.to_account_info(),
            from,
            owner,
            amount,
        )
    }

    /// Books a liquidity deposit (or withdrawal) of `lp` LP tokens against `asset` and
    /// `currency` after its token moves: the TWAP observation, the reserves and LP supply, the
    /// event, and the invariant.
    pub fn book_liquidity(
        &mut self,
        owner: Pubkey,
        deposit: bool,
        lp: u64,
        asset: u64,
        currency: u64,
        now: i64,
    ) -> Result<()> {
        let pool = &mut self.pool;
        pool.observe(now)?;
        let add_or_sub = if deposit {
            se_math::checked_add
        } else {
            se_math::checked_sub
        };
        pool.asset_reserve = add_or_sub(pool.asset_reserve, asset).math()?;
        pool.currency_reserve = add_or_sub(pool.currency_reserve, currency).math()?;
        pool.lp_supply = add_or_sub(pool.lp_supply, lp).math()?;
        emit_event!(LiquidityEvent {
            pool: pool.key(),
            owner,
            deposit,
            lp,
            asset_amount: asset,
            currency_amount: currency,
        });
        self.finish()
    }

    /// Reloads the vaults and checks the pool invariant after the token moves.
    pub fn finish(&mut self) -> Result<()> {
        self.asset_vault.reload()?;
        self.currency_vault.reload()?;
        self.pool
            .invariant(self.asset_vault.amount, self.currency_vault.amount)
    }
}

/// The central bank policy, or `MarketPaused` when it pauses the marketplace.
pub fn open_market_policy(policy: &AccountInfo) -> Result<PolicyParams> {
    let params = checks::load_policy(policy)?.params;
    require!(!params.marketplace_paused, MarketplaceError::MarketPaused);
    Ok(params)
}

/// Requires `wallet` to hold a valid attestation of the policy's level for `class`.
pub fn verify_participant(
    policy: &PolicyParams,
    attestation: &AccountInfo,
    wallet: &Pubkey,
    class: ActionClass,
    now: i64,
) -> Result<()> {
    checks::verify_attestation(attestation, wallet, policy.min_level(class), now).map(|_| ())
}

/// Compliance monitoring for one trade: the attestation, the single-trade limit, and the
/// wallet's rolling 24-hour volume (currency units). Liquidity moves need only the attestation.
pub fn check_trade(
    policy: &PolicyParams,
    attestation: &AccountInfo,
    trader: &mut Trader,
    class: ActionClass,
    volume: u64,
    now: i64,
) -> Result<()> {
    verify_participant(policy, attestation, &trader.wallet, class, now)?;
    require!(
        volume <= policy.aml_single_trade_limit,
        MarketplaceError::TradeLimitExceeded
    );
    trader.record(volume, now, policy.aml_daily_volume_limit)
}

/// Token-2022 mint extensions that leave the issuer a hold on tokens sitting in a pool or
/// escrow vault: a permanent delegate can move them out, a transfer hook runs the issuer's
/// program on every transfer (and can block it), a transfer fee makes a vault receive less
/// than the recorded amount, and a pause authority can stop every transfer.
pub const REFUSED_EXTENSIONS: [ExtensionType; 4] = [
    ExtensionType::PermanentDelegate,
    ExtensionType::TransferHook,
    ExtensionType::TransferFeeConfig,
    ExtensionType::Pausable,
];

/// Refuses a mint whose tokens the marketplace cannot hold safely: one with a freeze authority
/// (`MintHasFreezeAuthority`: its vaults could be frozen) or, under Token-2022, one carrying a
/// `REFUSED_EXTENSIONS` extension (`UnsupportedMintExtension`). Both are fixed when the mint is
/// created (a freeze authority that is unset can never be set, and mint extensions cannot be
/// added later), so checking where a vault is created suffices.
///
/// Exempt: exactly the currency mint (`currency_mint`, the central bank's PDA), whose freeze
/// authority is the central bank's reserve PDA, used to freeze sanctioned wallets. The other
/// ecosystem mints need no exemption: grid_market's energy credit mint, marketplace's carbon credit
/// mint and community's share mints are created with no freeze authority and no extensions.
pub fn verify_supported_mint(mint: &InterfaceAccount<Mint>, currency_mint: &Pubkey) -> Result<()> {
    if mint.key() == *currency_mint {
        return Ok(());
    }
    require!(
        mint.freeze_authority.is_none(),
        MarketplaceError::MintHasFreezeAuthority
    );
    let info = mint.to_account_info();
    if *info.owner == Token2022::id() {
        let data = info.try_borrow_data()?;
        let state = StateWithExtensions::<spl_token_2022::state::Mint>::unpack(&data)?;
        let extensions = state.get_extension_types()?;
        require!(
            !REFUSED_EXTENSIONS.iter().any(|e| extensions.contains(e)),
            MarketplaceError::UnsupportedMintExtension
        );
    }
    Ok(())
}
