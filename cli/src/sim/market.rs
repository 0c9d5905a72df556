//! The energy credit market: the pool, traders, offers, carbon.

use super::*;

impl Sim {
    /// The energy credit market: the market maker opens the pool after the first readings;
    /// then members sell credits, trade through offers, and convert and retire carbon.
    pub(super) async fn market(&mut self, k: u64) -> ChainResult<()> {
        let keys = PoolKeys {
            asset_mint: pda::energy_credit_mint(),
            asset_token_program: token_2022::ID,
        };
        if self.pool.is_none() {
            let now = self.now().await?;
            let mm = &self.people[0];
            let (h, key, expires_at) = (
                Holdings {
                    owner: mm.keys.wallet,
                    asset: mm.credits,
                    currency: mm.keys.currency,
                },
                mm.key.insecure_clone(),
                mm.expires_at,
            );
            let credits = self
                .ch
                .account(&h.asset)
                .await?
                .map_or(0, |a| tokens::amount(&a.data));
            if credits < 20_000 || expires_at <= now {
                return Ok(());
            }
            // At the price the grid market paid for the last epoch's energy. A pool opened
            // below where members trade hands its liquidity to whoever buys first: opened
            // under the policy floor, members' buying lifted it by half in its first epoch,
            // and any round trip over that epoch gained, pump or not.
            let market: Market = self.ch.read(&pda::market()).await?.expect("initialised");
            let last: Epoch = self
                .ch
                .read(&pda::epoch(market.epoch_at(now) - 1))
                .await?
                .expect("closed by the crank");
            let per_wh = last.clearing_price / se_math::pricing::WH_PER_KWH;
            let asset_amount = credits / 2;
            let args = CreatePoolArgs {
                asset_amount,
                currency_amount: asset_amount * per_wh,
                lp_fee_bps: 30,
            };
            self.must("market", vec![keys.create_pool(&h, args)], &[&key])
                .await?;
            self.pool = Some(keys);
            return Ok(());
        }
        // Members trade credits early and late in the epoch (19/36 of it apart: 1,900 s of an
        // hour), so the pool's observations span the epoch and its TWAP enters the clearing
        // price.
        self.trade_credits(&keys, 3).await?;
        self.ch.warp(self.epoch_secs() * 19 / 36).await?;
        self.adversaries_mid_epoch().await?;
        self.trade_credits(&keys, 2).await?;
        let now = self.now().await?;
        // One escrowed offer: a member sells credits, another takes half, the maker closes it.
        let (maker, taker) = (
            self.producer(),
            self.rng.range(1, self.people.len() as u64 - 1) as usize,
        );
        let (pm, pt) = (&self.people[maker], &self.people[taker]);
        let ok = maker != taker && pm.expires_at > now && pt.expires_at > now;
        let (mk_key, tk_key) = (pm.key.insecure_clone(), pt.key.insecure_clone());
        let (m_wallet, m_credits, m_currency) = (pm.keys.wallet, pm.credits, pm.keys.currency);
        let (t_wallet, t_credits, t_currency) = (pt.keys.wallet, pt.credits, pt.keys.currency);
        let credits = self
            .ch
            .account(&m_credits)
            .await?
            .map_or(0, |a| tokens::amount(&a.data));
        // The taker takes half, or what its currency pays for (a long epoch's credits can be
        // worth more than a member holds).
        let afford = self
            .ch
            .account(&t_currency)
            .await?
            .map_or(0, |a| tokens::amount(&a.data))
            .saturating_sub(130)
            / 130;
        if ok && credits >= 200 && afford > 0 {
            self.offers += 1;
            let offer = OfferKeys {
                maker: m_wallet,
                id: self.offers,
                sell_mint: pda::energy_credit_mint(),
                sell_token_program: token_2022::ID,
                buy_mint: pda::currency_mint(),
                buy_token_program: token_2022::ID,
            };
            let sell = credits / 2;
            let ix = offer.make(m_credits, sell, sell * 130, now + 6 * HOUR);
            self.must("market offer", vec![ix], &[&mk_key]).await?;
            let ix = offer.take(
                t_wallet,
                t_credits,
                t_currency,
                m_currency,
                (sell / 2).min(afford),
                (sell / 2).min(afford) * 130 + 130,
            );
            self.must("market take", vec![ix], &[&tk_key]).await?;
            // The maker takes the rest back, and the offer's rent: a member on a small roof
            // makes an offer most epochs of a long run, and its 0.2 SOL would not hold them.
            let ix = offer.close(m_wallet, m_credits);
            self.must("market close", vec![ix], &[&mk_key]).await?;
            self.report.by_program.marketplace_offers_taken += 1;
        }
        // Every third epoch one member converts credits to carbon credits and retires half.
        if k % 3 == 2 {
            let i = self.producer();
            let p = &self.people[i];
            let credits = self
                .ch
                .account(&p.credits)
                .await?
                .map_or(0, |a| tokens::amount(&a.data));
            if credits >= 1_000 && p.expires_at > now {
                let registry: CarbonRegistry = self
                    .ch
                    .read(&pda::carbon_registry())
                    .await?
                    .expect("initialised");
                let policy: Policy = self.ch.read(&pda::policy()).await?.expect("initialised");
                let grams = credits * policy.params.emission_factor_g_per_kwh as u64 / 1_000;
                let key = p.key.insecure_clone();
                let ixs = vec![
                    mk::convert_energy(p.keys.wallet, p.credits, p.carbon, credits),
                    mk::retire_carbon(
                        p.keys.wallet,
                        p.carbon,
                        registry.retirement_count,
                        grams / 2,
                        p.keys.wallet,
                        "rooftop solar, simulated".into(),
                    ),
                ];
                self.must("carbon", ixs, &[&key]).await?;
            }
        }
        Ok(())
    }

    /// A random member (not the market maker) with a meter, so it holds credits.
    pub(super) fn producer(&mut self) -> usize {
        let with_meter: Vec<usize> = (1..self.people.len())
            .filter(|i| self.people[*i].meter.is_some())
            .collect();
        if with_meter.is_empty() {
            return 0;
        }
        with_meter[self.rng.range(0, with_meter.len() as u64 - 1) as usize]
    }

    /// `n` producers sell a fifth of their credits while a Wh fetches at least 90 base units;
    /// `n` members buy up to 2 currency of credits while one costs at most 140.
    pub(super) async fn trade_credits(&mut self, keys: &PoolKeys, n: usize) -> ChainResult<()> {
        let now = self.now().await?;
        for _ in 0..n {
            for buy in [false, true] {
                let i = if buy {
                    self.rng.range(1, self.people.len() as u64 - 1) as usize
                } else {
                    self.producer()
                };
                let p = &self.people[i];
                if i == 0 || p.expires_at <= now {
                    continue;
                }
                let h = Holdings {
                    owner: p.keys.wallet,
                    asset: p.credits,
                    currency: p.keys.currency,
                };
                let key = p.key.insecure_clone();
                let pool: Pool = self.ch.read(&keys.pool()).await?.expect("created");
                let spot = pool.currency_reserve / pool.asset_reserve.max(1);
                // Each trade moves at most 5% of the pool's side it takes from.
                let amount = if buy {
                    if spot > 140 {
                        continue;
                    }
                    // No more than the member holds: a long run of buying can spend it all.
                    let held = self
                        .ch
                        .account(&h.currency)
                        .await?
                        .map_or(0, |a| tokens::amount(&a.data));
                    (2 * UNIT).min(pool.currency_reserve / 20).min(held)
                } else {
                    let credits = self
                        .ch
                        .account(&h.asset)
                        .await?
                        .map_or(0, |a| tokens::amount(&a.data));
                    if spot < 90 || credits < 100 {
                        continue;
                    }
                    (credits / 5).min(pool.asset_reserve / 20)
                };
                if amount == 0 {
                    continue;
                }
                self.must("market swap", vec![keys.swap(&h, buy, amount, 1)], &[&key])
                    .await?;
                self.report.by_program.marketplace_swaps += 1;
            }
        }
        Ok(())
    }
}
