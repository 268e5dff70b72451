/**
 * The popup calculator's pure logic: one request in, one response out (assessment, extra figures, policy
 * answer, loss curve), and the form's prefill from market data. The background handler
 * (src/background/handlers/calc.ts) supplies market data, settings and the clock.
 */
export { calculate, curveRange } from './calculate';
export type { CalcContext } from './calculate';
export { buildDefaults } from './defaults';
export type { MarketAnswers } from './defaults';
export { CALCULATOR_VENUES, calculatorVenue } from './venue-list';
export type * from './types';
