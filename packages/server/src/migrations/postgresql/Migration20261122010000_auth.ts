import { Migration } from '@mikro-orm/migrations';

/**
 * Users, org units, role assignments and sessions on PostgreSQL (issue 4 §3), as MikroORM's
 * schema generator emits them for the entities (test/auth.test.ts checks that entities and
 * migrated schema agree, on both dialects).
 */
export class Migration20261122010000_auth extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table "org_unit" ("path" varchar(512) not null, "level" varchar(32) not null, "name" varchar(255) not null, "parent_path" varchar(512) null, constraint "org_unit_pkey" primary key ("path"));');
    this.addSql('create index "org_unit_parent_path_index" on "org_unit" ("parent_path");');

    this.addSql('create table "app_user" ("id" varchar(64) not null, "username" varchar(64) not null, "display_name" varchar(255) not null, "password_hash" varchar(255) not null, "org_unit" varchar(512) not null, "person_id" varchar(32) null, "relatives" jsonb null, "disabled" boolean not null, "created_at" timestamptz not null, constraint "app_user_pkey" primary key ("id"));');
    this.addSql('alter table "app_user" add constraint "app_user_username_unique" unique ("username");');

    this.addSql('create table "session" ("id" varchar(64) not null, "user_id" varchar(64) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "revoked" boolean not null, constraint "session_pkey" primary key ("id"));');
    this.addSql('create index "session_expires_at_index" on "session" ("expires_at");');

    this.addSql('create table "role_assignment" ("user_id" varchar(64) not null, "role" varchar(64) not null, "org_unit" varchar(512) not null, constraint "role_assignment_pkey" primary key ("user_id", "role", "org_unit"));');
    this.addSql('create index "role_assignment_role_org_unit_index" on "role_assignment" ("role", "org_unit");');

    this.addSql('alter table "app_user" add constraint "app_user_org_unit_foreign" foreign key ("org_unit") references "org_unit" ("path") on update cascade;');
    this.addSql('alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade;');
    this.addSql('alter table "role_assignment" add constraint "role_assignment_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade;');
    this.addSql('alter table "role_assignment" add constraint "role_assignment_org_unit_foreign" foreign key ("org_unit") references "org_unit" ("path") on update cascade;');
  }
}
