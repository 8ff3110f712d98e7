import { Migration } from '@mikro-orm/migrations';

/**
 * The first schema on SQLite, as MikroORM's schema generator emits it for the entities in
 * src/entities (test/storeSql.test.ts checks that entities and migrated schema still agree).
 * One statement per `addSql`: the sqlite3 driver runs only the first statement of a string.
 */
export class Migration20261122000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql("create table `process_definition` (`id` text not null, `version` integer not null, `document` json not null, `published` integer not null, `sha256` text not null, `created_at` datetime not null, primary key (`id`, `version`));");

    this.addSql("create table `idempotency_key` (`key` text not null, `actor` text not null, `request_hash` text not null, `status` text check (`status` in ('in_progress', 'done')) not null, `response` json null, `created_at` datetime not null, primary key (`key`, `actor`));");

    this.addSql('create table `process_instance` (`instance_id` text not null, `definition_id` text not null, `definition_version` integer not null, `status` text not null, `snapshot` json not null, `org_unit` text not null, `outcome` text null, `version` integer not null default 1, `event_count` integer not null, `head_hash` text not null, `created_at` datetime not null, `updated_at` datetime not null, primary key (`instance_id`));');
    this.addSql('create index `process_instance_definition_id_definition_version_index` on `process_instance` (`definition_id`, `definition_version`);');
    this.addSql('create index `process_instance_org_unit_status_index` on `process_instance` (`org_unit`, `status`);');

    this.addSql('create table `instance_event` (`instance_id` text not null, `seq` integer not null, `type` text not null, `at` text not null, `payload` json not null, `prev_hash` text not null, `hash` text not null, constraint `instance_event_instance_id_foreign` foreign key(`instance_id`) references `process_instance`(`instance_id`) on update cascade, primary key (`instance_id`, `seq`));');
    this.addSql('create index `instance_event_instance_id_index` on `instance_event` (`instance_id`);');

    this.addSql('create table `open_task` (`instance_id` text not null, `task_id` text not null, `step_id` text not null, `role` text not null, `org_unit` text not null, `match` text not null, `person` text null, `due_at` datetime null, `overdue` integer not null, `form_id` text not null, `record` json not null, `created_at` datetime not null, constraint `open_task_instance_id_foreign` foreign key(`instance_id`) references `process_instance`(`instance_id`) on update cascade, primary key (`instance_id`, `task_id`));');
    this.addSql('create index `open_task_instance_id_index` on `open_task` (`instance_id`);');
    this.addSql('create index `open_task_role_org_unit_due_at_index` on `open_task` (`role`, `org_unit`, `due_at`);');
    this.addSql('create index `open_task_person_index` on `open_task` (`person`);');

    this.addSql('create table `instance_timer` (`instance_id` text not null, `timer_id` text not null, `step_id` text not null, `due_at` datetime not null, `purpose` text not null, `record` json not null, `claimed_by` text null, `claimed_until` datetime null, constraint `instance_timer_instance_id_foreign` foreign key(`instance_id`) references `process_instance`(`instance_id`) on update cascade, primary key (`instance_id`, `timer_id`));');
    this.addSql('create index `instance_timer_instance_id_index` on `instance_timer` (`instance_id`);');
    this.addSql('create index `instance_timer_due_at_index` on `instance_timer` (`due_at`);');
  }
}
