import { Migration } from '@mikro-orm/migrations';

/**
 * Users, org units, role assignments and sessions (issue 4 §3), as MikroORM's schema generator
 * emits them for the entities (test/auth.test.ts checks that entities and migrated schema agree).
 * One statement per `addSql`: the sqlite3 driver runs only the first statement of a string.
 */
export class Migration20261122010000_auth extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table `org_unit` (`path` text not null, `level` text not null, `name` text not null, `parent_path` text null, primary key (`path`));');
    this.addSql('create index `org_unit_parent_path_index` on `org_unit` (`parent_path`);');

    this.addSql('create table `app_user` (`id` text not null, `username` text not null, `display_name` text not null, `password_hash` text not null, `org_unit` text not null, `person_id` text null, `relatives` json null, `disabled` integer not null, `created_at` datetime not null, constraint `app_user_org_unit_foreign` foreign key(`org_unit`) references `org_unit`(`path`) on update cascade, primary key (`id`));');
    this.addSql('create unique index `app_user_username_unique` on `app_user` (`username`);');
    this.addSql('create index `app_user_org_unit_index` on `app_user` (`org_unit`);');

    this.addSql('create table `session` (`id` text not null, `user_id` text not null, `created_at` datetime not null, `expires_at` datetime not null, `revoked` integer not null, constraint `session_user_id_foreign` foreign key(`user_id`) references `app_user`(`id`) on update cascade, primary key (`id`));');
    this.addSql('create index `session_user_id_index` on `session` (`user_id`);');
    this.addSql('create index `session_expires_at_index` on `session` (`expires_at`);');

    this.addSql('create table `role_assignment` (`user_id` text not null, `role` text not null, `org_unit` text not null, constraint `role_assignment_user_id_foreign` foreign key(`user_id`) references `app_user`(`id`) on update cascade, constraint `role_assignment_org_unit_foreign` foreign key(`org_unit`) references `org_unit`(`path`) on update cascade, primary key (`user_id`, `role`, `org_unit`));');
    this.addSql('create index `role_assignment_user_id_index` on `role_assignment` (`user_id`);');
    this.addSql('create index `role_assignment_org_unit_index` on `role_assignment` (`org_unit`);');
    this.addSql('create index `role_assignment_role_org_unit_index` on `role_assignment` (`role`, `org_unit`);');
  }
}
