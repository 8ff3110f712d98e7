import { Migration } from '@mikro-orm/migrations';

/**
 * What commands leave for the server (src/effects): notifications, the outbox of subprocess work,
 * and the parent links of subprocess cases — as MikroORM's schema generator emits them for the
 * entities (test/storeSql.test.ts checks that entities and migrated schema agree). One statement per `addSql`.
 */
export class Migration20261122060000_effects extends Migration {
  override async up(): Promise<void> {
    this.addSql("create table `effect_outbox` (`id` integer not null primary key autoincrement, `instance_id` text not null, `kind` text not null, `payload` json not null, `created_at` datetime not null, `done_at` datetime null, `attempts` integer not null, `last_error` text null, `claimed_by` text null, `claimed_until` datetime null);");
    this.addSql('create index `effect_outbox_done_at_id_index` on `effect_outbox` (`done_at`, `id`);');
    this.addSql('create table `notification` (`id` integer not null primary key autoincrement, `instance_id` text not null, `step_id` text not null, `task_id` text null, `role` text not null, `org_unit` text not null, `person` text null, `message` json not null, `created_at` datetime not null);');
    this.addSql('create index `notification_instance_id_index` on `notification` (`instance_id`);');
    this.addSql('create index `notification_role_org_unit_created_at_index` on `notification` (`role`, `org_unit`, `created_at`);');
    this.addSql('create table `subprocess_link` (`child_instance_id` text not null, `parent_instance_id` text not null, `key` text not null, primary key (`child_instance_id`));');
    this.addSql('create index `subprocess_link_parent_instance_id_index` on `subprocess_link` (`parent_instance_id`);');
  }
}
