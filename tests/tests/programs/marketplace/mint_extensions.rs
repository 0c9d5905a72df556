//! Listed assets whose issuer keeps a hold on tokens in the marketplace's vaults (a freeze
//! authority, a permanent delegate, a transfer hook, a transfer fee, a pause authority) are
//! refused wherever a vault of them would be created: pools and offers.

use anchor_spl::token_2022::spl_token_2022::{
    self,
    extension::{
        metadata_pointer, pausable, transfer_fee, transfer_hook, ExtensionType,
        StateWithExtensionsOwned,
    },
    state::Mint as SplMint,
};
use central_bank::state::{GovernanceAction, RoleKind};
use marketplace::{errors::MarketplaceError as E, instructions::CreatePoolArgs};
use solana_sdk::{instruction::Instruction, pubkey::Pubkey, signature::Keypair, signer::Signer};
use sourceenergy_sdk::{
    marketplace::{OfferKeys, PoolKeys},
    pda,
};
use sourceenergy_tests::*;

const ASSET: u64 = 1_000 * UNIT;
const CURRENCY: u64 = 4_000 * UNIT;

/// A Token-2022 mint extension, initialised before the mint itself.
#[derive(Clone, Copy, Debug)]
enum Ext {
    PermanentDelegate,
    TransferHook,
    TransferFee,
    Pausable,
    /// Harmless: points at metadata.
    MetadataPointer,
}

impl Ext {
    fn kind(self) -> ExtensionType {
        match self {
            Ext::PermanentDelegate => ExtensionType::PermanentDelegate,
            Ext::TransferHook => ExtensionType::TransferHook,
            Ext::TransferFee => ExtensionType::TransferFeeConfig,
            Ext::Pausable => ExtensionType::Pausable,
            Ext::MetadataPointer => ExtensionType::MetadataPointer,
        }
    }

    fn init(self, mint: &Pubkey, issuer: &Pubkey) -> Instruction {
        let t = &TOKEN;
        match self {
            Ext::PermanentDelegate => {
                spl_token_2022::instruction::initialize_permanent_delegate(t, mint, issuer)
            }
            Ext::TransferHook => {
                // Any program id: the attack fails before a transfer would call it.
                transfer_hook::instruction::initialize(t, mint, Some(*issuer), Some(*issuer))
            }
            Ext::TransferFee => transfer_fee::instruction::initialize_transfer_fee_config(
                t,
                mint,
                Some(issuer),
                Some(issuer),
                100,
                u64::MAX,
            ),
            Ext::Pausable => pausable::instruction::initialize(t, mint, issuer),
            Ext::MetadataPointer => {
                metadata_pointer::instruction::initialize(t, mint, Some(*issuer), Some(*mint))
            }
        }
        .unwrap()
    }
}

/// A 6-decimal mint under `token_program` with `extensions` (Token-2022 only) and, if `freeze`,
/// a freeze authority, listed for trading by governance. The fixture's collateral authority
/// is its issuer, so `Fixture::trader` can fund traders with it.
async fn listed_mint(
    f: &mut Fixture,
    token_program: Pubkey,
    extensions: &[Ext],
    freeze: bool,
) -> PoolKeys {
    let mint = Keypair::new();
    let issuer = f.collateral_authority.pubkey();
    let kinds: Vec<_> = extensions.iter().map(|e| e.kind()).collect();
    let space = ExtensionType::try_calculate_account_len::<SplMint>(&kinds).unwrap();
    let rent = f.engine.rent();
    let mut ixs = vec![
        anchor_lang::solana_program::system_instruction::create_account(
            &f.payer(),
            &mint.pubkey(),
            rent.minimum_balance(space),
            space as u64,
            &token_program,
        ),
    ];
    ixs.extend(extensions.iter().map(|e| e.init(&mint.pubkey(), &issuer)));
    ixs.push(
        spl_token_2022::instruction::initialize_mint2(
            &token_program,
            &mint.pubkey(),
            &issuer,
            freeze.then_some(&issuer),
            6,
        )
        .unwrap(),
    );
    assert_success(f.send(&ixs, &[&mint]).await);
    f.enact(GovernanceAction::GrantRole {
        role: RoleKind::ListedMarketAsset,
        subject: mint.pubkey(),
    })
    .await;
    PoolKeys {
        asset_mint: mint.pubkey(),
        asset_token_program: token_program,
    }
}

fn args() -> CreatePoolArgs {
    CreatePoolArgs {
        asset_amount: ASSET,
        currency_amount: CURRENCY,
        lp_fee_bps: 25,
    }
}

/// A trader tries to create the pool of `keys`: it fails with `code`, no pool exists and the
/// trader keeps its tokens.
async fn create_pool_fails(f: &mut Fixture, keys: &PoolKeys, code: E) {
    let maker = f.trader(keys, CURRENCY, ASSET).await;
    let ix = keys.create_pool(&maker.holdings, args());
    assert_error(f.send(&[ix], &[&maker.user.key]).await, code);
    assert!(f.raw_account(keys.pool()).await.is_none());
    assert_eq!(f.balance(maker.holdings.asset).await, ASSET);
    assert_eq!(f.balance(maker.holdings.currency).await, CURRENCY);
}

#[tokio::test]
async fn listed_assets_with_risky_extensions_fail_with_unsupported_mint_extension() {
    let f = &mut Fixture::bootstrap().await;
    for ext in [
        Ext::PermanentDelegate,
        Ext::TransferHook,
        Ext::TransferFee,
        Ext::Pausable,
    ] {
        let keys = listed_mint(f, TOKEN, &[ext], false).await;
        create_pool_fails(f, &keys, E::UnsupportedMintExtension).await;
    }
    // Hidden behind a harmless extension too.
    let keys = listed_mint(
        f,
        TOKEN,
        &[Ext::MetadataPointer, Ext::PermanentDelegate],
        false,
    )
    .await;
    create_pool_fails(f, &keys, E::UnsupportedMintExtension).await;
}

#[tokio::test]
async fn listed_assets_with_a_freeze_authority_fail_with_mint_has_freeze_authority() {
    let f = &mut Fixture::bootstrap().await;
    for program in [TOKEN, CLASSIC_TOKEN] {
        let keys = listed_mint(f, program, &[], true).await;
        create_pool_fails(f, &keys, E::MintHasFreezeAuthority).await;
    }
}

/// Offers escrow a listed asset (or pay the maker in one) the same way: both sides are checked.
#[tokio::test]
async fn offers_of_refused_mints_fail_with_the_same_errors() {
    let f = &mut Fixture::bootstrap().await;
    let expires = f.now().await + 86_400;
    let delegated = listed_mint(f, TOKEN, &[Ext::PermanentDelegate], false).await;
    let seller = f.trader(&delegated, 0, 10 * UNIT).await;
    let sell_asset = OfferKeys {
        maker: seller.holdings.owner,
        id: 1,
        sell_mint: delegated.asset_mint,
        sell_token_program: TOKEN,
        buy_mint: pda::currency_mint(),
        buy_token_program: TOKEN,
    };
    let ix = sell_asset.make(seller.holdings.asset, UNIT, UNIT, expires);
    assert_error(
        f.send(&[ix], &[&seller.user.key]).await,
        E::UnsupportedMintExtension,
    );
    assert!(f.raw_account(sell_asset.offer()).await.is_none());
    assert_eq!(f.balance(seller.holdings.asset).await, 10 * UNIT);

    let freezable = listed_mint(f, TOKEN, &[], true).await;
    let buyer = f.trader(&freezable, 10 * UNIT, 0).await;
    let buy_asset = OfferKeys {
        maker: buyer.holdings.owner,
        id: 1,
        sell_mint: pda::currency_mint(),
        sell_token_program: TOKEN,
        buy_mint: freezable.asset_mint,
        buy_token_program: TOKEN,
    };
    let ix = buy_asset.make(buyer.holdings.currency, UNIT, UNIT, expires);
    assert_error(
        f.send(&[ix], &[&buyer.user.key]).await,
        E::MintHasFreezeAuthority,
    );
    assert!(f.raw_account(buy_asset.offer()).await.is_none());
    assert_eq!(f.balance(buyer.holdings.currency).await, 10 * UNIT);
}

/// Harmless extensions pass, and the currency on the other side of every pool keeps its
/// freeze authority (the central bank's reserve, for sanctions): it is the one exemption.
#[tokio::test]
async fn harmless_extensions_and_the_freezable_currency_are_accepted() {
    let f = &mut Fixture::bootstrap().await;
    let keys = listed_mint(f, TOKEN, &[Ext::MetadataPointer], false).await;
    let maker = f.trader(&keys, CURRENCY, ASSET).await;
    let ix = keys.create_pool(&maker.holdings, args());
    assert_success(f.send(&[ix], &[&maker.user.key]).await);
    assert_eq!(f.balance(keys.asset_vault()).await, ASSET);

    let currency = f.raw_account(pda::currency_mint()).await.unwrap();
    let currency = StateWithExtensionsOwned::<SplMint>::unpack(currency.data).unwrap();
    assert_eq!(
        currency.base.freeze_authority,
        Some(pda::reserve()).into(),
        "the currency can be frozen by central_bank"
    );
}
