CREATE TABLE "answer_feedback" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "answer_feedback_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"verdict_id" integer NOT NULL,
	"claim_id" integer NOT NULL,
	"resident_id" integer NOT NULL,
	"helpful" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD COLUMN "card_verdict_id" integer;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD COLUMN "card_done" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "answer_feedback" ADD CONSTRAINT "answer_feedback_verdict_id_verdicts_id_fk" FOREIGN KEY ("verdict_id") REFERENCES "public"."verdicts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_feedback" ADD CONSTRAINT "answer_feedback_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_feedback" ADD CONSTRAINT "answer_feedback_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "answer_feedback_once_uq" ON "answer_feedback" USING btree ("verdict_id","resident_id");--> statement-breakpoint
CREATE INDEX "answer_feedback_claim_idx" ON "answer_feedback" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "answer_feedback_created_idx" ON "answer_feedback" USING btree ("created_at");