/**
 * Plain-Number versions of the engine's formulas, for the benchmark only: the same arithmetic with binary
 * floats, so the cost of exact decimals shows as a ratio. Never used for a figure a trader sees (and never in
 * src/core, which must stay on decimal.js).
 */

export interface NumTier {
  floor: number;
  cap: number | null;
  mmr: number;
  amount: number;
}

export interface NumPosition {
  s: 1 | -1;
  entry: string;
  mark: string;
  size: string;
  leverage: string;
  mmr: string;
  amount: string;
  fee: string;
}

export interface NumOther {
  s: 1 | -1;
  size: string;
  entry: string;
  mark: string;
  mmr: string;
  amount: string;
}

const GAPS = [0, 1, 2, 5, 10];

/** Binance isolated/cross linear: LP = (K − s·Q·EP + cum) / (Q·MMR − s·Q), plus the assessment's other figures. */
export function linearAssessment(p: NumPosition, wallet?: string, others: NumOther[] = []): Record<string, unknown> {
  const s = p.s;
  const entry = Number(p.entry);
  const mark = Number(p.mark);
  const q = Number(p.size);
  const lev = Number(p.leverage);
  const mmr = Number(p.mmr);
  const amount = Number(p.amount);
  const fee = Number(p.fee);
  let K: number;
  let upnl = 0;
  if (wallet === undefined) K = (q * entry) / lev;
  else {
    let req = 0;
    for (const o of others) {
      const os = Number(o.size);
      const om = Number(o.mark);
      upnl += o.s * os * (om - Number(o.entry));
      req += os * om * Number(o.mmr) - Number(o.amount);
    }
    K = Number(wallet) + upnl - req;
  }
  const a = K - s * q * entry + amount;
  const b = q * mmr - s * q;
  const lp = a / b > 0 ? a / b : null;
  const bp = (K - s * q * entry) / (-s * q);
  const distance = lp === null ? null : ((s === 1 ? mark - lp : lp - mark) / mark) * 100;
  const notional = q * entry;
  const im = notional / lev;
  const mm = q * mark * mmr - amount;
  const openFee = notional * fee;
  const closeFee = lp === null ? 0 : q * lp * fee;
  const loss = lp === null ? null : -(s * q * (lp - entry)) + openFee + closeFee;
  const gap = GAPS.map((g) => {
    const price = s === 1 ? bp * (1 - g / 100) : bp * (1 + g / 100);
    const l = -(s * q * (price - entry)) + q * price * fee;
    return { gapPercent: g, price, loss: l, deficit: Math.max(0, l - K) };
  });
  return { liquidationPrice: lp, bankruptcyPrice: bp, distance, im, mm, loss, fees: openFee + closeFee, marginAtRisk: wallet === undefined ? K : Number(wallet) + upnl, gap };
}

/** Binance COIN-M: walk to the bracket holding the coin notional at the liquidation price. */
export function coinmAssessment(p: NumPosition, tiers: NumTier[]): Record<string, unknown> {
  const s = p.s;
  const entry = Number(p.entry);
  const mark = Number(p.mark);
  const face = Number(p.size);
  const lev = Number(p.leverage);
  const K = face / entry / lev;
  const aBase = K + (s * face) / entry;
  const bBase = s * face;
  let k = 0;
  const markCoin = face / mark;
  while (k < tiers.length - 1 && (tiers[k]?.cap ?? Infinity) < markCoin) k++;
  let lp: number | null = null;
  let chosen = tiers[k];
  for (let steps = 0; steps <= tiers.length; steps++) {
    const t = tiers[k];
    if (!t) break;
    const a = aBase + t.amount;
    const b = bBase + face * t.mmr;
    const n = (face * a) / b;
    if (n < t.floor && k > 0) {
      k--;
      continue;
    }
    if (t.cap !== null && n > t.cap) {
      k++;
      continue;
    }
    lp = face / n;
    chosen = t;
    break;
  }
  const bp = face / (aBase - 0);
  const distance = lp === null ? null : ((s === 1 ? mark - lp : lp - mark) / mark) * 100;
  const fee = Number(p.fee);
  const openFee = (face / entry) * fee;
  const closeFee = lp === null ? 0 : (face / lp) * fee;
  const loss = lp === null ? null : -(s * face * (1 / entry - 1 / lp)) + openFee + closeFee;
  const gap = GAPS.map((g) => {
    const price = s === 1 ? bp * (1 - g / 100) : bp * (1 + g / 100);
    const l = -(s * face * (1 / entry - 1 / price)) + (face / price) * fee;
    return { gapPercent: g, price, loss: l, deficit: Math.max(0, l - K) };
  });
  return { liquidationPrice: lp, bankruptcyPrice: bp, distance, tier: chosen, loss, gap };
}

/** Deribit inverse: K + s·F·(1/EP − 1/P) = (F/P)·(1 % + 0.005 %·F/P), by the same secant bracket and Illinois steps. */
export function deribitAssessment(p: NumPosition, wallet: string, tick: number): Record<string, unknown> {
  const s = p.s;
  const entry = Number(p.entry);
  const mark = Number(p.mark);
  const face = Number(p.size);
  const K = Number(wallet);
  const g = (price: number): number => {
    const coins = face / price;
    const pnl = s * (face / entry - coins);
    return K + pnl - coins * (0.01 + 0.00005 * coins);
  };
  const gm = g(mark);
  const p1 = s === 1 ? mark * 0.95 : mark * 1.05;
  const g1 = g(p1);
  let lo: number;
  let hi: number;
  if (g1 <= 0) {
    lo = p1;
    hi = mark;
  } else {
    const x0 = 1 / mark;
    const x1 = 1 / p1;
    const x = x1 - g1 / ((g1 - gm) / (x1 - x0));
    const c = 1 / x;
    let w = c * 1e-4;
    lo = c;
    hi = c;
    for (let i = 0; i < 12; i++, w *= 8) {
      const safe = s === 1 ? Math.min(c + w, mark) : Math.max(c - w, mark);
      const liq = s === 1 ? c - w : c + w;
      if (g(safe) > 0 && g(liq) <= 0) {
        lo = liq;
        hi = safe;
        break;
      }
    }
  }
  let gLo = g(lo);
  let gHi = g(hi);
  let side = 0;
  for (let i = 0; i < 300 && Math.abs(hi - lo) >= tick / 4; i++) {
    let x = lo - (gLo * (hi - lo)) / (gHi - gLo);
    if (!((x - lo) * (x - hi) < 0)) x = (lo + hi) / 2;
    const gx = g(x);
    if (gx <= 0) {
      lo = x;
      gLo = gx;
      if (side === -1) gHi /= 2;
      side = -1;
    } else {
      hi = x;
      gHi = gx;
      if (side === 1) gLo /= 2;
      side = 1;
    }
  }
  const lp = hi;
  const bp = face / (face / entry + s * K);
  return { liquidationPrice: lp, bankruptcyPrice: bp, distance: ((s === 1 ? mark - lp : lp - mark) / mark) * 100 };
}

/** The loss-versus-price curve: PnL, loss with closing fee, equity, requirement with the tier at each price. */
export function lossCurve(p: NumPosition, wallet: string, others: NumOther[], tiers: NumTier[], from: number, to: number, points: number): Record<string, unknown>[] {
  const s = p.s;
  const entry = Number(p.entry);
  const q = Number(p.size);
  const fee = Number(p.fee);
  let upnl = 0;
  let req = 0;
  for (const o of others) {
    const os = Number(o.size);
    const om = Number(o.mark);
    upnl += o.s * os * (om - Number(o.entry));
    req += os * om * Number(o.mmr) - Number(o.amount);
  }
  const equityBase = Number(wallet) + upnl;
  const out: Record<string, unknown>[] = [];
  const step = (to - from) / (points - 1);
  for (let i = 0; i < points; i++) {
    const price = i === points - 1 ? to : from + step * i;
    const pnl = s * q * (price - entry);
    const n = q * price;
    let t = tiers[0];
    for (const x of tiers) {
      t = x;
      if (x.cap === null || n <= x.cap) break;
    }
    const requirement = n * (t?.mmr ?? 0) - (t?.amount ?? 0) + req;
    const equity = equityBase + pnl;
    out.push({ price, pnl, loss: -pnl + n * fee, equity, requirement, liquidated: equity <= requirement });
  }
  return out;
}
