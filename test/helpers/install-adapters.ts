import { ADAPTERS } from '../../src/content/venues/all';
import { installAdapters } from '../../src/content/venues/registry';

// Unit tests read pages of every venue with one reader, as the on-demand module does.
installAdapters(ADAPTERS);
