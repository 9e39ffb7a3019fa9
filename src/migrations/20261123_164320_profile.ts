import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "account_photos" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"account_id" integer NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric
  );
  
  ALTER TABLE "orders" ALTER COLUMN "account_id" DROP NOT NULL;
  ALTER TABLE "orders" ADD COLUMN "account_deleted_at" timestamp(3) with time zone;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "account_photos_id" integer;
  ALTER TABLE "account_photos" ADD CONSTRAINT "account_photos_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "account_photos_account_idx" ON "account_photos" USING btree ("account_id");
  CREATE INDEX "account_photos_updated_at_idx" ON "account_photos" USING btree ("updated_at");
  CREATE INDEX "account_photos_created_at_idx" ON "account_photos" USING btree ("created_at");
  CREATE UNIQUE INDEX "account_photos_filename_idx" ON "account_photos" USING btree ("filename");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_account_photos_fk" FOREIGN KEY ("account_photos_id") REFERENCES "public"."account_photos"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_account_photos_id_idx" ON "payload_locked_documents_rels" USING btree ("account_photos_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "account_photos" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "account_photos" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_account_photos_fk";
  
  DROP INDEX "payload_locked_documents_rels_account_photos_id_idx";
  ALTER TABLE "orders" ALTER COLUMN "account_id" SET NOT NULL;
  ALTER TABLE "orders" DROP COLUMN "account_deleted_at";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "account_photos_id";`)
}
