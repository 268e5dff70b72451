import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
export const DIST_CHROME = path.join(REPO_ROOT, 'dist/chrome');
export const DIST_FIREFOX = path.join(REPO_ROOT, 'dist/firefox');
export const FIXTURES = path.join(REPO_ROOT, 'test/fixtures');
