import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "sign_in_throttles" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"failures" numeric DEFAULT 0 NOT NULL,
  	"first_failure_at" timestamp(3) with time zone NOT NULL,
  	"blocked_until" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "sign_in_throttles_id" integer;
  CREATE UNIQUE INDEX "sign_in_throttles_key_idx" ON "sign_in_throttles" USING btree ("key");
  CREATE INDEX "sign_in_throttles_blocked_until_idx" ON "sign_in_throttles" USING btree ("blocked_until");
  CREATE INDEX "sign_in_throttles_updated_at_idx" ON "sign_in_throttles" USING btree ("updated_at");
  CREATE INDEX "sign_in_throttles_created_at_idx" ON "sign_in_throttles" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_sign_in_throttles_fk" FOREIGN KEY ("sign_in_throttles_id") REFERENCES "public"."sign_in_throttles"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_sign_in_throttles_id_idx" ON "payload_locked_documents_rels" USING btree ("sign_in_throttles_id");
  ALTER TABLE "accounts" DROP COLUMN "login_attempts";
  ALTER TABLE "accounts" DROP COLUMN "lock_until";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "sign_in_throttles" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "sign_in_throttles" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_sign_in_throttles_fk";
  
  DROP INDEX "payload_locked_documents_rels_sign_in_throttles_id_idx";
  ALTER TABLE "accounts" ADD COLUMN "login_attempts" numeric DEFAULT 0;
  ALTER TABLE "accounts" ADD COLUMN "lock_until" timestamp(3) with time zone;
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "sign_in_throttles_id";`)
}
