//! Instruction vectors shared with the web app: one instruction of each of the six programs,
//! built by the SDK from fixed keys and arguments, compared with `instruction_vectors.json`.
//! The app's unit test (`app/tests/unit/instruction-vectors.test.ts`) builds the same
//! instructions with the Codama-generated TypeScript clients from the same `args` and checks
//! the same program id, account metas and data bytes.
//!
//! `UPDATE_VECTORS=1 cargo test -p sourceenergy-sdk --test instruction_vectors` rewrites the
//! file instead of comparing.

use ::grid_market::{instructions::RegisterMeterArgs, state::OwnerKind};
use anchor_lang::prelude::Pubkey;
use anchor_spl::token_2022;
use central_bank::instructions::AttestationTerms;
use household::state::MemberWeight;
use serde_json::{json, Value};
use solana_instruction::Instruction;
use sourceenergy_sdk::{
    central_bank::CentralBank,
    community::CommunityKeys,
    grid_market as grid_market_sdk,
    household::HouseholdKeys,
    marketplace::{Holdings, PoolKeys},
    member::MemberKeys,
    pda,
};

fn key(n: u8) -> Pubkey {
    Pubkey::new_from_array([n; 32])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn vector(name: &str, program: &str, instruction: &str, args: Value, ix: &Instruction) -> Value {
    json!({
        "name": name,
        "program": program,
        "instruction": instruction,
        "args": args,
        "programId": ix.program_id.to_string(),
        "accounts": ix.accounts.iter().map(|m| json!({
            "pubkey": m.pubkey.to_string(),
            "isSigner": m.is_signer,
            "isWritable": m.is_writable,
        })).collect::<Vec<_>>(),
        "data": hex(&ix.data),
    })
}

fn vectors() -> Value {
    let mut out = Vec::new();

    // central_bank: a KYC provider attests a wallet.
    {
        let (provider, wallet) = (key(1), key(2));
        let identity_hash: [u8; 32] = std::array::from_fn(|i| (i as u8) * 7 + 3);
        let terms = AttestationTerms {
            level: 2,
            jurisdiction: *b"DE",
            expires_at: 1_893_456_000,
        };
        // The collateral mint is not among this instruction's accounts.
        let bank = CentralBank {
            collateral_mint: key(99),
            collateral_token_program: token_2022::ID,
        };
        let ix = bank.issue_attestation(provider, wallet, terms, identity_hash);
        out.push(vector(
            "central_bank.issue_attestation",
            "central_bank",
            "issue_attestation",
            json!({
                "provider": provider.to_string(),
                "wallet": wallet.to_string(),
                "terms": { "level": 2, "jurisdiction": "DE", "expiresAt": 1_893_456_000i64 },
                "identityHash": hex(&identity_hash),
            }),
            &ix,
        ));
    }

    // marketplace: exact-in swap of currency for energy credits with a minimum out.
    {
        let pool = PoolKeys {
            asset_mint: pda::energy_credit_mint(),
            asset_token_program: token_2022::ID,
        };
        let h = Holdings {
            owner: key(7),
            asset: key(8),
            currency: key(9),
        };
        let ix = pool.swap(&h, true, 12_345_678, 4_321_000);
        out.push(vector(
            "marketplace.swap",
            "marketplace",
            "swap",
            json!({
                "owner": h.owner.to_string(),
                "ownerAsset": h.asset.to_string(),
                "ownerCurrency": h.currency.to_string(),
                "assetMint": pool.asset_mint.to_string(),
                "assetTokenProgram": pool.asset_token_program.to_string(),
                "buyAsset": true,
                "amountIn": 12_345_678u64,
                "minimumOut": 4_321_000u64,
            }),
            &ix,
        ));
    }

    // grid_market: a registrar registers a member's rooftop meter.
    {
        let registrar = key(11);
        let args = RegisterMeterArgs {
            meter_id: key(12),
            owner_kind: OwnerKind::Household,
            owner: key(13),
            credits_to: key(14),
            capacity_w: 7_250,
            oracle: key(15),
        };
        let ix = grid_market_sdk::register_meter(registrar, args);
        out.push(vector(
            "grid_market.register_meter",
            "grid_market",
            "register_meter",
            json!({
                "registrar": registrar.to_string(),
                "registrarRole": "MeterRegistrar",
                "meterId": args.meter_id.to_string(),
                "ownerKind": "Household",
                "owner": args.owner.to_string(),
                "creditsTo": args.credits_to.to_string(),
                "capacityW": 7_250u64,
                "oracle": args.oracle.to_string(),
            }),
            &ix,
        ));
    }

    // community: a wallet deposits currency into a community fund.
    {
        let community = CommunityKeys { id: key(21) };
        let (owner, source) = (key(22), key(23));
        let ix = community.deposit(owner, source, 987_654_321);
        out.push(vector(
            "community.deposit",
            "community",
            "deposit",
            json!({
                "communityId": community.id.to_string(),
                "owner": owner.to_string(),
                "source": source.to_string(),
                "amount": 987_654_321u64,
            }),
            &ix,
        ));
    }

    // household: trustees set a trust's members and weights (two trustees approve).
    {
        let household = HouseholdKeys { id: key(31) };
        let members = vec![
            MemberWeight {
                wallet: key(32),
                weight_bps: 6_000,
            },
            MemberWeight {
                wallet: key(33),
                weight_bps: 2_500,
            },
            MemberWeight {
                wallet: key(34),
                weight_bps: 1_500,
            },
        ];
        let trustees = [key(35), key(36)];
        let ix = household.set_members(members.clone(), &trustees);
        out.push(vector(
            "household.set_members",
            "household",
            "set_members",
            json!({
                "householdId": household.id.to_string(),
                "members": members.iter().map(|m| json!({
                    "wallet": m.wallet.to_string(),
                    "weightBps": m.weight_bps,
                })).collect::<Vec<_>>(),
                "trustees": trustees.iter().map(|t| t.to_string()).collect::<Vec<_>>(),
            }),
            &ix,
        ));
    }

    // member program: a member invests in a community.
    {
        let m = MemberKeys {
            wallet: key(41),
            currency: key(42),
        };
        let community = CommunityKeys { id: key(43) };
        let ix = m.invest(&community, 250_000_000);
        out.push(vector(
            "member.invest",
            "member",
            "invest",
            json!({
                "wallet": m.wallet.to_string(),
                "walletCurrency": m.currency.to_string(),
                "communityId": community.id.to_string(),
                "amount": 250_000_000u64,
            }),
            &ix,
        ));
    }

    // member program: a wallet creates its member account (what the app's onboarding sends).
    {
        let m = MemberKeys {
            wallet: key(51),
            currency: key(52),
        };
        let ix = m.create();
        out.push(vector(
            "member.create_member",
            "member",
            "create_member",
            json!({ "wallet": m.wallet.to_string() }),
            &ix,
        ));
    }

    json!({
        "note": "Written by `UPDATE_VECTORS=1 cargo test -p sourceenergy-sdk --test instruction_vectors`; checked by that test and by app/tests/unit/instruction-vectors.test.ts. Data is hex; u64 args are below 2^53.",
        "vectors": out,
    })
}

#[test]
fn sdk_instructions_match_the_committed_vectors() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/instruction_vectors.json");
    let built = vectors();
    let text = serde_json::to_string_pretty(&built).expect("serializable") + "\n";
    if std::env::var("UPDATE_VECTORS").as_deref() == Ok("1") {
        std::fs::write(&path, text).expect("write vectors");
        return;
    }
    let committed: Value = serde_json::from_str(
        &std::fs::read_to_string(&path)
            .expect("sdk/tests/instruction_vectors.json (UPDATE_VECTORS=1 writes it)"),
    )
    .expect("valid JSON");
    let (built_v, committed_v) = (&built["vectors"], &committed["vectors"]);
    assert_eq!(
        built_v.as_array().map(Vec::len),
        committed_v.as_array().map(Vec::len),
        "number of vectors"
    );
    for (b, c) in built_v
        .as_array()
        .unwrap()
        .iter()
        .zip(committed_v.as_array().unwrap())
    {
        assert_eq!(b, c, "vector {} differs from the committed file", b["name"]);
    }
    // Every program appears.
    let programs: std::collections::BTreeSet<_> = built_v
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["program"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        programs.len(),
        6,
        "one vector per program at least: {programs:?}"
    );
}
