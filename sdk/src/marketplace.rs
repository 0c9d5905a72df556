//! Instruction builders for the marketplace, from the program's own `accounts` structs.

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
    pub asset_mint: Pubkey,
    pub asset_token_program: Pubkey,
}

/// A wallet's token accounts for one pool.
#[derive(Clone, Copy, Debug)]
pub struct Holdings {
    pub owner: Pubkey,
    pub asset: Pubkey,
    pub currency: Pubkey,
}

impl PoolKeys {
    pub fn pool(&self) -> Pubkey {
        pda::pool(&self.asset_mint)
    }

    pub fn lp_mint(&self) -> Pubkey {
        pda::lp_mint(&self.pool())
    }

    /// The owner's LP associated token account (Token-2022).
    pub fn lp_account(&self, owner: &Pubkey) -> Pubkey {
        pda::associated_token(owner, &self.lp_mint(), &token_2022::ID)
    }

    pub fn asset_vault(&self) -> Pubkey {
        pda::pool_vault(&self.pool(), &self.asset_mint)
    }

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

    /// Mint `lp` LP tokens into the owner's LP account for at most the given inputs.
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

    /// Exact-in swap: `buy_asset` pays currency for the asset, otherwise asset for currency.
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
    pub maker: Pubkey,
    pub id: u64,
    pub sell_mint: Pubkey,
    pub sell_token_program: Pubkey,
    pub buy_mint: Pubkey,
    pub buy_token_program: Pubkey,
}

impl OfferKeys {
    pub fn offer(&self) -> Pubkey {
        pda::offer(&self.maker, self.id)
    }

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

    /// Escrows `sell_amount` from `maker_sell` for `buy_amount`, open until `expires_at`.
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

    /// `taker` buys `sell` units into `taker_sell`, paying from `taker_buy` to `maker_buy`.
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

    /// Closes the offer, returning the escrow to `maker_sell` and the rent to the maker.
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

/// Burn `wh` energy credits from `owner_energy` for carbon credits into `owner_carbon`.
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

/// Retire `grams` of carbon credits; `serial` is the registry's `retirement_count`.
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
