-- Points for a poll vote and a live reservation
ALTER TYPE "PointSource" ADD VALUE 'poll_vote';
ALTER TYPE "PointSource" ADD VALUE 'live_reservation';
