//! `sourceenergy status`: the ecosystem's state, readably.

use std::fmt::Write;

use anchor_lang::Discriminator;
use central_bank::state::{Governance, Policy, Reserve};
use community::state::Community;
use grid_market::state::{Epoch, Market};
use household::state::Household;
use marketplace::state::{CarbonRegistry, Pool};
use member::state::Member;

use sourceenergy_sdk::{
    chain::{Chain, ChainResult},
    pda, tokens,
};

fn units(base: u64) -> String {
    format!("{}.{:06}", base / 1_000_000, base % 1_000_000)
}

pub async fn status<C: Chain>(chain: &mut C) -> ChainResult<String> {
    let mut out = String::new();
    let Some(gov) = chain.read::<Governance>(&pda::governance()).await? else {
        return Ok("central bank not initialised (run `sourceenergy bootstrap`)\n".into());
    };
    let policy: Option<Policy> = chain.read(&pda::policy()).await?;
    let reserve: Option<Reserve> = chain.read(&pda::reserve()).await?;
    let supply = chain
        .account(&pda::currency_mint())
        .await?
        .map_or(0, |a| tokens::supply(&a.data));
    let _ = writeln!(out, "central bank");
    let _ = writeln!(
        out,
        "  council {} members, threshold {}, timelock {} s, {} proposals",
        gov.member_count, gov.threshold, gov.timelock_secs, gov.proposal_count
    );
    if let Some(p) = policy {
        let p = p.params;
        let _ = writeln!(
            out,
            "  policy: savings {} bps, grid price band {}..{} per kWh, emission {} g/kWh, epoch {} s",
            p.savings_rate_bps, p.price_floor, p.price_ceiling, p.emission_factor_g_per_kwh, p.epoch_length_secs
        );
    }
    if let Some(r) = reserve {
        let _ = writeln!(
            out,
            "  currency supply {}, collateral held {}, issued {}, fees {}",
            units(supply),
            units(r.collateral_held),
            units(r.issued_outstanding),
            units(r.fees_collected)
        );
    }
    let _ = writeln!(out, "marketplace");
    for (key, a) in chain
        .program_accounts(&marketplace::ID, Pool::DISCRIMINATOR)
        .await?
    {
        if let Ok(p) = <Pool as anchor_lang::AccountDeserialize>::try_deserialize(&mut &a.data[..])
        {
            let _ = writeln!(
                out,
                "  pool {key}: asset {} / currency {} (spot {} per unit), protocol fees {}",
                p.asset_reserve,
                units(p.currency_reserve),
                p.currency_reserve.checked_div(p.asset_reserve).unwrap_or(0),
                units(p.protocol_fees)
            );
        }
    }
    if let Some(c) = chain
        .read::<CarbonRegistry>(&pda::carbon_registry())
        .await?
    {
        let _ = writeln!(
            out,
            "  carbon: {} Wh converted, {} g minted, {} g retired in {} records",
            c.converted_wh, c.minted_g, c.retired_g, c.retirement_count
        );
    }
    let _ = writeln!(out, "grid market");
    if let Some(m) = chain.read::<Market>(&pda::market()).await? {
        let now = chain.now().await?;
        let _ = writeln!(
            out,
            "  current epoch {}, {} Wh verified and credited",
            m.epoch_at(now),
            m.credited_wh
        );
        let mut epochs: Vec<Epoch> = chain
            .program_accounts(&grid_market::ID, Epoch::DISCRIMINATOR)
            .await?
            .into_iter()
            .filter_map(|(_, a)| {
                <Epoch as anchor_lang::AccountDeserialize>::try_deserialize(&mut &a.data[..]).ok()
            })
            .collect();
        epochs.sort_by_key(|e| e.index);
        let _ = writeln!(
            out,
            "  epoch  status     Wh        price/kWh  revenue    claimed"
        );
        for e in epochs.iter().rev().take(12).rev() {
            let _ = writeln!(
                out,
                "  {:<6} {:<10} {:<9} {:<10} {:<10} {}",
                e.index,
                format!("{:?}", e.status),
                e.total_wh,
                e.clearing_price,
                units(e.revenue),
                units(e.claimed)
            );
        }
    } else {
        let _ = writeln!(out, "  not initialised");
    }
    let communities = chain
        .program_accounts(&community::ID, Community::DISCRIMINATOR)
        .await?;
    let _ = writeln!(out, "communities: {}", communities.len());
    for (key, a) in communities {
        if let Ok(c) =
            <Community as anchor_lang::AccountDeserialize>::try_deserialize(&mut &a.data[..])
        {
            let _ = writeln!(
                out,
                "  {key}: value {}, {} members, {} households, {} Wh, {} g CO2 avoided, benefit fund {}",
                units(c.value()),
                c.impact.members,
                c.impact.households,
                c.impact.energy_wh,
                c.impact.co2_avoided_g,
                units(c.benefit_fund)
            );
        }
    }
    let households = chain
        .program_accounts(&household::ID, Household::DISCRIMINATOR)
        .await?
        .len();
    let members = chain
        .program_accounts(&member::ID, Member::DISCRIMINATOR)
        .await?
        .len();
    let _ = writeln!(out, "household trusts: {households}");
    let _ = writeln!(out, "members: {members}");
    Ok(out)
}
