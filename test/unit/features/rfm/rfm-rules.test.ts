import { describe, expect, it } from "vitest";
import { classifyMember } from "../../../../src/features/rfm/rules/rfm-rules.js";

const t = { highValueDays: 30, highValueOrders: 10, highValueCents: 200_000, newDays: 30, atRiskDays: 60, lostDays: 120 };

describe("RFM layer rules", () => {
  it.each([
    [{ daysSinceLastOrder: 5, daysSinceJoined: 400, orders: 12, monetaryCents: 240_000 }, "high_value"],
    [{ daysSinceLastOrder: 5, daysSinceJoined: 400, orders: 12, monetaryCents: 120_000 }, "potential"],
    [{ daysSinceLastOrder: 2, daysSinceJoined: 10, orders: 1, monetaryCents: 5_000 }, "new"],
    [{ daysSinceLastOrder: null, daysSinceJoined: 3, orders: 0, monetaryCents: 0 }, "new"],
    [{ daysSinceLastOrder: 90, daysSinceJoined: 300, orders: 3, monetaryCents: 24_000 }, "at_risk"],
    [{ daysSinceLastOrder: 200, daysSinceJoined: 500, orders: 2, monetaryCents: 16_000 }, "lost"],
    [{ daysSinceLastOrder: null, daysSinceJoined: 150, orders: 0, monetaryCents: 0 }, "lost"],
    [{ daysSinceLastOrder: null, daysSinceJoined: 70, orders: 0, monetaryCents: 0 }, "at_risk"],
    // docs/domain.md's cut-offs, at their edges: high value ≤ 30 days, at risk 60–120 days, lost > 120 days.
    [{ daysSinceLastOrder: 30, daysSinceJoined: 400, orders: 10, monetaryCents: 200_000 }, "high_value"],
    [{ daysSinceLastOrder: 31, daysSinceJoined: 400, orders: 10, monetaryCents: 200_000 }, "potential"],
    [{ daysSinceLastOrder: 59, daysSinceJoined: 400, orders: 3, monetaryCents: 24_000 }, "potential"],
    [{ daysSinceLastOrder: 60, daysSinceJoined: 400, orders: 3, monetaryCents: 24_000 }, "at_risk"],
    [{ daysSinceLastOrder: 120, daysSinceJoined: 400, orders: 3, monetaryCents: 24_000 }, "at_risk"],
    [{ daysSinceLastOrder: 121, daysSinceJoined: 400, orders: 3, monetaryCents: 24_000 }, "lost"],
    [{ daysSinceLastOrder: null, daysSinceJoined: 120, orders: 0, monetaryCents: 0 }, "at_risk"],
  ] as const)("%o → %s", (member, layer) => {
    expect(classifyMember(member, t)).toBe(layer);
  });
});
