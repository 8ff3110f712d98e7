import { Migration } from '@mikro-orm/migrations';

/**
 * Attachments (files attached to forms, stored in the database as `bytea`), as MikroORM's schema
 * generator emits them on PostgreSQL for src/entities/attachment.entity.ts (test/storeSql.test.ts
 * checks that entities and migrated schema agree). Needs `app_user` and `process_instance`.
 */
export class Migration20261122040000_attachments extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table "attachment" ("id" varchar(80) not null, "name" varchar(255) not null, "mime_type" varchar(128) not null, "size" int not null, "sha256" varchar(64) not null, "content" bytea not null, "uploaded_by" varchar(64) not null, "org_unit" varchar(512) not null, "instance_id" varchar(255) null, "created_at" timestamptz not null, constraint "attachment_pkey" primary key ("id"));');
    this.addSql('create index "attachment_uploaded_by_index" on "attachment" ("uploaded_by");');
    this.addSql('create index "attachment_instance_id_index" on "attachment" ("instance_id");');
    this.addSql('alter table "attachment" add constraint "attachment_uploaded_by_foreign" foreign key ("uploaded_by") references "app_user" ("id") on update cascade;');
    this.addSql('alter table "attachment" add constraint "attachment_instance_id_foreign" foreign key ("instance_id") references "process_instance" ("instance_id") on update cascade on delete set null;');
  }
}
