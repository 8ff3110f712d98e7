import { Migration } from '@mikro-orm/migrations';

/**
 * The first schema on PostgreSQL, as MikroORM's schema generator emits it for the entities in
 * src/entities (test/storeSql.test.ts checks, on both dialects, that entities and migrated schema
 * still agree). JSON is `jsonb` (its key order is not kept: hashes are over canonical JSON),
 * instants `timestamptz` (microseconds, time zone independent), flags `boolean`.
 */
export class Migration20261122000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table "process_definition" ("id" varchar(255) not null, "version" int not null, "document" jsonb not null, "published" boolean not null, "sha256" varchar(64) not null, "created_at" timestamptz not null, constraint "process_definition_pkey" primary key ("id", "version"));');

    this.addSql('create table "idempotency_key" ("key" varchar(255) not null, "actor" varchar(255) not null, "request_hash" varchar(64) not null, "status" text check ("status" in (\'in_progress\', \'done\')) not null, "response" jsonb null, "created_at" timestamptz not null, constraint "idempotency_key_pkey" primary key ("key", "actor"));');

    this.addSql('create table "process_instance" ("instance_id" varchar(255) not null, "definition_id" varchar(255) not null, "definition_version" int not null, "status" varchar(16) not null, "snapshot" jsonb not null, "org_unit" varchar(255) not null, "outcome" varchar(255) null, "version" int not null default 1, "event_count" int not null, "head_hash" varchar(64) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "process_instance_pkey" primary key ("instance_id"));');
    this.addSql('create index "process_instance_definition_id_definition_version_index" on "process_instance" ("definition_id", "definition_version");');
    this.addSql('create index "process_instance_org_unit_status_index" on "process_instance" ("org_unit", "status");');

    this.addSql('create table "instance_event" ("instance_id" varchar(255) not null, "seq" int not null, "type" varchar(255) not null, "at" varchar(40) not null, "payload" jsonb not null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null, constraint "instance_event_pkey" primary key ("instance_id", "seq"));');

    this.addSql('create table "open_task" ("instance_id" varchar(255) not null, "task_id" varchar(255) not null, "step_id" varchar(255) not null, "role" varchar(255) not null, "org_unit" varchar(255) not null, "match" varchar(16) not null, "person" varchar(255) null, "due_at" timestamptz null, "overdue" boolean not null, "form_id" varchar(255) not null, "record" jsonb not null, "created_at" timestamptz not null, constraint "open_task_pkey" primary key ("instance_id", "task_id"));');
    this.addSql('create index "open_task_role_org_unit_due_at_index" on "open_task" ("role", "org_unit", "due_at");');
    this.addSql('create index "open_task_person_index" on "open_task" ("person");');

    this.addSql('create table "instance_timer" ("instance_id" varchar(255) not null, "timer_id" varchar(255) not null, "step_id" varchar(255) not null, "due_at" timestamptz not null, "purpose" varchar(255) not null, "record" jsonb not null, "claimed_by" varchar(255) null, "claimed_until" timestamptz null, constraint "instance_timer_pkey" primary key ("instance_id", "timer_id"));');
    this.addSql('create index "instance_timer_due_at_index" on "instance_timer" ("due_at");');

    this.addSql('alter table "instance_event" add constraint "instance_event_instance_id_foreign" foreign key ("instance_id") references "process_instance" ("instance_id") on update cascade;');
    this.addSql('alter table "open_task" add constraint "open_task_instance_id_foreign" foreign key ("instance_id") references "process_instance" ("instance_id") on update cascade;');
    this.addSql('alter table "instance_timer" add constraint "instance_timer_instance_id_foreign" foreign key ("instance_id") references "process_instance" ("instance_id") on update cascade;');
  }
}
