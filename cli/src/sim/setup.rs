//! Bootstrapping the cluster and onboarding the economy.

use super::*;

impl Sim {
    /// Bootstraps the cluster and onboards the whole economy.
    pub async fn setup(&mut self) -> ChainResult<()> {
        let (managers, trustees) = self.fund_actors().await?;
        let mint = self.found_bank(&managers).await?;
        self.onboard(&mint).await?;
        self.found_communities(managers).await?;
        self.found_households(trustees).await?;
        self.capital_and_meters().await?;
        if !self.cfg.adversaries.is_empty() {
            self.setup_adversaries().await?;
        }
        Ok(())
    }

    /// Creates every actor's keypair and funds it; returns the community managers and the
    /// household trustees.
    async fn fund_actors(&mut self) -> ChainResult<(Vec<Keypair>, Vec<Keypair>)> {
        let payer = self.ch.payer().pubkey();
        let cfg = self.cfg.clone();
        // Actors.
        for _ in 0..cfg.members {
            let key = self.rng.keypair();
            let wallet = key.pubkey();
            self.people.push(PersonSim {
                keys: MemberKeys {
                    wallet,
                    currency: pda::associated_token(
                        &wallet,
                        &pda::currency_mint(),
                        &token_2022::ID,
                    ),
                },
                credits: pda::associated_token(
                    &wallet,
                    &pda::energy_credit_mint(),
                    &token_2022::ID,
                ),
                carbon: pda::associated_token(&wallet, &pda::carbon_mint(), &token_2022::ID),
                key,
                household: None,
                community: 0,
                expires_at: 0,
                meter: None,
                unclaimed: Vec::new(),
                energy_wh: 0,
            });
        }
        let managers: Vec<Keypair> = (0..cfg.communities).map(|_| self.rng.keypair()).collect();
        let trustees: Vec<Keypair> = (0..cfg.households).map(|_| self.rng.keypair()).collect();
        let mut wallets: Vec<Pubkey> = self.council.iter().map(|k| k.pubkey()).collect();
        wallets.extend([
            self.provider.pubkey(),
            self.collateral_authority.pubkey(),
            self.registrar.pubkey(),
            self.oracle.pubkey(),
            self.offtaker.pubkey(),
        ]);
        wallets.extend(self.feeders.iter().map(|k| k.pubkey()));
        let mut people: Vec<Pubkey> = self.people.iter().map(|p| p.keys.wallet).collect();
        people.extend(managers.iter().map(|k| k.pubkey()));
        people.extend(trustees.iter().map(|k| k.pubkey()));
        // Operators pay rent for records of every member (attestations, meters, contributor
        // records): 50 SOL; members, managers and trustees 0.2 (their own rent is far less).
        let mut ixs: Vec<Instruction> = wallets
            .iter()
            .map(|w| anchor_lang::solana_program::system_instruction::transfer(&payer, w, 50 * SOL))
            .collect();
        ixs.extend(people.iter().map(|w| {
            anchor_lang::solana_program::system_instruction::transfer(&payer, w, SOL / 5)
        }));
        self.must("setup", ixs, &[]).await?;
        Ok((managers, trustees))
    }

    /// The collateral mint, the central bank, governance (KYC provider and roles), the grid
    /// market and the carbon registry. Returns the collateral mint.
    async fn found_bank(&mut self, managers: &[Keypair]) -> ChainResult<Keypair> {
        let payer = self.ch.payer().pubkey();
        // central_bank: collateral, bank, governance roles; grid market; marketplace carbon
        // registry.
        let mint = self.rng.keypair();
        let authority = self.collateral_authority.pubkey();
        let ixs = tokens::create_mint(&payer, &mint.pubkey(), &authority, 6, &token::ID).to_vec();
        self.must("setup", ixs, &[&mint]).await?;
        self.bank.collateral_mint = mint.pubkey();
        // The run's epoch length; revenue stays claimable for at least one epoch. The
        // timelock is an hour, or one epoch if shorter, so the mid-run policy change proposed
        // one epoch executes the next.
        let mut policy = default_policy();
        policy.epoch_length_secs = self.cfg.epoch_secs;
        policy.claim_expiry_secs = policy.claim_expiry_secs.max(self.cfg.epoch_secs);
        let args = InitializeArgs {
            council: self.council.iter().map(|k| k.pubkey()).collect(),
            threshold: 2,
            timelock_secs: 3_600.min(self.cfg.epoch_secs),
            policy,
        };
        let ix = self.bank.initialize(payer, payer, args);
        self.must("setup", vec![ix], &[]).await?;
        let mut roles = vec![
            (RoleKind::MeterRegistrar, self.registrar.pubkey()),
            (RoleKind::MeterOracle, self.oracle.pubkey()),
            (RoleKind::GridOfftaker, self.offtaker.pubkey()),
            (RoleKind::ListedMarketAsset, pda::energy_credit_mint()),
        ];
        roles.extend(
            self.feeders
                .iter()
                .map(|f| (RoleKind::GridPriceFeeder, f.pubkey())),
        );
        roles.extend(
            managers
                .iter()
                .map(|m| (RoleKind::CommunityRegistrar, m.pubkey())),
        );
        let mut actions = vec![GovernanceAction::ApproveKycProvider {
            provider: self.provider.pubkey(),
        }];
        actions.extend(
            roles
                .into_iter()
                .map(|(role, subject)| GovernanceAction::GrantRole { role, subject }),
        );
        self.govern(actions).await?;
        self.must("setup", vec![gm::init_market(payer, payer)], &[])
            .await?;
        self.must("setup", vec![mk::init_carbon_registry(payer, payer)], &[])
            .await?;
        // The token accounts the reserve's support of the energy pool trades through.
        let energy = PoolKeys {
            asset_mint: pda::energy_credit_mint(),
            asset_token_program: token_2022::ID,
        };
        let ixs = energy
            .stabilize_accounts()
            .iter()
            .map(|(owner, mint, program)| tokens::ata(&payer, owner, mint, program).1)
            .collect();
        self.must("setup", ixs, &[]).await?;
        Ok(mint)
    }

    /// KYC onboarding of every member (a few attestations expire mid-run), their token
    /// accounts, currency and member accounts; the offtaker's currency.
    async fn onboard(&mut self, mint: &Keypair) -> ChainResult<()> {
        let payer = self.ch.payer().pubkey();
        let cfg = self.cfg.clone();
        let authority = self.collateral_authority.pubkey();
        // KYC onboarding: attestations (a few expire mid-run), currency, member accounts.
        let now = self.now().await?;
        // Mid-run, and never now: a one-epoch run's expiry would be refused as past.
        let mid = now + (cfg.epochs as i64 / 2).max(1) * self.epoch_secs();
        let full = self.attestation_expiry(now);
        let mut ixs = Vec::new();
        for i in 0..self.people.len() {
            let expires_at = if self.rng.chance(40) { mid } else { full };
            self.people[i].expires_at = expires_at;
            let mut identity = [0u8; 32];
            identity[..8].copy_from_slice(&(i as u64 + 1).to_le_bytes());
            identity[8..16].copy_from_slice(&cfg.seed.to_le_bytes());
            let terms = AttestationTerms {
                level: 2,
                jurisdiction: *b"DE",
                expires_at,
            };
            let wallet = self.people[i].keys.wallet;
            ixs.push(
                self.bank
                    .issue_attestation(self.provider.pubkey(), wallet, terms, identity),
            );
        }
        let provider = self.provider.insecure_clone();
        self.must("onboarding", ixs, &[&provider]).await?;
        let mut ixs = Vec::new();
        let mut owner_ixs = Vec::new();
        for p in &self.people {
            let w = p.keys.wallet;
            let (collateral, a) = tokens::ata(&payer, &w, &mint.pubkey(), &token::ID);
            ixs.push(a);
            ixs.push(tokens::ata(&payer, &w, &pda::currency_mint(), &token_2022::ID).1);
            ixs.push(tokens::ata(&payer, &w, &pda::energy_credit_mint(), &token_2022::ID).1);
            ixs.push(tokens::ata(&payer, &w, &pda::carbon_mint(), &token_2022::ID).1);
            ixs.push(tokens::mint_to(
                &token::ID,
                &mint.pubkey(),
                &collateral,
                &authority,
                2_000 * UNIT,
            ));
            owner_ixs.push(self.bank.mint_currency(
                w,
                collateral,
                p.keys.currency,
                1_500 * UNIT,
                0,
            ));
            owner_ixs.push(p.keys.create());
            owner_ixs.push(mk::open_trader(w));
        }
        let ca = self.collateral_authority.insecure_clone();
        self.must("onboarding", ixs, &[&ca]).await?;
        let keys: Vec<Keypair> = self.people.iter().map(|p| p.key.insecure_clone()).collect();
        let refs: Vec<&Keypair> = keys.iter().collect();
        self.must("onboarding", owner_ixs, &refs).await?;
        // The offtaker buys currency to pay for energy.
        let (collateral, a) =
            tokens::ata(&payer, &self.offtaker.pubkey(), &mint.pubkey(), &token::ID);
        let (currency, b) = tokens::ata(
            &payer,
            &self.offtaker.pubkey(),
            &pda::currency_mint(),
            &token_2022::ID,
        );
        self.offtaker_currency = currency;
        let c = tokens::mint_to(
            &token::ID,
            &mint.pubkey(),
            &collateral,
            &authority,
            1_000_000 * UNIT,
        );
        self.must("setup", vec![a, b, c], &[&ca]).await?;
        provider_attest(self, self.offtaker.pubkey(), now).await?;
        let ix = self.bank.mint_currency(
            self.offtaker.pubkey(),
            collateral,
            currency,
            500_000 * UNIT,
            0,
        );
        let off = self.offtaker.insecure_clone();
        self.must("setup", vec![ix], &[&off]).await?;
        Ok(())
    }

    /// The orientation of the next member or household roof.
    fn roof(&mut self) -> Orientation {
        match self.cfg.orientation {
            Some(o) => o,
            None => self.roofs.roof(),
        }
    }

    /// Communities, each with a project meter the fund pays for later.
    async fn found_communities(&mut self, managers: Vec<Keypair>) -> ChainResult<()> {
        let payer = self.ch.payer().pubkey();
        // Communities, each with a project meter funded by the fund later.
        let registrar = self.registrar.insecure_clone();
        for (i, manager) in managers.into_iter().enumerate() {
            let keys = CommunityKeys {
                id: Pubkey::new_from_array([i as u8 + 1; 32]),
            };
            let meter = MeterSim {
                id: Pubkey::new_from_array([i as u8 + 101; 32]),
                capacity_w: self.org.range(PROJECT_KWP.0, PROJECT_KWP.1) * 1_000,
                orientation: self.cfg.orientation.unwrap_or(Orientation::PROJECT),
                annual_kwh: 0,
                cumulative: 0,
            };
            self.yields
                .add_meter(MeterClass::Project, meter.capacity_w, meter.orientation);
            let ixs = vec![
                keys.create(manager.pubkey(), 500),
                gm::register_meter(
                    registrar.pubkey(),
                    RegisterMeterArgs {
                        meter_id: meter.id,
                        owner_kind: OwnerKind::Community,
                        owner: keys.community(),
                        credits_to: keys.community(),
                        capacity_w: meter.capacity_w,
                        oracle: self.oracle.pubkey(),
                    },
                ),
                tokens::ata(
                    &payer,
                    &keys.community(),
                    &pda::energy_credit_mint(),
                    &token_2022::ID,
                )
                .1,
            ];
            self.must("setup", ixs, &[&manager, &registrar]).await?;
            self.communities.push(CommunitySim {
                keys,
                manager,
                meter,
                energy_wh: 0,
            });
        }
        Ok(())
    }

    /// Household trusts: a trustee, 2-4 members with weights, a community; some own a meter.
    async fn found_households(&mut self, trustees: Vec<Keypair>) -> ChainResult<()> {
        let payer = self.ch.payer().pubkey();
        let cfg = self.cfg.clone();
        let registrar = self.registrar.insecure_clone();
        // Households: trustee, members (2-4 each) and weights, community; some own a meter.
        let in_households = (cfg.households * 3).min(cfg.members * 6 / 10);
        for i in 0..cfg.members {
            let p = &mut self.people[i];
            if i < in_households && cfg.households > 0 {
                let h = i % cfg.households;
                p.household = Some(h);
                p.community = h % cfg.communities;
            } else {
                p.community = i % cfg.communities;
            }
        }
        for (h, trustee) in trustees.into_iter().enumerate() {
            let keys = HouseholdKeys {
                id: Pubkey::new_from_array(hash_id(b"household", h as u64)),
            };
            let members: Vec<usize> = (0..cfg.members)
                .filter(|i| self.people[*i].household == Some(h))
                .collect();
            let community = h % cfg.communities;
            let reinvest = self.org.range(0, 3) as u16 * 1_000;
            let mut ixs = vec![keys.create(payer, vec![trustee.pubkey()], 1, reinvest)];
            if !members.is_empty() {
                let n = members.len() as u16;
                let weights = members
                    .iter()
                    .enumerate()
                    .map(|(k, i)| MemberWeight {
                        wallet: self.people[*i].keys.wallet,
                        weight_bps: 10_000 / n + u16::from(k == 0) * (10_000 % n),
                    })
                    .collect();
                ixs.push(keys.set_members(weights, &[trustee.pubkey()]));
            }
            ixs.push(keys.join_community(
                payer,
                &self.communities[community].keys,
                &[trustee.pubkey()],
            ));
            let roof = self.roof();
            let meter = self.org.chance(300).then(|| MeterSim {
                id: Pubkey::new_from_array(hash_id(b"household-meter", h as u64)),
                capacity_w: self.org.range(HOUSEHOLD_KWP.0, HOUSEHOLD_KWP.1) * 1_000,
                orientation: roof,
                annual_kwh: self.org.range(HOME_HUNDRED_KWH.0, HOME_HUNDRED_KWH.1) * 100,
                cumulative: 0,
            });
            if let Some(m) = &meter {
                self.yields
                    .add_meter(MeterClass::Household, m.capacity_w, m.orientation);
                ixs.push(gm::register_meter(
                    registrar.pubkey(),
                    RegisterMeterArgs {
                        meter_id: m.id,
                        owner_kind: OwnerKind::Household,
                        owner: keys.household(),
                        credits_to: keys.household(),
                        capacity_w: m.capacity_w,
                        oracle: self.oracle.pubkey(),
                    },
                ));
                ixs.push(
                    tokens::ata(
                        &payer,
                        &keys.household(),
                        &pda::energy_credit_mint(),
                        &token_2022::ID,
                    )
                    .1,
                );
            }
            self.must("setup", ixs, &[&trustee, &registrar]).await?;
            self.households.push(HouseholdSim {
                keys,
                trustee,
                community,
                meter,
            });
        }
        Ok(())
    }

    /// Members join their household or community and put capital in; trusts invest it;
    /// managers fund their projects; 70% of members register a rooftop meter.
    async fn capital_and_meters(&mut self) -> ChainResult<()> {
        let payer = self.ch.payer().pubkey();
        let registrar = self.registrar.insecure_clone();
        let keys: Vec<Keypair> = self.people.iter().map(|p| p.key.insecure_clone()).collect();
        let refs: Vec<&Keypair> = keys.iter().collect();
        // Members join, put capital in, and 70% register a rooftop meter.
        let mut ixs = Vec::new();
        for i in 0..self.people.len() {
            let p = &self.people[i];
            match p.household {
                Some(h) => {
                    ixs.push(p.keys.join_household(&self.households[h].keys));
                }
                None => ixs.push(p.keys.join_community(&self.communities[p.community].keys)),
            }
        }
        self.must("onboarding", ixs, &refs).await?;
        let mut ixs = Vec::new();
        for i in 0..self.people.len() {
            let amount = self.rng.range(50, 400) * UNIT;
            let p = &self.people[i];
            ixs.push(match p.household {
                Some(h) => p.keys.contribute(&self.households[h].keys, amount),
                None => p.keys.invest(&self.communities[p.community].keys, amount),
            });
        }
        self.must("capital", ixs, &refs).await?;
        let mut ixs = Vec::new();
        for h in 0..self.households.len() {
            let state: Household = self
                .ch
                .read(&self.households[h].keys.household())
                .await?
                .expect("created");
            if state.capital > 0 {
                let hs = &self.households[h];
                ixs.push(hs.keys.invest(
                    &self.communities[hs.community].keys,
                    state.capital * 8 / 10,
                    &[hs.trustee.pubkey()],
                ));
            }
        }
        let trustee_keys: Vec<Keypair> = self
            .households
            .iter()
            .map(|h| h.trustee.insecure_clone())
            .collect();
        let trefs: Vec<&Keypair> = trustee_keys.iter().collect();
        self.must("capital", ixs, &trefs).await?;
        // Each manager funds its project with a third of the fund.
        for c in 0..self.communities.len() {
            let cs = &self.communities[c];
            let state: Community = self.ch.read(&cs.keys.community()).await?.expect("created");
            let builder = Pubkey::new_from_array(hash_id(b"builder", c as u64));
            let (payee, a) = tokens::ata(&payer, &builder, &pda::currency_mint(), &token_2022::ID);
            let project = RegisterProjectArgs {
                project_id: Pubkey::new_from_array(hash_id(b"project", c as u64)),
                capacity_w: cs.meter.capacity_w,
                capex: state.liquid / 3,
            };
            let m = cs.manager.insecure_clone();
            let ixs = vec![
                a,
                cs.keys
                    .register_project(m.pubkey(), cs.meter.id, payee, project),
                cs.keys
                    .fund_project(m.pubkey(), project.project_id, payee, project.capex),
            ];
            self.must("capital", ixs, &[&m]).await?;
        }
        let mut ixs = Vec::new();
        for i in 0..self.people.len() {
            if i != 0 && !self.rng.chance(700) {
                continue;
            }
            // Member 0 is the market maker, with a larger roof.
            let capacity_w = if i == 0 {
                MARKET_MAKER_W
            } else {
                self.rng.range(ROOFTOP_KWP.0, ROOFTOP_KWP.1) * 1_000
            };
            let meter = MeterSim {
                id: Pubkey::new_from_array(hash_id(b"meter", i as u64)),
                capacity_w,
                orientation: self.roof(),
                annual_kwh: self.rng.range(HOME_HUNDRED_KWH.0, HOME_HUNDRED_KWH.1) * 100,
                cumulative: 0,
            };
            self.yields
                .add_meter(MeterClass::Rooftop, capacity_w, meter.orientation);
            ixs.push(self.people[i].keys.register_meter(
                registrar.pubkey(),
                meter.id,
                capacity_w,
                self.oracle.pubkey(),
            ));
            self.people[i].meter = Some(meter);
        }
        let mut signers = refs.clone();
        signers.push(&registrar);
        self.must("onboarding", ixs, &signers).await?;
        self.report.by_program.members = self.people.len() as u64;
        Ok(())
    }
}

pub(super) async fn provider_attest(sim: &mut Sim, wallet: Pubkey, now: i64) -> ChainResult<()> {
    let terms = AttestationTerms {
        level: 2,
        jurisdiction: *b"DE",
        expires_at: sim.attestation_expiry(now),
    };
    let mut identity = [0xEEu8; 32];
    identity[..8].copy_from_slice(&sim.cfg.seed.to_le_bytes());
    let ix = sim
        .bank
        .issue_attestation(sim.provider.pubkey(), wallet, terms, identity);
    let provider = sim.provider.insecure_clone();
    sim.must("setup", vec![ix], &[&provider]).await
}
