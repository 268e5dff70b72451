import { ADAPTERS } from '../../src/content/venues/all';
import { installAdapters } from '../../src/content/venues/registry';
import { ACCOUNT_SPECS, installAccountSpecs } from '../../src/content/account/venues';

// Unit tests read pages of every venue with one reader, as the on-demand module does.
installAdapters(ADAPTERS);
installAccountSpecs(ACCOUNT_SPECS);
