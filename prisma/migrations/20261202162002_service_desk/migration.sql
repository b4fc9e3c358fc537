-- CreateEnum
CREATE TYPE "TicketColour" AS ENUM ('red', 'yellow', 'green');

-- CreateEnum
CREATE TYPE "TicketStatus" AS ENUM ('open', 'waiting', 'resolved', 'closed');

-- CreateTable
CREATE TABLE "tickets" (
    "id" SERIAL NOT NULL,
    "member_id" INTEGER NOT NULL,
    "room_id" INTEGER,
    "text" TEXT NOT NULL,
    "colour" "TicketColour" NOT NULL,
    "status" "TicketStatus" NOT NULL DEFAULT 'open',
    "assignee_id" INTEGER,
    "open_for" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cycle" INTEGER NOT NULL DEFAULT 0,
    "window_start_at" TIMESTAMPTZ(3) NOT NULL,
    "paused_ms" INTEGER NOT NULL DEFAULT 0,
    "paused_at" TIMESTAMPTZ(3),
    "response_due_at" TIMESTAMPTZ(3) NOT NULL,
    "resolve_due_at" TIMESTAMPTZ(3) NOT NULL,
    "responded_at" TIMESTAMPTZ(3),
    "first_responded_at" TIMESTAMPTZ(3),
    "breached_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),
    "resolution" TEXT,
    "append_notice_sent" BOOLEAN NOT NULL DEFAULT false,
    "followup_asked_at" TIMESTAMPTZ(3),
    "rating_retried" BOOLEAN NOT NULL DEFAULT false,
    "rating" INTEGER,
    "rating_comment" TEXT,
    "rated_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "tickets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ticket_messages" (
    "id" SERIAL NOT NULL,
    "ticket_id" INTEGER NOT NULL,
    "author_id" INTEGER NOT NULL,
    "from_agent" BOOLEAN NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ticket_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ticket_alerts" (
    "ticket_id" INTEGER NOT NULL,
    "cycle" INTEGER NOT NULL,
    "mark" TEXT NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ticket_alerts_pkey" PRIMARY KEY ("ticket_id","cycle","mark")
);

-- CreateTable
CREATE TABLE "service_agents" (
    "member_id" INTEGER NOT NULL,
    "on_duty" BOOLEAN NOT NULL DEFAULT false,
    "last_assigned_at" TIMESTAMPTZ(3),

    CONSTRAINT "service_agents_pkey" PRIMARY KEY ("member_id")
);

-- CreateTable
CREATE TABLE "dedicated_agents" (
    "member_id" INTEGER NOT NULL,
    "agent_id" INTEGER NOT NULL,
    "assigned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dedicated_agents_pkey" PRIMARY KEY ("member_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tickets_open_for_key" ON "tickets"("open_for");

-- CreateIndex
CREATE INDEX "tickets_status_response_due_at_idx" ON "tickets"("status", "response_due_at");

-- CreateIndex
CREATE INDEX "tickets_assignee_id_status_idx" ON "tickets"("assignee_id", "status");

-- CreateIndex
CREATE INDEX "tickets_created_at_idx" ON "tickets"("created_at");

-- CreateIndex
CREATE INDEX "ticket_messages_ticket_id_idx" ON "ticket_messages"("ticket_id");

-- CreateIndex
CREATE INDEX "dedicated_agents_agent_id_idx" ON "dedicated_agents"("agent_id");

-- AddForeignKey
ALTER TABLE "ticket_messages" ADD CONSTRAINT "ticket_messages_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ticket_alerts" ADD CONSTRAINT "ticket_alerts_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

