ALTER TABLE "claims" ADD COLUMN "summary" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "source_report_id" integer;--> statement-breakpoint
ALTER TABLE "verdict_drafts" ADD COLUMN "summary" text;