import { Migration } from '@mikro-orm/migrations';

/**
 * What commands leave for the server (src/effects): notifications, the outbox of subprocess work,
 * and the parent links of subprocess cases — as MikroORM's schema generator emits them on
 * PostgreSQL for the entities (test/storeSql.test.ts checks that entities and migrated schema agree).
 */
export class Migration20261122060000_effects extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "effect_outbox" ("id" serial primary key, "instance_id" varchar(255) not null, "kind" varchar(32) not null, "payload" jsonb not null, "created_at" timestamptz not null, "done_at" timestamptz null, "attempts" int not null, "last_error" text null, "claimed_by" varchar(255) null, "claimed_until" timestamptz null);`);
    this.addSql('create index "effect_outbox_done_at_id_index" on "effect_outbox" ("done_at", "id");');
    this.addSql('create table "notification" ("id" serial primary key, "instance_id" varchar(255) not null, "step_id" varchar(255) not null, "task_id" varchar(255) null, "role" varchar(255) not null, "org_unit" varchar(255) not null, "person" varchar(255) null, "message" jsonb not null, "created_at" timestamptz not null);');
    this.addSql('create index "notification_instance_id_index" on "notification" ("instance_id");');
    this.addSql('create index "notification_role_org_unit_created_at_index" on "notification" ("role", "org_unit", "created_at");');
    this.addSql('create table "subprocess_link" ("child_instance_id" varchar(255) not null, "parent_instance_id" varchar(255) not null, "key" varchar(255) not null, constraint "subprocess_link_pkey" primary key ("child_instance_id"));');
    this.addSql('create index "subprocess_link_parent_instance_id_index" on "subprocess_link" ("parent_instance_id");');
  }
}
