/**
 * True only in the build `npm run bench:e2e` measures (LIQGUARD_MARKS=1, vite.config.ts): the content
 * script and the background then leave performance marks at each stage of a keystroke's answer.
 * Replaced by a constant at build time; `if (__LG_MARKS__) performance.mark(…)` is removed from every
 * other build.
 */
declare const __LG_MARKS__: boolean;
