//! The native test harness: one fixture type that boots the engine (LiteSVM) with every
//! SourceEnergy program registered natively (SPL Token, Token-2022 and ATA run as real SBF),
//! funds actors, creates mints and token accounts, moves the clock, and checks results.
#![allow(deprecated)]

use anchor_lang::{prelude::Pubkey, AccountDeserialize};
use anchor_spl::{
    associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent,
    token_2022::spl_token_2022::{
        self,
        extension::StateWithExtensionsOwned,
        state::{Account as SplAccount, Mint as SplMint},
    },
};
use central_bank::{
    errors::CentralBankError,
    instructions::{AttestationTerms, InitializeArgs},
    state::{GovernanceAction, RoleKind},
};
use solana_sdk::{
    account::Account,
    clock::Clock,
    instruction::{Instruction, InstructionError},
    signature::Keypair,
    signer::Signer,
    transaction::{Transaction, TransactionError},
};
use sourceenergy_engine::Engine;
use sourceenergy_sdk::{
    central_bank::CentralBank,
    marketplace::{Holdings, PoolKeys},
    pda,
};

pub use anchor_lang::error::ErrorCode as AnchorError;
pub use sourceenergy_sdk as client;

pub const TOKEN: Pubkey = spl_token_2022::ID;
pub const CLASSIC_TOKEN: Pubkey = anchor_spl::token::ID;
/// One whole unit of a 6-decimal token.
pub const UNIT: u64 = 1_000_000;
pub const TIMELOCK_SECS: u32 = 3_600;
pub const SOL: u64 = 1_000_000_000;

/// A typed program error code for `assert_error`.
pub trait ErrCode {
    fn code(self) -> u32;
}
/// Every program's `#[error_code]` enum converts into its code.
macro_rules! program_errors {
    ($($error:ty),*) => {
        $(impl ErrCode for $error {
            fn code(self) -> u32 {
                self.into()
            }
        })*
    };
}
program_errors!(
    CentralBankError,
    marketplace::errors::MarketplaceError,
    grid_market::errors::GridMarketError,
    community::errors::CommunityError,
    household::errors::HouseholdError,
    member::errors::MemberError
);
/// A raw code, for tables of mixed error types.
impl ErrCode for u32 {
    fn code(self) -> u32 {
        self
    }
}
impl ErrCode for AnchorError {
    fn code(self) -> u32 {
        self as u32
    }
}

pub type TxResult = Result<(), TransactionError>;

#[track_caller]
pub fn assert_success(res: TxResult) {
    if let Err(e) = res {
        panic!("transaction failed: {e:?}");
    }
}

/// The transaction failed with program error `code` (in whichever instruction).
#[track_caller]
pub fn assert_error(res: TxResult, code: impl ErrCode) {
    let expected = code.code();
    match res {
        Err(e) => match e {
            TransactionError::InstructionError(_, InstructionError::Custom(c)) if c == expected => {
            }
            other => panic!("expected custom error {expected}, got {other:?}"),
        },
        Ok(()) => panic!("expected custom error {expected}, but the transaction succeeded"),
    }
}

/// The transaction failed with a runtime (non-custom) instruction error.
#[track_caller]
pub fn assert_instruction_error(res: TxResult, expected: InstructionError) {
    match res {
        Err(e) => match e {
            TransactionError::InstructionError(_, got) if got == expected => {}
            other => panic!("expected {expected:?}, got {other:?}"),
        },
        Ok(()) => panic!("expected {expected:?}, but the transaction succeeded"),
    }
}

pub use sourceenergy_sdk::central_bank::default_policy;

/// The one fixture type. `Fixture::new()` gives a bare runtime; `Fixture::bootstrap()` an
/// initialised central bank with a 3-member council (threshold 2) and an approved KYC provider.
pub struct Fixture {
    pub engine: Engine,
    payer: Keypair,
    pub bank: CentralBank,
    pub council: Vec<Keypair>,
    pub provider: Keypair,
    /// Mint authority of the collateral mint (a classic SPL Token "USD" by default).
    pub collateral_authority: Keypair,
    nonce: u32,
    identities: u8,
}

impl Fixture {
    pub async fn new() -> Self {
        Self::with_collateral_program(CLASSIC_TOKEN).await
    }

    /// A bare runtime whose collateral mint (6 decimals, not yet initialised on central_bank) lives
    /// under `collateral_token_program`.
    pub async fn with_collateral_program(collateral_token_program: Pubkey) -> Self {
        let mut engine = Engine::new();
        let payer = Keypair::new();
        // The fixture's payer deployed the programs: it is their upgrade authority.
        engine.set_upgrade_authority(&payer.pubkey());
        engine
            .airdrop(&payer.pubkey(), 100_000 * SOL)
            .expect("faucet");
        let mut f = Fixture {
            engine,
            payer,
            bank: CentralBank {
                collateral_mint: Pubkey::default(),
                collateral_token_program,
            },
            council: Vec::new(),
            provider: Keypair::new(),
            collateral_authority: Keypair::new(),
            nonce: 0,
            identities: 0,
        };
        f.council = vec![f.actor().await, f.actor().await, f.actor().await];
        f.provider = f.actor().await;
        let authority = f.collateral_authority.pubkey();
        f.bank.collateral_mint = f.create_mint(&authority, 6, collateral_token_program).await;
        f
    }

    pub async fn bootstrap() -> Self {
        let mut f = Self::new().await;
        f.initialize().await;
        let provider = f.provider.pubkey();
        f.enact(GovernanceAction::ApproveKycProvider { provider })
            .await;
        f
    }

    pub fn initialize_args(&self) -> InitializeArgs {
        InitializeArgs {
            council: self.council.iter().map(|k| k.pubkey()).collect(),
            threshold: 2,
            timelock_secs: TIMELOCK_SECS,
            policy: default_policy(),
        }
    }

    pub async fn initialize(&mut self) {
        let ix = self
            .bank
            .initialize(self.payer(), self.payer(), self.initialize_args());
        assert_success(self.send(&[ix], &[]).await);
    }

    pub fn payer(&self) -> Pubkey {
        self.payer.pubkey()
    }

    /// Sends `ixs` paid by the fixture payer, signed by `signers` too. A compute-limit
    /// instruction with a fresh value keeps repeated identical transactions distinct.
    pub async fn send(&mut self, ixs: &[Instruction], signers: &[&Keypair]) -> TxResult {
        self.send_logged(ixs, signers).await.0
    }

    /// Like `send`, also returning the transaction log (to read the CPI depth or an event).
    pub async fn send_logged(
        &mut self,
        ixs: &[Instruction],
        signers: &[&Keypair],
    ) -> (TxResult, Vec<String>) {
        let tx = self.transaction(ixs, signers);
        match self.engine.send(tx) {
            Ok(meta) => (Ok(()), meta.logs),
            Err(failed) => (Err(failed.err), failed.meta.logs),
        }
    }

    /// Serialized size of the transaction `send` would submit; the wire limit is
    /// `solana_packet::PACKET_DATA_SIZE` (1,232 bytes).
    pub fn wire_size(&mut self, ixs: &[Instruction], signers: &[&Keypair]) -> usize {
        bincode::serialized_size(&self.transaction(ixs, signers)).unwrap() as usize
    }

    fn transaction(&mut self, ixs: &[Instruction], signers: &[&Keypair]) -> Transaction {
        self.nonce += 1;
        let blockhash = self.engine.latest_blockhash();
        sourceenergy_engine::signed_transaction(&self.payer, blockhash, self.nonce, ixs, signers)
    }

    /// A new keypair holding 10 SOL.
    pub async fn actor(&mut self) -> Keypair {
        let k = Keypair::new();
        let ix = anchor_lang::solana_program::system_instruction::transfer(
            &self.payer(),
            &k.pubkey(),
            10 * SOL,
        );
        assert_success(self.send(&[ix], &[]).await);
        k
    }

    /// A mint of `decimals` under `token_program` with `authority` as mint authority and no
    /// freeze authority (the marketplace refuses assets that can be frozen).
    pub async fn create_mint(
        &mut self,
        authority: &Pubkey,
        decimals: u8,
        token_program: Pubkey,
    ) -> Pubkey {
        let mint = Keypair::new();
        let rent = self.engine.rent();
        let space = <SplMint as anchor_lang::solana_program::program_pack::Pack>::LEN;
        let ixs = [
            anchor_lang::solana_program::system_instruction::create_account(
                &self.payer(),
                &mint.pubkey(),
                rent.minimum_balance(space),
                space as u64,
                &token_program,
            ),
            spl_token_2022::instruction::initialize_mint2(
                &token_program,
                &mint.pubkey(),
                authority,
                None,
                decimals,
            )
            .unwrap(),
        ];
        assert_success(self.send(&ixs, &[&mint]).await);
        mint.pubkey()
    }

    /// The owner's associated token account for `mint` (created if missing).
    pub async fn ata(&mut self, owner: &Pubkey, mint: &Pubkey, token_program: Pubkey) -> Pubkey {
        let ix =
            create_associated_token_account_idempotent(&self.payer(), owner, mint, &token_program);
        assert_success(self.send(&[ix], &[]).await);
        pda::associated_token(owner, mint, &token_program)
    }

    pub async fn currency_ata(&mut self, owner: &Pubkey) -> Pubkey {
        self.ata(owner, &pda::currency_mint(), TOKEN).await
    }

    pub async fn collateral_ata(&mut self, owner: &Pubkey) -> Pubkey {
        let (mint, program) = (
            self.bank.collateral_mint,
            self.bank.collateral_token_program,
        );
        self.ata(owner, &mint, program).await
    }

    /// Mints `amount` collateral to `owner`'s collateral account and returns that account.
    pub async fn fund_collateral(&mut self, owner: &Pubkey, amount: u64) -> Pubkey {
        let account = self.collateral_ata(owner).await;
        let (mint, program) = (
            self.bank.collateral_mint,
            self.bank.collateral_token_program,
        );
        self.mint_tokens(&mint, program, &account, amount).await;
        account
    }

    /// Mints `amount` of a fixture-created mint (the collateral authority is its authority).
    pub async fn mint_tokens(
        &mut self,
        mint: &Pubkey,
        token_program: Pubkey,
        to: &Pubkey,
        amount: u64,
    ) {
        let authority = self.collateral_authority.insecure_clone();
        let ix = spl_token_2022::instruction::mint_to(
            &token_program,
            mint,
            to,
            &authority.pubkey(),
            &[],
            amount,
        )
        .unwrap();
        assert_success(self.send(&[ix], &[&authority]).await);
    }

    pub async fn raw_account(&mut self, address: Pubkey) -> Option<Account> {
        self.engine.account(&address)
    }

    /// Decodes the Anchor account at `address`; panics when it is missing or of another type.
    pub async fn account<T: AccountDeserialize>(&mut self, address: Pubkey) -> T {
        let acc = self
            .raw_account(address)
            .await
            .unwrap_or_else(|| panic!("no account at {address}"));
        T::try_deserialize(&mut acc.data.as_slice()).expect("account type")
    }

    pub async fn token_account(&mut self, address: Pubkey) -> SplAccount {
        let acc = self.raw_account(address).await.expect("token account");
        StateWithExtensionsOwned::<SplAccount>::unpack(acc.data)
            .unwrap()
            .base
    }

    pub async fn balance(&mut self, token_account: Pubkey) -> u64 {
        self.token_account(token_account).await.amount
    }

    pub async fn supply(&mut self, mint: Pubkey) -> u64 {
        let acc = self.raw_account(mint).await.expect("mint");
        StateWithExtensionsOwned::<SplMint>::unpack(acc.data)
            .unwrap()
            .base
            .supply
    }

    pub async fn clock(&mut self) -> Clock {
        self.engine.clock()
    }

    pub async fn now(&mut self) -> i64 {
        self.clock().await.unix_timestamp
    }

    /// Moves the cluster clock forward by `secs`.
    pub async fn warp(&mut self, secs: i64) {
        self.engine.warp(secs);
    }

    // --- governance helpers ---

    pub async fn next_proposal(&mut self) -> u64 {
        self.account::<central_bank::state::Governance>(pda::governance())
            .await
            .proposal_count
    }

    /// Proposes `action` (council member 0) and approves it (member 1), reaching the threshold
    /// of 2, then waits out the timelock. Returns the proposal index.
    pub async fn pass(&mut self, action: GovernanceAction) -> u64 {
        let index = self.next_proposal().await;
        let (m0, m1) = (
            self.council[0].insecure_clone(),
            self.council[1].insecure_clone(),
        );
        assert_success(
            self.send(&[self.bank.propose(m0.pubkey(), index, action)], &[&m0])
                .await,
        );
        assert_success(
            self.send(&[self.bank.approve(m1.pubkey(), index)], &[&m1])
                .await,
        );
        self.warp(TIMELOCK_SECS as i64).await;
        index
    }

    /// The execute instruction matching a passed proposal's action, sent by council member 0.
    pub fn execute_ix(&self, index: u64, action: &GovernanceAction) -> Instruction {
        self.bank.execute(self.council[0].pubkey(), index, action)
    }

    /// Passes and executes `action`, returning the execute transaction's result.
    pub async fn try_enact(&mut self, action: GovernanceAction) -> TxResult {
        let index = self.pass(action.clone()).await;
        let ix = self.execute_ix(index, &action);
        let m0 = self.council[0].insecure_clone();
        self.send(&[ix], &[&m0]).await
    }

    pub async fn enact(&mut self, action: GovernanceAction) {
        assert_success(self.try_enact(action).await);
    }

    // --- compliance helpers ---

    /// Terms valid for a year from now.
    pub async fn terms(&mut self, level: u8) -> AttestationTerms {
        AttestationTerms {
            level,
            jurisdiction: *b"DE",
            expires_at: self.now().await + 365 * 86_400,
        }
    }

    /// A fresh identity hash (distinct per call).
    pub fn new_identity(&mut self) -> [u8; 32] {
        self.identities += 1;
        [self.identities; 32]
    }

    /// Has the fixture's provider attest `wallet` at `level` under a fresh identity.
    pub async fn attest(&mut self, wallet: &Pubkey, level: u8) {
        let terms = self.terms(level).await;
        let identity = self.new_identity();
        let provider = self.provider.insecure_clone();
        let ix = self
            .bank
            .issue_attestation(provider.pubkey(), *wallet, terms, identity);
        assert_success(self.send(&[ix], &[&provider]).await);
    }

    /// A funded, attested (level 2) user holding `collateral` collateral and a currency account.
    pub async fn user(&mut self, collateral: u64) -> User {
        let key = self.actor().await;
        self.attest(&key.pubkey(), 2).await;
        let collateral_account = self.fund_collateral(&key.pubkey(), collateral).await;
        let currency = self.currency_ata(&key.pubkey()).await;
        User {
            key,
            collateral: collateral_account,
            currency,
        }
    }

    /// Swaps `amount` of `user`'s collateral into currency.
    pub async fn mint_currency(&mut self, user: &User, amount: u64) -> TxResult {
        let ix =
            self.bank
                .mint_currency(user.key.pubkey(), user.collateral, user.currency, amount, 0);
        self.send(&[ix], &[&user.key]).await
    }
}

impl Fixture {
    // --- marketplace helpers ---

    /// A new mint of `decimals` under `token_program`, listed for trading by governance. The
    /// fixture's collateral authority mints it.
    pub async fn listed_asset(&mut self, decimals: u8, token_program: Pubkey) -> PoolKeys {
        let authority = self.collateral_authority.pubkey();
        let mint = self.create_mint(&authority, decimals, token_program).await;
        self.enact(GovernanceAction::GrantRole {
            role: RoleKind::ListedMarketAsset,
            subject: mint,
        })
        .await;
        PoolKeys {
            asset_mint: mint,
            asset_token_program: token_program,
        }
    }

    /// Mints `amount` of `keys`' asset to `owner` and returns the owner's asset account.
    pub async fn fund_asset(&mut self, keys: &PoolKeys, owner: &Pubkey, amount: u64) -> Pubkey {
        let account = self
            .ata(owner, &keys.asset_mint, keys.asset_token_program)
            .await;
        // With 0 it only creates the account, which also works for mints the fixture does not
        // control, such as grid_market's energy credits.
        if amount > 0 {
            self.mint_tokens(&keys.asset_mint, keys.asset_token_program, &account, amount)
                .await;
        }
        account
    }

    /// An attested (level 2) trader holding `currency` currency (bought through the reserve)
    /// and `asset` of the pool's asset, with its volume record opened.
    pub async fn trader(&mut self, keys: &PoolKeys, currency: u64, asset: u64) -> Trader {
        let user = self.user(currency * 2).await;
        if currency > 0 {
            // Swap enough collateral to cover the tin fee, then burn the few units over
            // `currency` so the trader starts with exactly `currency`.
            let gross = currency + currency / 500 + 1;
            let ix = self.bank.mint_currency(
                user.pubkey(),
                user.collateral,
                user.currency,
                gross,
                currency,
            );
            assert_success(self.send(&[ix], &[&user.key]).await);
            let excess = self.balance(user.currency).await - currency;
            let burn = spl_token_2022::instruction::burn(
                &TOKEN,
                &user.currency,
                &pda::currency_mint(),
                &user.pubkey(),
                &[],
                excess,
            )
            .unwrap();
            assert_success(self.send(&[burn], &[&user.key]).await);
        }
        let asset_account = self.fund_asset(keys, &user.pubkey(), asset).await;
        let ix = sourceenergy_sdk::marketplace::open_trader(user.pubkey());
        assert_success(self.send(&[ix], &[&user.key]).await);
        Trader {
            holdings: Holdings {
                owner: user.pubkey(),
                asset: asset_account,
                currency: user.currency,
            },
            user,
        }
    }
}

impl Fixture {
    /// Installs a Token-2022 mint (3 decimals, Wh) at grid_market's energy-credit-mint address,
    /// minted by the fixture's collateral authority. Stands in for grid_market's mint until the
    /// grid market program exists; the marketplace checks only the address and the mint itself.
    pub async fn install_energy_credit_mint(&mut self) -> Pubkey {
        let address = pda::energy_credit_mint();
        let mint = SplMint {
            mint_authority: Some(self.collateral_authority.pubkey()).into(),
            supply: 0,
            decimals: 3,
            is_initialized: true,
            freeze_authority: None.into(),
        };
        let mut data = vec![0u8; <SplMint as anchor_lang::solana_program::program_pack::Pack>::LEN];
        anchor_lang::solana_program::program_pack::Pack::pack(mint, &mut data).unwrap();
        let rent = self.engine.rent();
        let account = Account {
            lamports: rent.minimum_balance(data.len()),
            data,
            owner: TOKEN,
            executable: false,
            rent_epoch: 0,
        };
        self.engine.set_account(address, account);
        address
    }
}

impl Fixture {
    /// `maker` creates `keys`' pool with `asset` against `currency` (TWAP interval from the
    /// policy).
    pub async fn create_pool(
        &mut self,
        keys: &PoolKeys,
        maker: &Trader,
        asset: u64,
        currency: u64,
        lp_fee_bps: u16,
    ) {
        let args = marketplace::instructions::CreatePoolArgs {
            asset_amount: asset,
            currency_amount: currency,
            lp_fee_bps,
        };
        let ix = keys.create_pool(&maker.holdings, args);
        assert_success(self.send(&[ix], &[&maker.user.key]).await);
    }
}

/// A marketplace participant: the wallet and its token accounts for one pool.
pub struct Trader {
    pub user: User,
    pub holdings: Holdings,
}

/// A wallet with its collateral and currency token accounts.
pub struct User {
    pub key: Keypair,
    pub collateral: Pubkey,
    pub currency: Pubkey,
}

impl User {
    pub fn pubkey(&self) -> Pubkey {
        self.key.pubkey()
    }
}
