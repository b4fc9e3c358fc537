-- One join to a group-buy, decided in one round trip: the group-buy's row lock (FOR UPDATE) serialises
-- joins of one group-buy across every process for microseconds, not for a client's round trips.
-- A team never exceeds team_size (and (team, seat), (team, member) are unique besides), a member never
-- exceeds per_member_limit. A team that fills completes here, with one order per member, numbered by
-- the caller's CSPRNG order numbers (p_order_nos[seat]). It returns the team as of this join (names and
-- member ids in seat order, and the order numbers once complete), so the 接龙 list needs no second read.
-- The body is an E'' string whose semicolons are written \073: the offline migration runner (the pg
-- driver adapter's executeScript) splits scripts on every semicolon, even inside a function body.
CREATE OR REPLACE FUNCTION group_buy_join(
  p_group_buy INTEGER, p_member INTEGER, p_room INTEGER, p_mode TEXT, p_team_no INTEGER,
  p_now TIMESTAMPTZ, p_order_nos TEXT[]
) RETURNS TABLE (o_outcome TEXT, o_team_id INTEGER, o_team_number INTEGER, o_seat INTEGER, o_completed BOOLEAN, o_limit INTEGER,
  o_names TEXT[], o_member_ids INTEGER[], o_order_nos TEXT[])
LANGUAGE plpgsql AS E'
DECLARE
  g group_buys%ROWTYPE\073
  t group_buy_teams%ROWTYPE\073
  held INTEGER\073
  n INTEGER\073
BEGIN
  SELECT * INTO g FROM group_buys WHERE id = p_group_buy FOR UPDATE\073
  IF NOT FOUND THEN
    RETURN QUERY SELECT ''noSuchGroupBuy'', NULL::INTEGER, NULL::INTEGER, NULL::INTEGER, FALSE, NULL::INTEGER, NULL::TEXT[], NULL::INTEGER[], NULL::TEXT[]\073 RETURN\073
  END IF\073
  IF g.status <> ''scheduled'' OR g.deadline <= p_now THEN
    RETURN QUERY SELECT ''ended'', NULL::INTEGER, NULL::INTEGER, NULL::INTEGER, FALSE, NULL::INTEGER, NULL::TEXT[], NULL::INTEGER[], NULL::TEXT[]\073 RETURN\073
  END IF\073
  IF p_room IS NOT NULL AND NOT (p_room = ANY (g.room_ids)) THEN
    RETURN QUERY SELECT ''notInRoom'', NULL::INTEGER, NULL::INTEGER, NULL::INTEGER, FALSE, NULL::INTEGER, NULL::TEXT[], NULL::INTEGER[], NULL::TEXT[]\073 RETURN\073
  END IF\073
  SELECT count(*) INTO held FROM group_buy_seats s WHERE s.group_buy_id = g.id AND s.member_id = p_member\073
  IF held >= g.per_member_limit THEN
    RETURN QUERY SELECT ''limitReached'', NULL::INTEGER, NULL::INTEGER, NULL::INTEGER, FALSE, g.per_member_limit, NULL::TEXT[], NULL::INTEGER[], NULL::TEXT[]\073 RETURN\073
  END IF\073

  IF p_mode = ''team'' THEN
    SELECT * INTO t FROM group_buy_teams tt WHERE tt.group_buy_id = g.id AND tt.number = p_team_no\073
    IF NOT FOUND THEN
      RETURN QUERY SELECT ''noSuchTeam'', NULL::INTEGER, p_team_no, NULL::INTEGER, FALSE, NULL::INTEGER, NULL::TEXT[], NULL::INTEGER[], NULL::TEXT[]\073 RETURN\073
    END IF\073
    IF t.status <> ''open'' THEN
      RETURN QUERY SELECT ''teamClosed'', t.id, t.number, NULL::INTEGER, FALSE, NULL::INTEGER, NULL::TEXT[], NULL::INTEGER[], NULL::TEXT[]\073 RETURN\073
    END IF\073
    IF EXISTS (SELECT 1 FROM group_buy_seats s WHERE s.team_id = t.id AND s.member_id = p_member) THEN
      RETURN QUERY SELECT ''alreadyInTeam'', t.id, t.number, NULL::INTEGER, FALSE, NULL::INTEGER, NULL::TEXT[], NULL::INTEGER[], NULL::TEXT[]\073 RETURN\073
    END IF\073
  ELSIF p_mode = ''any'' THEN
    SELECT * INTO t FROM group_buy_teams tt
     WHERE tt.group_buy_id = g.id AND tt.status = ''open''
       AND NOT EXISTS (SELECT 1 FROM group_buy_seats s WHERE s.team_id = tt.id AND s.member_id = p_member)
     ORDER BY tt.number LIMIT 1\073
  END IF\073

  IF t.id IS NULL THEN
    INSERT INTO group_buy_teams (group_buy_id, number, room_id, created_at)
    VALUES (g.id, COALESCE((SELECT max(tt.number) FROM group_buy_teams tt WHERE tt.group_buy_id = g.id), 0) + 1, p_room, p_now)
    RETURNING * INTO t\073
  END IF\073

  SELECT count(*) + 1 INTO n FROM group_buy_seats s WHERE s.team_id = t.id\073
  INSERT INTO group_buy_seats (team_id, seat, member_id, group_buy_id, joined_at) VALUES (t.id, n, p_member, g.id, p_now)\073
  IF n >= g.team_size THEN
    UPDATE group_buy_teams SET status = ''complete'', completed_at = p_now WHERE id = t.id\073
    INSERT INTO orders (order_no, source, member_id, amount_cents, status, group_buy_team_id, placed_at, updated_at)
    SELECT p_order_nos[s.seat], ''group_buy''::"OrderSource", s.member_id, g.price_cents, ''pending''::"OrderStatus", t.id, p_now, p_now
      FROM group_buy_seats s WHERE s.team_id = t.id
    ON CONFLICT DO NOTHING\073
  END IF\073
  RETURN QUERY SELECT ''joined'', t.id, t.number, n, n >= g.team_size, g.per_member_limit,
    (SELECT array_agg(m.name ORDER BY s.seat) FROM group_buy_seats s JOIN members m ON m.id = s.member_id WHERE s.team_id = t.id),
    (SELECT array_agg(s.member_id ORDER BY s.seat) FROM group_buy_seats s WHERE s.team_id = t.id),
    CASE WHEN n >= g.team_size THEN
      (SELECT array_agg(o.order_no ORDER BY s.seat) FROM group_buy_seats s JOIN orders o ON o.group_buy_team_id = t.id AND o.member_id = s.member_id WHERE s.team_id = t.id)
    END\073
END
'
