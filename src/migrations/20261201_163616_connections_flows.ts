import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_connections_extension_status" AS ENUM('requested', 'approved', 'declined');
  CREATE TYPE "public"."enum_connection_events_event" AS ENUM('created', 'invited', 'requested', 'attached', 'accepted', 'declined', 'cancelled', 'deleted', 'extended', 'shortened', 'documents-changed', 'extension-requested', 'extension-approved', 'extension-declined', 'expired');
  CREATE TYPE "public"."enum_connection_events_party" AS ENUM('learner', 'third-party', 'support', 'system');
  CREATE TABLE "connection_events" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"connection_id" integer NOT NULL,
  	"event" "enum_connection_events_event" NOT NULL,
  	"party" "enum_connection_events_party" NOT NULL,
  	"at" timestamp(3) with time zone NOT NULL,
  	"note" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "connection_views" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"connection_id" integer NOT NULL,
  	"document_id" integer NOT NULL,
  	"views" numeric NOT NULL,
  	"last_viewed_at" timestamp(3) with time zone NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "connections" RENAME COLUMN "expires_at" TO "access_until";
  ALTER TABLE "connections" ADD COLUMN "third_party_company" varchar;
  DROP INDEX "connections_expires_at_idx";
  ALTER TABLE "connections" ALTER COLUMN "learner_id" DROP NOT NULL;
  ALTER TABLE "connections" ADD COLUMN "learner_email" varchar;
  ALTER TABLE "connections" ADD COLUMN "request_message" varchar;
  ALTER TABLE "connections" ADD COLUMN "extension_status" "enum_connections_extension_status";
  ALTER TABLE "connections" ADD COLUMN "extension_until" timestamp(3) with time zone;
  ALTER TABLE "connections" ADD COLUMN "extension_message" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "connection_events_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "connection_views_id" integer;
  ALTER TABLE "connection_events" ADD CONSTRAINT "connection_events_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "connection_views" ADD CONSTRAINT "connection_views_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "connection_views" ADD CONSTRAINT "connection_views_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "connection_events_connection_idx" ON "connection_events" USING btree ("connection_id");
  CREATE INDEX "connection_events_updated_at_idx" ON "connection_events" USING btree ("updated_at");
  CREATE INDEX "connection_events_created_at_idx" ON "connection_events" USING btree ("created_at");
  CREATE INDEX "connection_views_connection_idx" ON "connection_views" USING btree ("connection_id");
  CREATE INDEX "connection_views_document_idx" ON "connection_views" USING btree ("document_id");
  CREATE INDEX "connection_views_updated_at_idx" ON "connection_views" USING btree ("updated_at");
  CREATE INDEX "connection_views_created_at_idx" ON "connection_views" USING btree ("created_at");
  CREATE UNIQUE INDEX "connection_document_idx" ON "connection_views" USING btree ("connection_id","document_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_connection_events_fk" FOREIGN KEY ("connection_events_id") REFERENCES "public"."connection_events"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_connection_views_fk" FOREIGN KEY ("connection_views_id") REFERENCES "public"."connection_views"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "connections_access_until_idx" ON "connections" USING btree ("access_until");
  CREATE INDEX "payload_locked_documents_rels_connection_events_id_idx" ON "payload_locked_documents_rels" USING btree ("connection_events_id");
  CREATE INDEX "payload_locked_documents_rels_connection_views_id_idx" ON "payload_locked_documents_rels" USING btree ("connection_views_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "connection_events" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "connection_views" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "connection_events" CASCADE;
  DROP TABLE "connection_views" CASCADE;
  ALTER TABLE "connections" RENAME COLUMN "access_until" TO "expires_at";
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_connection_events_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_connection_views_fk";
  
  DROP INDEX "connections_access_until_idx";
  DROP INDEX "payload_locked_documents_rels_connection_events_id_idx";
  DROP INDEX "payload_locked_documents_rels_connection_views_id_idx";
  ALTER TABLE "connections" ALTER COLUMN "learner_id" SET NOT NULL;
  CREATE INDEX "connections_expires_at_idx" ON "connections" USING btree ("expires_at");
  ALTER TABLE "connections" DROP COLUMN "third_party_company";
  ALTER TABLE "connections" DROP COLUMN "learner_email";
  ALTER TABLE "connections" DROP COLUMN "request_message";
  ALTER TABLE "connections" DROP COLUMN "extension_status";
  ALTER TABLE "connections" DROP COLUMN "extension_until";
  ALTER TABLE "connections" DROP COLUMN "extension_message";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "connection_events_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "connection_views_id";
  DROP TYPE "public"."enum_connections_extension_status";
  DROP TYPE "public"."enum_connection_events_event";
  DROP TYPE "public"."enum_connection_events_party";`)
}
