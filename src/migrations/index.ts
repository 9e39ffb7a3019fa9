import * as migration_20261123_121550_initial from './20261123_121550_initial';
import * as migration_20261123_130858_registration from './20261123_130858_registration';
import * as migration_20261123_132429_review_index from './20261123_132429_review_index';
import * as migration_20261123_140350_sign_in_throttles from './20261123_140350_sign_in_throttles';
import * as migration_20261123_164320_profile from './20261123_164320_profile';
import * as migration_20261123_170917_documents_issuing from './20261123_170917_documents_issuing';
import * as migration_20261123_171423_enquiry_authors from './20261123_171423_enquiry_authors';
import * as migration_20261201_073814_hardening from './20261201_073814_hardening';
import * as migration_20261201_085930_staff_lockout_off from './20261201_085930_staff_lockout_off';
import * as migration_20261201_132723_email_delivery from './20261201_132723_email_delivery';
import * as migration_20261201_141732_email_deliverable_copy from './20261201_141732_email_deliverable_copy';
import * as migration_20261201_163616_connections_flows from './20261201_163616_connections_flows';
import * as migration_20261201_173237_connections_expiry_task from './20261201_173237_connections_expiry_task';
import * as migration_20261201_174213_connections_status_index from './20261201_174213_connections_status_index';
import * as migration_20261201_174953_connections_request_task from './20261201_174953_connections_request_task';
import * as migration_20261201_192120_store_checkout from './20261201_192120_store_checkout';
import * as migration_20261207_112015_second_look from './20261207_112015_second_look';
import * as migration_20261207_175913_rendered_documents from './20261207_175913_rendered_documents';

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
    name: '20261123_140350_sign_in_throttles',
  },
  {
    up: migration_20261123_164320_profile.up,
    down: migration_20261123_164320_profile.down,
    name: '20261123_164320_profile',
  },
  {
    up: migration_20261123_170917_documents_issuing.up,
    down: migration_20261123_170917_documents_issuing.down,
    name: '20261123_170917_documents_issuing',
  },
  {
    up: migration_20261123_171423_enquiry_authors.up,
    down: migration_20261123_171423_enquiry_authors.down,
    name: '20261123_171423_enquiry_authors',
  },
  {
    up: migration_20261201_073814_hardening.up,
    down: migration_20261201_073814_hardening.down,
    name: '20261201_073814_hardening',
  },
  {
    up: migration_20261201_085930_staff_lockout_off.up,
    down: migration_20261201_085930_staff_lockout_off.down,
    name: '20261201_085930_staff_lockout_off',
  },
  {
    up: migration_20261201_132723_email_delivery.up,
    down: migration_20261201_132723_email_delivery.down,
    name: '20261201_132723_email_delivery',
  },
  {
    up: migration_20261201_141732_email_deliverable_copy.up,
    down: migration_20261201_141732_email_deliverable_copy.down,
    name: '20261201_141732_email_deliverable_copy',
  },
  {
    up: migration_20261201_163616_connections_flows.up,
    down: migration_20261201_163616_connections_flows.down,
    name: '20261201_163616_connections_flows',
  },
  {
    up: migration_20261201_173237_connections_expiry_task.up,
    down: migration_20261201_173237_connections_expiry_task.down,
    name: '20261201_173237_connections_expiry_task',
  },
  {
    up: migration_20261201_174213_connections_status_index.up,
    down: migration_20261201_174213_connections_status_index.down,
    name: '20261201_174213_connections_status_index',
  },
  {
    up: migration_20261201_174953_connections_request_task.up,
    down: migration_20261201_174953_connections_request_task.down,
    name: '20261201_174953_connections_request_task',
  },
  {
    up: migration_20261201_192120_store_checkout.up,
    down: migration_20261201_192120_store_checkout.down,
    name: '20261201_192120_store_checkout',
  },
  {
    up: migration_20261207_112015_second_look.up,
    down: migration_20261207_112015_second_look.down,
    name: '20261207_112015_second_look',
  },
  {
    up: migration_20261207_175913_rendered_documents.up,
    down: migration_20261207_175913_rendered_documents.down,
    name: '20261207_175913_rendered_documents'
  },
];
