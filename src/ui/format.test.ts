import { describe, expect, it } from 'vitest';
import { DASH, exact, forInput, money, percent, plain, price, priceUnit, quantity, sentence, signedPrice } from './format';

describe('headline figures', () => {
  it('prices to the tick, grouped in the trader’s format, with the unit', () => {
    expect(price('58744.3', 'en-US', '0.1', 'USDT')).toBe('58,744.3 USDT');
    expect(price('58744.3', 'de-DE', '0.1', 'USDT')).toBe('58.744,3 USDT');
    expect(price('60757', 'en-US', '1')).toBe('60,757');
    // No tick: never the engine's 40 digits.
    expect(price('61997.99196787148594377510040160642570281', 'en-US')).toBe('61,997.99197');
  });

  it('money: two decimals in dollars, six significant digits in coins', () => {
    expect(money('31204.944', 'USDT', 'de-DE')).toBe('31.204,94 USDT');
    expect(money('1625', 'USDT', 'en-US')).toBe('1,625.00 USDT');
    expect(money('0.00303646', 'XBT', 'en-US')).toBe('0.00303646 XBT');
    expect(money('1.23456789', 'BTC', 'en-US')).toBe('1.23457 BTC');
  });

  it('sizes round down to the lot step and name the coin', () => {
    expect(quantity('3.57535382', 'ETH', 'en-US', '0.0001')).toBe('3.5753 ETH');
    expect(quantity('3.57535382', 'ETH', 'de-DE')).toBe('3,57535 ETH');
  });

  it('signed percent and price distance, with a real minus', () => {
    expect(percent('9.6412', 'en-US', { signed: true })).toBe('+9.64%');
    expect(percent('-9.6412', 'en-US', { signed: true })).toBe('−9.64%');
    expect(percent('-9.6412', 'de-DE', { signed: true })).toBe('−9,64\u00a0%');
    expect(percent('0.0125', 'en-US')).toBe('0.0125%');
    expect(percent('356.6612', 'en-US')).toBe('356.66%');
    expect(signedPrice('-6266.0', 'en-US', '0.1', 'USDT')).toBe('−6,266.0 USDT');
    expect(signedPrice('6266', 'de-DE', '0.1')).toBe('+6.266,0');
  });

  it('anything that is not a decimal string is a dash, never NaN or Infinity', () => {
    for (const bad of [null, undefined, 'NaN', 'Infinity', '1e5', '', ' ', '12abc', 12, {}]) {
      expect(exact(bad, 'en-US')).toBe(DASH);
      expect(money(bad, 'USDT', 'en-US')).toBe(DASH);
      expect(percent(bad, 'en-US')).toBe(DASH);
    }
    expect(plain('-0.000')).toBe('0');
    expect(forInput('1234.5', 'de-DE')).toBe('1234,5');
  });

  it('names the price unit from the symbol, or a dollar-like settlement currency, else none', () => {
    expect(priceUnit('BTCUSDT', 'USDT')).toBe('USDT');
    expect(priceUnit('BTCUSD_PERP', 'BTC')).toBe('USD');
    expect(priceUnit('XBTUSD', 'XBT')).toBe('USD');
    expect(priceUnit('BTC-USDT-SWAP', 'USDT')).toBe('USDT');
    expect(priceUnit('BTC_USDT', 'USDT')).toBe('USDT');
    expect(priceUnit('BTC', 'USDC')).toBe('USDC');
    expect(priceUnit('ETHBTC', 'BTC')).toBeNull();
  });
});

describe('numbers inside sentences', () => {
  it('names the engine’s fields in words, never as the CLI spells them, and leaves quoted page text alone', () => {
    expect(sentence('Taker fee 0.05 % is Binance USDⓈ-M’s default (not checked live). Enter takerFeeRate for your own fee tier.', 'en-US')).toBe('Taker fee 0.05% is Binance USDⓈ-M’s default (not checked live). Enter your taker fee for your own fee tier.');
    expect(sentence('Contract size 100: BTCUSD contracts are 100 USD each. Enter contractSize if yours differs.', 'en-US')).toBe('Contract size 100: BTCUSD contracts are 100.00 USD each. Enter the contract size if yours differs.');
    expect(sentence('The page shows “contractSize 5”.', 'en-US')).toBe('The page shows “contractSize 5”.');
  });

  const refusal = 'The long order needs about 1633.39 USDT of margin and opening fee, more than the 1,250.75 USDT available on the page: the venue would refuse it.';
  const stress = "this position's margin, 31204.944 USDT, a deficit of 75228.74946 USDT at a 10 % gap; mark price 65010.3";

  it('en-US: grouped, two decimals for dollars, percent in the locale’s style', () => {
    expect(sentence(refusal, 'en-US')).toBe('The long order needs about 1,633.39 USDT of margin and opening fee, more than the 1,250.75 USDT available on the page: the venue would refuse it.');
    expect(sentence(stress, 'en-US')).toBe("this position's margin, 31,204.94 USDT, a deficit of 75,228.75 USDT at a 10% gap; mark price 65,010.3");
  });

  it('de-DE: the same sentence with German separators throughout', () => {
    expect(sentence(refusal, 'de-DE')).toBe('The long order needs about 1.633,39 USDT of margin and opening fee, more than the 1.250,75 USDT available on the page: the venue would refuse it.');
    expect(sentence(stress, 'de-DE')).toBe("this position's margin, 31.204,94 USDT, a deficit of 75.228,75 USDT at a 10\u00a0% gap; mark price 65.010,3");
  });

  it('leaves dates, times, ids, versions, years and quoted page text alone', () => {
    const text = 'The tier table is from 2024-10-24 (773 days old), fetched at 02:34:24 UTC; freqtrade c9ae5e1, v1.2.3, October 2024. Price: “1,234” is ambiguous; BTC-USDT-SWAP at 20x.';
    expect(sentence(text, 'de-DE')).toBe('The tier table is from 2024-10-24 (773 days old), fetched at 02:34:24 UTC; freqtrade c9ae5e1, v1.2.3, October 2024. Price: “1,234” is ambiguous; BTC-USDT-SWAP at 20x.');
  });

  it('names venues as traders know them, never by internal id, and leaves host names alone', () => {
    expect(sentence('Bundled tier table for binance-usdm BTCUSDT, dated 2024-10-24. Tier tables are fetched from bybit (api.bybit.com); see kraken-futures.', 'en-US')).toBe(
      'Bundled tier table for Binance USDⓈ-M BTCUSDT, dated 2024-10-24. Tier tables are fetched from Bybit (api.bybit.com); see Kraken Futures.',
    );
  });

  it('long bare decimals keep six significant digits; coins keep theirs', () => {
    expect(sentence('volatility 0.0312345678 a day; 3.57535382 ETH', 'en-US')).toBe('volatility 0.0312346 a day; 3.57535 ETH');
    expect(sentence('loss -143.98 USDT', 'en-US')).toBe('loss −143.98 USDT');
  });
});
