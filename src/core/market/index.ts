/** Pure market-data layer: response schemas and parsers per venue, bundled-snapshot format, volatility, age. */
export * from './types';
export * from './numbers';
export * from './tier-checks';
export * from './staleness';
export * from './volatility';
export * from './snapshot-format';
export * from './venue-defaults';
export * from './sources';
