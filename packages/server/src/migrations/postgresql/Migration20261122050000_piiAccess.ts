import { Migration } from '@mikro-orm/migrations';

/**
 * The audit of unmasked personal numbers in API responses (src/privacy), as MikroORM's schema
 * generator emits it on PostgreSQL for src/entities/piiAccess.entity.ts (test/storeSql.test.ts
 * checks that entities and migrated schema agree). No foreign keys: it needs no other table.
 */
export class Migration20261122050000_piiAccess extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table "pii_access" ("id" varchar(36) not null, "user_id" varchar(64) not null, "org_unit" varchar(512) not null, "at" timestamptz not null, "method" varchar(10) not null, "route" varchar(255) not null, "instance_id" varchar(100) null, "status" int not null, "id_numbers" int not null, "phone_numbers" int not null, constraint "pii_access_pkey" primary key ("id"));');
    this.addSql('create index "pii_access_user_id_at_index" on "pii_access" ("user_id", "at");');
    this.addSql('create index "pii_access_instance_id_index" on "pii_access" ("instance_id");');
  }
}
