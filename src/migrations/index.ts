import * as migration_20261123_121550_initial from './20261123_121550_initial';
import * as migration_20261123_130858_registration from './20261123_130858_registration';
import * as migration_20261123_132429_review_index from './20261123_132429_review_index';
import * as migration_20261123_140350_sign_in_throttles from './20261123_140350_sign_in_throttles';

export const migrations = [
  {
    up: migration_20261123_121550_initial.up,
    down: migration_20261123_121550_initial.down,
    name: '20261123_121550_initial',
  },
  {
    up: migration_20261123_130858_registration.up,
    down: migration_20261123_130858_registration.down,
    name: '20261123_130858_registration',
  },
  {
    up: migration_20261123_132429_review_index.up,
    down: migration_20261123_132429_review_index.down,
    name: '20261123_132429_review_index',
  },
  {
    up: migration_20261123_140350_sign_in_throttles.up,
    down: migration_20261123_140350_sign_in_throttles.down,
    name: '20261123_140350_sign_in_throttles'
  },
];
