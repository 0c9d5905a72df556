//! Instruction builders for the marketplace, from the program's own `accounts` structs: pools
//! ([`PoolKeys`]: liquidity, swaps, the stabilisation crank), escrowed offers ([`OfferKeys`]),
//! trader records ([`open_trader`]) and carbon credits ([`convert_energy`], [`retire_carbon`]).
//! Amounts are base units of their mint; the wallet named first signs unless a builder's doc
//! says otherwise.
//!
//! ```rust
//! use anchor_lang::prelude::Pubkey;
//! use sourceenergy_sdk::{
//!     marketplace::{Holdings, PoolKeys},
//!     pda,
//! };
//!
//! // The energy credit pool: energy credits (Token-2022, 1 base unit = 1 Wh) against the currency.
//! let pool = PoolKeys {
//!     asset_mint: pda::energy_credit_mint(),
//!     asset_token_program: anchor_spl::token_2022::ID,
//! };
//! let me = Holdings {
//!     owner: Pubkey::new_unique(),
//!     asset: Pubkey::new_unique(),
//!     currency: Pubkey::new_unique(),
//! };
//! // Pay exactly 2 currency for at least 10 kWh of energy credits.
//! let ix = pool.swap(&me, true, 2_000_000, 10_000);
//!
//! assert_eq!(ix.program_id, marketplace::ID);
//! // owner, attestation, policy, trader, the pool's 8 accounts, owner_asset, owner_currency,
//! // surplus_vault
//! assert_eq!(ix.accounts.len(), 15);
//! assert_eq!(ix.accounts[0].pubkey, me.owner);
//! assert!(ix.accounts[0].is_signer);
//! assert_eq!(ix.accounts[3].pubkey, pda::trader(&me.owner));
//! assert_eq!(ix.accounts[4].pubkey, pda::pool(&pda::energy_credit_mint()));
//! assert_eq!(ix.accounts[4].pubkey, pool.pool());
//! assert_eq!(ix.accounts[13].pubkey, me.currency);
//! ```

use anchor_lang::{prelude::Pubkey, system_program, InstructionData, ToAccountMetas};
use anchor_spl::{associated_token, token_2022};
use marketplace::{
    accounts as acc, instruction as ix,
    instructions::{CreatePoolArgs, MakeOfferArgs},
};
use solana_instruction::Instruction;

use crate::pda;

fn build(accounts: impl ToAccountMetas, data: impl InstructionData) -> Instruction {
    crate::build_ix(marketplace::ID, accounts, data)
}

/// One pool: a listed asset (under its token program) against the currency.
#[derive(Clone, Copy, Debug)]
pub struct PoolKeys {
    /// The listed asset's mint (governance lists it with the `ListedMarketAsset` role).
    pub asset_mint: Pubkey,
    /// The asset mint's token program (SPL Token or Token-2022).
    pub asset_token_program: Pubkey,
}

/// A wallet's token accounts for one pool.
#[derive(Clone, Copy, Debug)]
pub struct Holdings {
    /// The wallet; it signs what it does with the pool.
    pub owner: Pubkey,
    /// Its token account of the pool's asset.
    pub asset: Pubkey,
    /// Its currency token account (Token-2022).
    pub currency: Pubkey,
}

impl PoolKeys {
    /// The pool account ([`pda::pool`]).
    pub fn pool(&self) -> Pubkey {
        pda::pool(&self.asset_mint)
    }

    /// The pool's LP token mint (Token-2022).
    pub fn lp_mint(&self) -> Pubkey {
        pda::lp_mint(&self.pool())
    }

    /// The owner's LP associated token account (Token-2022).
    pub fn lp_account(&self, owner: &Pubkey) -> Pubkey {
        pda::associated_token(owner, &self.lp_mint(), &token_2022::ID)
    }

    /// The pool's asset reserve.
    pub fn asset_vault(&self) -> Pubkey {
        pda::pool_vault(&self.pool(), &self.asset_mint)
    }

    /// The pool's currency reserve.
    pub fn currency_vault(&self) -> Pubkey {
        pda::pool_vault(&self.pool(), &pda::currency_mint())
    }

    fn accounts(&self) -> acc::PoolAccounts {
        acc::PoolAccounts {
            pool: self.pool(),
            asset_mint: self.asset_mint,
            currency_mint: pda::currency_mint(),
            lp_mint: self.lp_mint(),
            asset_vault: self.asset_vault(),
            currency_vault: self.currency_vault(),
            asset_token_program: self.asset_token_program,
            token_program: token_2022::ID,
        }
    }

    /// The attested `creator` creates the pool of the listed asset with its first deposit
    /// (`args`), receiving the first LP tokens in its LP account.
    pub fn create_pool(&self, creator: &Holdings, args: CreatePoolArgs) -> Instruction {
        let owner = creator.owner;
        build(
            acc::CreatePool {
                creator: owner,
                attestation: pda::attestation(&owner),
                policy: pda::policy(),
                listing: pda::role(
                    central_bank::state::RoleKind::ListedMarketAsset,
                    &self.asset_mint,
                ),
                asset_mint: self.asset_mint,
                currency_mint: pda::currency_mint(),
                pool: self.pool(),
                asset_vault: self.asset_vault(),
                currency_vault: self.currency_vault(),
                lp_mint: self.lp_mint(),
                creator_asset: creator.asset,
                creator_currency: creator.currency,
                creator_lp: self.lp_account(&owner),
                surplus_vault: pda::surplus_vault(),
                asset_token_program: self.asset_token_program,
                token_program: token_2022::ID,
                associated_token_program: associated_token::ID,
                system_program: system_program::ID,
            },
            ix::CreatePool { args },
        )
    }

    /// The attested owner mints exactly `lp` LP tokens into its LP account, for at most
    /// `max_asset` asset and `max_currency` currency base units.
    pub fn deposit(&self, h: &Holdings, lp: u64, max_asset: u64, max_currency: u64) -> Instruction {
        build(
            acc::DepositLiquidity {
                owner: h.owner,
                attestation: pda::attestation(&h.owner),
                policy: pda::policy(),
                pool: self.accounts(),
                owner_asset: h.asset,
                owner_currency: h.currency,
                owner_lp: self.lp_account(&h.owner),
            },
            ix::Deposit {
                lp,
                max_asset,
                max_currency,
            },
        )
    }

    /// The owner burns `lp` LP tokens for at least `min_asset` asset and `min_currency` currency
    /// base units; works while trading is paused and without an attestation.
    pub fn withdraw(
        &self,
        h: &Holdings,
        lp: u64,
        min_asset: u64,
        min_currency: u64,
    ) -> Instruction {
        build(
            acc::Withdraw {
                owner: h.owner,
                pool: self.accounts(),
                owner_asset: h.asset,
                owner_currency: h.currency,
                owner_lp: self.lp_account(&h.owner),
            },
            ix::Withdraw {
                lp,
                min_asset,
                min_currency,
            },
        )
    }

    /// Exact-in swap by the attested owner, which needs a trader record ([`open_trader`]):
    /// `buy_asset` pays `amount_in` currency for the asset, otherwise `amount_in` asset for
    /// currency; fails below `minimum_out`.
    pub fn swap(
        &self,
        h: &Holdings,
        buy_asset: bool,
        amount_in: u64,
        minimum_out: u64,
    ) -> Instruction {
        build(
            acc::Swap {
                owner: h.owner,
                attestation: pda::attestation(&h.owner),
                policy: pda::policy(),
                trader: pda::trader(&h.owner),
                pool: self.accounts(),
                owner_asset: h.asset,
                owner_currency: h.currency,
                surplus_vault: pda::surplus_vault(),
            },
            ix::Swap {
                buy_asset,
                amount_in,
                minimum_out,
            },
        )
    }
}

impl PoolKeys {
    /// The market authority's and the reserve's token accounts `stabilize` uses (ATAs; create
    /// them once, idempotently, before the first crank).
    pub fn stabilize_accounts(&self) -> [(Pubkey, Pubkey, Pubkey); 3] {
        let (authority, reserve) = (pda::market_authority(), pda::reserve());
        [
            (authority, pda::currency_mint(), token_2022::ID),
            (authority, self.asset_mint, self.asset_token_program),
            (reserve, self.asset_mint, self.asset_token_program),
        ]
    }

    /// Permissionless: trade reserve liquidity toward the policy price band if needed.
    pub fn stabilize(&self) -> Instruction {
        let [currency, asset, reserve_asset] = self
            .stabilize_accounts()
            .map(|(o, m, p)| pda::associated_token(&o, &m, &p));
        build(
            acc::Stabilize {
                policy: pda::policy(),
                reserve: pda::reserve(),
                pool: self.accounts(),
                market_authority: pda::market_authority(),
                authority_currency: currency,
                authority_asset: asset,
                surplus_vault: pda::surplus_vault(),
                reserve_asset,
                central_bank_program: central_bank::ID,
            },
            ix::Stabilize {},
        )
    }
}

/// `wallet` creates its trader record (rolling volume for the compliance limits), paying the
/// rent; needed once before its first swap, offer or taken offer.
pub fn open_trader(wallet: Pubkey) -> Instruction {
    build(
        acc::OpenTrader {
            wallet,
            trader: pda::trader(&wallet),
            system_program: system_program::ID,
        },
        ix::OpenTrader {},
    )
}

/// One escrowed offer and the mints (with their token programs) on each side.
#[derive(Clone, Copy, Debug)]
pub struct OfferKeys {
    /// The wallet that made the offer; it signs `make`.
    pub maker: Pubkey,
    /// The maker's number for the offer, a seed of its address (distinct per maker).
    pub id: u64,
    /// The mint the maker sells (escrowed): the currency or a listed asset.
    pub sell_mint: Pubkey,
    /// The sell mint's token program.
    pub sell_token_program: Pubkey,
    /// The mint the maker wants in return: the other side.
    pub buy_mint: Pubkey,
    /// The buy mint's token program.
    pub buy_token_program: Pubkey,
}

impl OfferKeys {
    /// The offer account ([`pda::offer`]).
    pub fn offer(&self) -> Pubkey {
        pda::offer(&self.maker, self.id)
    }

    /// The escrow of the offer's sell side.
    pub fn vault(&self) -> Pubkey {
        pda::offer_vault(&self.offer())
    }

    /// The asset side (the one that is not the currency), whose listing is checked.
    fn asset(&self) -> Pubkey {
        if self.sell_mint == pda::currency_mint() {
            self.buy_mint
        } else {
            self.sell_mint
        }
    }

    /// The attested maker escrows `sell_amount` from `maker_sell` for `buy_amount`, open until
    /// `expires_at` (UNIX seconds).
    pub fn make(
        &self,
        maker_sell: Pubkey,
        sell_amount: u64,
        buy_amount: u64,
        expires_at: i64,
    ) -> Instruction {
        build(
            acc::MakeOffer {
                maker: self.maker,
                attestation: pda::attestation(&self.maker),
                policy: pda::policy(),
                trader: pda::trader(&self.maker),
                listing: pda::role(
                    central_bank::state::RoleKind::ListedMarketAsset,
                    &self.asset(),
                ),
                sell_mint: self.sell_mint,
                buy_mint: self.buy_mint,
                offer: self.offer(),
                vault: self.vault(),
                maker_sell,
                sell_token_program: self.sell_token_program,
                buy_token_program: self.buy_token_program,
                system_program: system_program::ID,
            },
            ix::MakeOffer {
                args: MakeOfferArgs {
                    id: self.id,
                    sell_amount,
                    buy_amount,
                    expires_at,
                },
            },
        )
    }

    /// The attested `taker` buys `sell` base units into `taker_sell`, paying at most `max_pay`
    /// from `taker_buy` to the maker's `maker_buy`.
    pub fn take(
        &self,
        taker: Pubkey,
        taker_sell: Pubkey,
        taker_buy: Pubkey,
        maker_buy: Pubkey,
        sell: u64,
        max_pay: u64,
    ) -> Instruction {
        build(
            acc::TakeOffer {
                taker,
                attestation: pda::attestation(&taker),
                policy: pda::policy(),
                trader: pda::trader(&taker),
                offer: self.offer(),
                sell_mint: self.sell_mint,
                buy_mint: self.buy_mint,
                vault: self.vault(),
                taker_sell,
                taker_buy,
                maker_buy,
                sell_token_program: self.sell_token_program,
                buy_token_program: self.buy_token_program,
            },
            ix::TakeOffer { sell, max_pay },
        )
    }

    /// Closes the offer, returning the escrow to `maker_sell` and the rent to the maker; `closer`
    /// is the maker at any time, anyone after expiry.
    pub fn close(&self, closer: Pubkey, maker_sell: Pubkey) -> Instruction {
        build(
            acc::CloseOffer {
                closer,
                maker: self.maker,
                offer: self.offer(),
                sell_mint: self.sell_mint,
                vault: self.vault(),
                maker_sell,
                sell_token_program: self.sell_token_program,
            },
            ix::CloseOffer {},
        )
    }
}

/// The one-time initialisation, signed by the program's upgrade `authority` (the deployer).
pub fn init_carbon_registry(payer: Pubkey, authority: Pubkey) -> Instruction {
    build(
        acc::InitCarbonRegistry {
            payer,
            authority,
            program_data: pda::program_data(&marketplace::ID),
            registry: pda::carbon_registry(),
            carbon_mint: pda::carbon_mint(),
            energy_credit_mint: pda::energy_credit_mint(),
            token_program: token_2022::ID,
            system_program: system_program::ID,
        },
        ix::InitCarbonRegistry {},
    )
}

fn carbon_accounts() -> acc::CarbonAccounts {
    acc::CarbonAccounts {
        registry: pda::carbon_registry(),
        carbon_mint: pda::carbon_mint(),
        energy_credit_mint: pda::energy_credit_mint(),
        token_program: token_2022::ID,
    }
}

/// The attested `owner` burns `wh` energy credits (Wh) from `owner_energy` for carbon credits
/// (grams, at the policy's emission factor) into `owner_carbon`.
pub fn convert_energy(
    owner: Pubkey,
    owner_energy: Pubkey,
    owner_carbon: Pubkey,
    wh: u64,
) -> Instruction {
    build(
        acc::ConvertEnergy {
            owner,
            attestation: pda::attestation(&owner),
            policy: pda::policy(),
            carbon: carbon_accounts(),
            owner_energy,
            owner_carbon,
        },
        ix::ConvertEnergy { wh },
    )
}

/// The attested `owner` retires `grams` of carbon credits for `beneficiary`, with `reason` (at
/// most 64 bytes); `serial` is the registry's `retirement_count`, the new record's seed.
pub fn retire_carbon(
    owner: Pubkey,
    owner_carbon: Pubkey,
    serial: u64,
    grams: u64,
    beneficiary: Pubkey,
    reason: String,
) -> Instruction {
    build(
        acc::RetireCarbon {
            owner,
            attestation: pda::attestation(&owner),
            policy: pda::policy(),
            carbon: carbon_accounts(),
            owner_carbon,
            retirement: pda::retirement(serial),
            system_program: system_program::ID,
        },
        ix::RetireCarbon {
            grams,
            beneficiary,
            reason,
        },
    )
}
