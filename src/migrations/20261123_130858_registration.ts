import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_accounts_registration_match_outcome" AS ENUM('matched', 'no-number', 'not-found', 'mismatch', 'several', 'approved-by-staff', 'information-requested', 'rejected');
  CREATE TABLE "accounts_addresses" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"label" varchar,
  	"full_name" varchar,
  	"line1" varchar,
  	"line2" varchar,
  	"town" varchar,
  	"county" varchar,
  	"postcode" varchar,
  	"country" varchar,
  	"default_billing" boolean,
  	"default_delivery" boolean
  );
  
  ALTER TABLE "accounts" ADD COLUMN "registration_candidate_number" varchar;
  ALTER TABLE "accounts" ADD COLUMN "registration_dont_know_number" boolean;
  ALTER TABLE "accounts" ADD COLUMN "registration_date_of_birth" timestamp(3) with time zone;
  ALTER TABLE "accounts" ADD COLUMN "registration_match_outcome" "enum_accounts_registration_match_outcome";
  ALTER TABLE "accounts" ADD COLUMN "registration_last_message" varchar;
  ALTER TABLE "accounts" ADD COLUMN "email_verification_token_hash" varchar;
  ALTER TABLE "accounts" ADD COLUMN "email_verification_sent_at" timestamp(3) with time zone;
  ALTER TABLE "accounts" ADD COLUMN "review_note" varchar;
  ALTER TABLE "accounts_addresses" ADD CONSTRAINT "accounts_addresses_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "accounts_addresses_order_idx" ON "accounts_addresses" USING btree ("_order");
  CREATE INDEX "accounts_addresses_parent_id_idx" ON "accounts_addresses" USING btree ("_parent_id");
  CREATE INDEX "accounts_registration_registration_match_outcome_idx" ON "accounts" USING btree ("registration_match_outcome");
  CREATE INDEX "accounts_email_verification_email_verification_token_has_idx" ON "accounts" USING btree ("email_verification_token_hash");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "accounts_addresses" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "accounts_addresses" CASCADE;
  DROP INDEX "accounts_registration_registration_match_outcome_idx";
  DROP INDEX "accounts_email_verification_email_verification_token_has_idx";
  ALTER TABLE "accounts" DROP COLUMN "registration_candidate_number";
  ALTER TABLE "accounts" DROP COLUMN "registration_dont_know_number";
  ALTER TABLE "accounts" DROP COLUMN "registration_date_of_birth";
  ALTER TABLE "accounts" DROP COLUMN "registration_match_outcome";
  ALTER TABLE "accounts" DROP COLUMN "registration_last_message";
  ALTER TABLE "accounts" DROP COLUMN "email_verification_token_hash";
  ALTER TABLE "accounts" DROP COLUMN "email_verification_sent_at";
  ALTER TABLE "accounts" DROP COLUMN "review_note";
  DROP TYPE "public"."enum_accounts_registration_match_outcome";`)
}
