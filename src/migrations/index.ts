import * as migration_20261123_121550_initial from './20261123_121550_initial';

export const migrations = [
  {
    up: migration_20261123_121550_initial.up,
    down: migration_20261123_121550_initial.down,
    name: '20261123_121550_initial'
  },
];
