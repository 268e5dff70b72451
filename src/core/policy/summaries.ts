/**
 * Our own-words summaries of each venue's policies, keyed by the research data's venue id.
 * Facts come from data/exchange-policies.md and the sources it cites (the
 * source ids in brackets below point into the generated data's `sources`). Written for a
 * trader: short, plain, no marketing. A test checks that every venue, every account mode
 * (nbp.by_mode[].mode) and every contradiction has an entry here, and nothing else does.
 *
 * When the research data changes, re-read the venue's section and update its text here.
 */

export interface AccountModeSummary {
  /** Label for the popup/options account-mode picker. */
  label: string;
  /** One or two sentences: why this mode gets its verdict. */
  reasons: string;
}

export interface VenueSummary {
  /** Short name for headlines ("Binance", "Kraken Futures"). */
  shortName: string;
  /** What this venue entry covers. */
  overview: string;
  /** Why the venue gets its verdict (used when no account mode applies). */
  nbp: string;
  insuranceFund: string;
  adl: string;
  liquidation: string;
  /** Per nbp.by_mode[].mode, for venues whose answer depends on the account mode. */
  modes?: Record<string, AccountModeSummary>;
}

export const VENUE_SUMMARIES: Record<string, VenueSummary> = {
  binance: {
    shortName: 'Binance',
    overview: 'Binance USDⓈ-M (linear) and COIN-M (inverse) futures on binance.com, global entity.',
    nbp:
      'Binance has no contractual promise that your account cannot go negative. A bankrupt classic futures wallet is reset to zero by the insurance fund, but unified and portfolio-margin accounts can carry a negative balance that Binance recovers from your other assets.',
    insuranceFund:
      'A futures insurance fund exists and Binance shows its current balance (no history). SAFU, a security reserve of over US$2B in April 2024, is a different pot and says nothing about this fund.',
    adl: 'When the insurance fund cannot absorb a bankrupt position, Binance auto-deleverages profitable opposite positions (it calls this counterparty liquidation).',
    liquidation:
      'Triggered by the mark price when the margin ratio reaches 100%. Binance cancels open orders and tries to reduce the position with IOC orders first; otherwise the insurance fund takes it over at the bankruptcy price. An insurance clearance fee is charged on the liquidated amount (a third party puts it at 0.75–2.25%, low confidence).',
    modes: {
      usdm_coinm_classic_wallet: {
        label: 'Classic USDⓈ-M / COIN-M futures wallet',
        reasons:
          "In a classic futures wallet, Binance's liquidation rules have the insurance fund top a wallet that went below zero back up to 0, with auto-deleveraging behind it. That is a practice, not a contractual promise: none of the agreement text we saw rules out a claim.",
      },
      portfolio_margin_unified_account: {
        label: 'Portfolio Margin / unified account',
        reasons:
          'In a unified or portfolio-margin account a negative balance is a debt: since 22 January 2025 Binance caps it and repays it automatically by cancelling your orders and converting your other assets.',
      },
    },
  },
  bybit: {
    shortName: 'Bybit',
    overview:
      'Bybit derivatives in the Unified Trading Account (UTA, the default for new users since September 2023) and the legacy Standard account.',
    nbp: "Bybit's own sources disagree: an education page says a loss stops at the initial margin, while the 2024 Unified Trading Account terms make you liable for any shortfall and warn you can lose more than you deposited.",
    insuranceFund:
      'Bybit runs an insurance fund with shared and isolated pools and publishes its daily history. A third-party article put it near US$400M in mid-2026.',
    adl: "If the fund cannot cover a bankruptcy, ADL closes the most profitable and most leveraged opposite positions at the liquidated order's bankruptcy price.",
    liquidation:
      'Isolated positions are liquidated when the mark price reaches the liquidation price, stepping down risk-limit tiers first. Cross and portfolio-margin accounts are liquidated at a 100% maintenance-margin ratio, after open orders are cancelled and debts repaid automatically.',
    modes: {
      derivatives_position_liquidation: {
        label: 'Derivatives only, no borrowing or spot margin',
        reasons:
          "For a liquidated derivatives position, Bybit's insurance fund covers the loss past the bankruptcy price and ADL steps in if it cannot; Bybit's terms make no promise that you never owe. The research treats any Unified Trading Account as able to create a debt, so if yours can borrow, pick the other mode.",
      },
      uta_with_borrowing_or_spot_margin: {
        label: 'Unified Trading Account with borrowing or spot margin',
        reasons:
          "In the Unified Trading Account a shortfall becomes a loan from Bybit's automatic lending facility; the terms (Oct 2024) say you must repay it with interest and that you can lose more than you deposited.",
      },
    },
  },
  okx: {
    shortName: 'OKX',
    overview: 'OKX perpetual swaps and expiry futures on okx.com (global entity).',
    nbp: 'At OKX the answer depends on the account mode: in futures (single-currency) mode and for isolated positions the insurance fund and then ADL absorb a bankruptcy, while in multi-currency mode negative equity turns into a liability that accrues interest.',
    insuranceFund:
      'OKX has a futures insurance fund. The US$700M "Risk Shield" (April 2024) is a separate user-protection programme and is not the size of this fund.',
    adl: 'ADL closes profitable opposite positions at the mark price when the fund is insufficient or has fallen 30% from its peak within 8 hours. In 2018 OKEx instead clawed back about 18% of traders’ profits; the current docs say no loss is socialised after ADL.',
    liquidation:
      'Mark-price trigger (index from at least three exchanges), tiered partial liquidation, and early liquidation. The forced-liquidation fee formula comes only from a low-confidence Q&A.',
    modes: {
      futures_mode_single_currency_or_isolated: {
        label: 'Futures mode (single-currency) or isolated position',
        reasons:
          'Here a bankrupt position goes to the insurance fund, and OKX auto-deleverages when the fund is short or has dropped 30% within 8 hours. OKX gives no contractual promise that you never owe.',
      },
      multi_currency_cross: {
        label: 'Multi-currency margin mode (cross)',
        reasons:
          'In multi-currency mode, negative equity in a currency is turned automatically into a liability that accrues interest, so a deficit is yours to repay.',
      },
    },
  },
  bitget: {
    shortName: 'Bitget',
    overview: 'Bitget USDT-M, USDC-M and Coin-M futures.',
    nbp: "Bitget's insurance fund covers a cross-margin account that ends negative after liquidation, and ADL follows if the fund runs dry. Bitget also says the fund is not compensation for individual losses, and we found no contractual promise that you never owe.",
    insuranceFund:
      'A futures insurance fund exists; its balance is shown under Futures Trading Data. The US$612M Protection Fund (April 2024) is a separate reserve, not this fund.',
    adl: 'Once the fund is exhausted, profitable opposite positions are deleveraged tier by tier.',
    liquidation:
      'Positions are taken over at the bankruptcy price and liquidated in tiers by position size. That the trigger is the mark price is assumed, not confirmed by our sources.',
  },
  gate: {
    shortName: 'Gate',
    overview: 'Gate (gate.com / gate.io) USDT-M and BTC-M perpetuals and delivery futures.',
    nbp: "Gate's insurance fund takes over whatever a liquidation leaves unfilled at the bankruptcy price, which Gate says prevents negative balances, and ADL follows if the fund cannot. There is no contractual promise that you never owe.",
    insuranceFund: 'A futures insurance fund with a public balance; it does not cover ordinary trading losses.',
    adl: 'ADL targets the traders with the highest returns on the opposite side.',
    liquidation:
      'Mark-price trigger with laddered (tiered) liquidation; Gate publishes its bankruptcy-price formulas for cross and isolated margin.',
  },
  kucoin: {
    shortName: 'KuCoin',
    overview: 'KuCoin Futures (classic account and Unified Trading Account).',
    nbp: "KuCoin's insurance fund exists to lower the risk of a negative balance, but it only steps in for cross positions worth under US$600,000 and isolated positions at risk level 1. Beyond those limits our sources don't say what happens; ADL is the documented fallback.",
    insuranceFund: 'Allocated per contract and shown per settlement currency, with a public balance and history.',
    adl: 'KuCoin runs ADL when the insurance fund cannot cover a bankruptcy.',
    liquidation: 'Mark-price trigger; the insurance fund settles the unfilled part at the bankruptcy price.',
  },
  mexc: {
    shortName: 'MEXC',
    overview: 'MEXC futures (USDT-M, USDC-M and coin-margined perpetuals).',
    nbp: "MEXC says losses beyond a bankrupt position's margin are covered by its insurance fund account, and an older help page says that in isolated mode you can lose at most the initial margin. There is no contractual promise, and only third parties mention ADL.",
    insuranceFund: 'An insurance fund account exists; we found no public balance.',
    adl: 'Only third-party sources mention ADL at MEXC.',
    liquidation:
      "Uses MEXC's \"fair price\" and counts liquidation fees in the trigger; it cancels orders, offsets hedged positions, then steps down risk tiers at the bankruptcy price.",
  },
  bingx: {
    shortName: 'BingX',
    overview: 'BingX perpetual and Standard Futures.',
    nbp: 'BingX Standard Futures liquidates with a 10% buffer left (after a 90% loss), and BingX keeps an insurance fund meant to stop accounts going negative. What happens if the fund runs out is not documented, and in cross mode your whole account balance is at risk.',
    insuranceFund: 'An insurance fund exists; no public balance was found.',
    adl: 'No ADL or socialised-loss rule was found.',
    liquidation:
      'Perpetuals use a dual mark-and-last-price trigger and reduce positions partially at 100% risk; a paid guaranteed stop-loss is offered.',
  },
  bitmex: {
    shortName: 'BitMEX',
    overview: 'BitMEX perpetuals and futures (inverse XBTUSD and linear USDT contracts).',
    nbp: 'BitMEX states that a losing trader never owes more than the margin posted and that its insurance fund does not chase traders with negative balances. That statement is from a March 2020 blog post, not the contract terms.',
    insuranceFund:
      'A public insurance fund; in the March 2020 crash it absorbed the losses without any auto-deleveraging.',
    adl: 'ADL ranks opposite positions by profit and leverage and is used only when the insurance fund cannot close a position.',
    liquidation:
      'Fair-price marking; positions in higher risk-limit tiers are stepped down partially and the lowest tier is closed at the bankruptcy price, so the maintenance margin is lost.',
  },
  deribit: {
    shortName: 'Deribit',
    overview: 'Deribit inverse and linear perpetuals, futures and options.',
    nbp: "Deribit's insurance fund resets a liquidated account's negative equity to zero. If the fund were ever empty, new losses would be shared among that day's winning traders rather than charged to you; Deribit says this has never happened.",
    insuranceFund:
      'Fed hourly by a surcharge on liquidation fees, with bankruptcies published in real time. It started with 100 BTC in 2016; its current size was not captured.',
    adl: 'No ADL: sharing the loss among the day’s winning traders is the fallback.',
    liquidation: 'Mark-price trigger; positions are liquidated incrementally in small steps, with an extra fee on liquidation orders.',
  },
  kraken_futures: {
    shortName: 'Kraken Futures',
    overview: 'Kraken Futures (futures.kraken.com), plus Kraken’s EU derivatives entities.',
    nbp: "Kraken says futures accounts are never allowed to go negative: its Equity Protection Process prices the liquidation order so equity stays at or above zero, then hands the position to other traders if needed. Kraken's disclaimers add that you cannot lose more than you deposited.",
    insuranceFund: 'No insurance fund was found; Kraken relies on assignment and unwinding instead.',
    adl: 'Positions the market cannot absorb are assigned to other participants and then unwound.',
    liquidation:
      'Mark-price trigger; an IOC liquidation order priced so equity does not go negative, then assignment, then unwind.',
  },
  coinbase_intx: {
    shortName: 'Coinbase International',
    overview: 'Coinbase International Exchange (Bermuda), USDC-settled perpetuals for non-US clients.',
    nbp: "Coinbase International's segregated insurance fund covers accounts liquidated into negative equity. We found no promise that you never owe, and no documented fallback if the fund runs out.",
    insuranceFund:
      'Seeded by Coinbase and now funded from a share of fees; it also pays participants of the Liquidity Support Program.',
    adl: 'No ADL rule was found.',
    liquidation:
      'Liquidation starts when margin falls below maintenance (liquidation buffer at 0%); crypto collateral is sold together with the perpetual positions.',
  },
  coinbase_cfm: {
    shortName: 'Coinbase Financial Markets',
    overview: 'Coinbase Financial Markets, the US futures broker (FCM), and Coinbase Derivatives, the US exchange.',
    nbp: 'Coinbase Financial Markets is a US futures commission merchant. Its disclosure warns you can lose more than everything you have on deposit, and the deficit can be collected from your Coinbase account and affiliated accounts.',
    insuranceFund:
      'No insurance fund: trades clear through a central counterparty, and customer funds are segregated under CFTC rules.',
    adl: 'Not applicable: a clearing house’s default rules take the place of ADL.',
    liquidation: 'You are warned at liquidation buffers of 100% and 20%, and liquidated at 0%.',
  },
  cryptocom: {
    shortName: 'Crypto.com',
    overview: 'Crypto.com Exchange derivatives (perpetuals and quarterly futures).',
    nbp: "Crypto.com's insurance fund covers wallets that end below zero after liquidation, and losses it cannot cover are charged to winning traders. Yet its derivatives risk warning says you may lose more than your assets, so there is no promise that you never owe.",
    insuranceFund: 'Crypto.com announced US$5M of fund cover in 2021, funded by liquidation fees.',
    adl: 'Instead of ADL, losses the fund cannot cover are charged pro rata to winning traders at the end of the session (at least 1%).',
    liquidation: 'Mark-price trigger under Smart Cross Margin; aggressive orders must be within 5% of the mark price.',
  },
  hyperliquid: {
    shortName: 'Hyperliquid',
    overview: 'Hyperliquid, an on-chain order-book exchange for USDC perpetuals.',
    nbp: 'Hyperliquid is on-chain: a position can lose at most the collateral behind it, and nobody can collect a debt from you off-chain. If market liquidation fails, the HLP vault takes the position over (in cross mode with all your cross margin) and ADL closes opposing winners so the platform carries no bad debt.',
    insuranceFund: 'There is no insurance fund; the HLP liquidator vault is the backstop.',
    adl: 'ADL closes opposing positions ranked by unrealised profit and leverage. The docs said it had never happened, but it ran on 10 October 2025 (about US$2.1B closed in 12 minutes).',
    liquidation:
      'Mark price mixing exchange prices with Hyperliquid’s own book; positions over US$100k are liquidated 20% at a time with a 30-second cooldown; no liquidation fee; the backstop takes over below two thirds of maintenance margin.',
  },
  dydx_v4: {
    shortName: 'dYdX',
    overview: 'dYdX v4, perpetuals on the dYdX Chain.',
    nbp: "dYdX v4 runs on its own chain, so losses stop at the collateral in your subaccount. The chain's insurance fund absorbs negative accounts first, then deleveraging offsets them against opposing positions.",
    insuranceFund: 'An on-chain insurance fund at a published address.',
    adl: 'Deleveraging closes opposing positions; sources disagree on whether they are picked at random or by profit and leverage.',
    liquidation: 'Oracle-price trigger; partial or full liquidation with a governance-set maximum penalty of 1.5%.',
  },
  gmx: {
    shortName: 'GMX',
    overview: 'GMX v2 on Arbitrum and Avalanche, an on-chain pool-based perpetuals venue.',
    nbp: 'At GMX v2 a position can lose at most its own collateral, and the liquidity pool takes the other side. These points come from third-party descriptions, not GMX’s own docs.',
    insuranceFund: 'No insurance fund: the GM pool’s liquidity providers are the counterparty.',
    adl: 'An ADL-style mechanism trims profits that grow too large for the pool (third-party source).',
    liquidation:
      'Chainlink Data Streams prices; liquidation when remaining collateral falls below the larger of 0.5% of size or US$5; a liquidation fee enabled by governance.',
  },
  margex: {
    shortName: 'Margex',
    overview: 'Margex (Seychelles), leveraged crypto products.',
    nbp: 'We found no Margex policy on negative balances, insurance fund or ADL, only company registration facts, so we cannot say whether you could owe more.',
    insuranceFund: 'Not found.',
    adl: 'Not found.',
    liquidation: 'Not found.',
  },
  mudrex: {
    shortName: 'Mudrex',
    overview: 'Mudrex futures (India), USDT-quoted perpetuals margined in USDT or INR.',
    nbp: 'Mudrex publishes no negative-balance, insurance-fund or liquidation policy that we could find, so we cannot say whether you could owe more. A third party infers that orders are executed on Bybit; we cannot confirm it.',
    insuranceFund: 'None published.',
    adl: 'Not found.',
    liquidation: 'Mark-price trigger, per a third-party note.',
  },
  delta_exchange: {
    shortName: 'Delta Exchange',
    overview: 'Delta Exchange (global and India).',
    nbp: "Delta Exchange's FAQ says liquidation together with ADL keeps every trader's loss within the initial margin. That FAQ is an older page; Delta's current pages add an insurance fund before ADL.",
    insuranceFund:
      'Current pages describe a fund that absorbs losses up to 5% on BTC/ETH contracts and 2% on others before ADL; the older FAQ said there was none.',
    adl: 'ADL runs when a loss is larger than what the fund absorbs.',
    liquidation: 'Mark-price trigger; orders are limited to ±2.5% of the mark price; margin can be topped up automatically.',
  },
  cme: {
    shortName: 'CME',
    overview: 'CME Group bitcoin futures, a regulated US reference; traded through futures brokers (FCMs).',
    nbp: 'CME futures are held through futures commission merchants, and under that model you are liable for any deficit in your account: there is no negative balance protection.',
    insuranceFund: 'No insurance fund: CME Clearing’s guaranty fund protects the clearing house, not your account.',
    adl: 'None: the clearing house’s default waterfall handles member defaults.',
    liquidation: 'Daily settlement and margin calls from your broker; contracts cash-settle to the CME CF Bitcoin Reference Rate.',
  },
};

export type PolicyTopic = 'nbp' | 'insuranceFund' | 'adl' | 'maxLeverage' | 'entities';

export interface ContradictionSummary {
  /** What the sources disagree on, and what we go with. */
  summary: string;
  /** Which facts it casts doubt on; an answer shows the contradictions behind its verdict. */
  affects: PolicyTopic[];
}

/** Contradictions between sources, in our words. */
export const CONTRADICTION_SUMMARIES: Record<string, ContradictionSummary> = {
  'X-BYBIT-UTA-LIABILITY': {
    summary:
      'Bybit’s education page says a loss is limited to the initial margin, but its Unified Trading Account terms make you liable for shortfalls. We treat the UTA as able to create a debt.',
    affects: ['nbp'],
  },
  'X-BINANCE-NBP-SEED': {
    summary:
      'Some SEO pages claim Binance offers negative balance protection; Binance’s own documents only show the insurance fund resetting a bankrupt classic wallet to zero, and in regulated regions Binance withdrew rather than add protection.',
    affects: ['nbp'],
  },
  'X-SAFU-VS-IF': {
    summary:
      'Binance’s SAFU, Bitget’s Protection Fund and OKX’s Risk Shield are security reserves, not futures insurance funds; some pages present them as if they were.',
    affects: ['insuranceFund'],
  },
  'X-OKX-LEVERAGE': {
    summary:
      'One OKX help page says 125x on BTC perpetuals, a newer one says 100x; we show 100x.',
    affects: ['maxLeverage'],
  },
  'X-OKX-SOCIALIZATION-HISTORY': {
    summary:
      'OKEx socialised a 2018 loss by clawing back profits; current OKX docs say no loss is socialised after ADL. The policy changed over time.',
    affects: ['adl'],
  },
  'X-CRYPTOCOM-WARNING': {
    summary:
      'Crypto.com’s insurance-fund page covers wallets below zero, yet its risk warning says you may lose more than your assets, so there is no firm promise.',
    affects: ['nbp'],
  },
  'X-DELTA-IF': {
    summary:
      'An older Delta FAQ says there is no insurance fund, only ADL; current pages describe one. The older FAQ is superseded.',
    affects: ['nbp', 'insuranceFund'],
  },
  'X-HL-ADL-NEVER': {
    summary:
      'Hyperliquid’s docs copy says ADL has never happened; it did on 10 October 2025. The docs copy predates the event.',
    affects: ['adl'],
  },
  'X-COINBASE-INTX-ELIGIBILITY': {
    summary:
      'A Coinbase International FAQ says non-US institutions only, while news from September 2023 reports retail access to perpetuals.',
    affects: ['entities'],
  },
  'X-DYDX-ADL-RANKING': {
    summary:
      'dYdX sources disagree on whether deleveraged positions are picked at random or by profit and leverage. Unresolved.',
    affects: ['adl'],
  },
  'X-DERIBIT-LEVERAGE': {
    summary:
      'Deribit leverage is given as 10x (2016), about 50x (current docs), and 100x (an unverified forum claim); we show about 50x.',
    affects: ['maxLeverage'],
  },
};
