/**
 * Where the build puts the content script's on-demand module (src/content/on-demand.tsx), relative
 * to the extension's root: vite.config.ts writes it there and lists it as web-accessible, and the
 * content script imports it from there.
 */
export const ON_DEMAND_FILE = 'src/content/on-demand.js';
