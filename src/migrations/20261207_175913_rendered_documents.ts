import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "rendered_documents" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"content_type" varchar NOT NULL,
  	"body" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "rendered_documents_id" integer;
  CREATE UNIQUE INDEX "rendered_documents_key_idx" ON "rendered_documents" USING btree ("key");
  CREATE INDEX "rendered_documents_updated_at_idx" ON "rendered_documents" USING btree ("updated_at");
  CREATE INDEX "rendered_documents_created_at_idx" ON "rendered_documents" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_rendered_documents_fk" FOREIGN KEY ("rendered_documents_id") REFERENCES "public"."rendered_documents"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_rendered_documents_id_idx" ON "payload_locked_documents_rels" USING btree ("rendered_documents_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "rendered_documents" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "rendered_documents" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_rendered_documents_fk";
  
  DROP INDEX "payload_locked_documents_rels_rendered_documents_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "rendered_documents_id";`)
}
