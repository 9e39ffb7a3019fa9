import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_accounts_status" ADD VALUE 'suspended';
  ALTER TYPE "public"."enum_accounts_registration_match_outcome" ADD VALUE 'already-linked' BEFORE 'approved-by-staff';
  DROP INDEX "accounts_candidate_idx";
  ALTER TABLE "email_outbox" ADD COLUMN "carries_sign_in_link" boolean DEFAULT false;
  CREATE UNIQUE INDEX "accounts_candidate_idx" ON "accounts" USING btree ("candidate_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "accounts" ALTER COLUMN "status" SET DATA TYPE text;
  ALTER TABLE "accounts" ALTER COLUMN "status" SET DEFAULT 'pending'::text;
  DROP TYPE "public"."enum_accounts_status";
  CREATE TYPE "public"."enum_accounts_status" AS ENUM('pending', 'awaiting-review', 'information-requested', 'approved', 'rejected');
  ALTER TABLE "accounts" ALTER COLUMN "status" SET DEFAULT 'pending'::"public"."enum_accounts_status";
  ALTER TABLE "accounts" ALTER COLUMN "status" SET DATA TYPE "public"."enum_accounts_status" USING "status"::"public"."enum_accounts_status";
  ALTER TABLE "accounts" ALTER COLUMN "registration_match_outcome" SET DATA TYPE text;
  DROP TYPE "public"."enum_accounts_registration_match_outcome";
  CREATE TYPE "public"."enum_accounts_registration_match_outcome" AS ENUM('matched', 'no-number', 'not-found', 'mismatch', 'several', 'approved-by-staff', 'information-requested', 'rejected');
  ALTER TABLE "accounts" ALTER COLUMN "registration_match_outcome" SET DATA TYPE "public"."enum_accounts_registration_match_outcome" USING "registration_match_outcome"::"public"."enum_accounts_registration_match_outcome";
  DROP INDEX "accounts_candidate_idx";
  CREATE INDEX "accounts_candidate_idx" ON "accounts" USING btree ("candidate_id");
  ALTER TABLE "email_outbox" DROP COLUMN "carries_sign_in_link";`)
}
