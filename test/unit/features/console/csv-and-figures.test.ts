import { describe, expect, it } from "vitest";
import { COUNTED_METRICS, metricSql, withDerived } from "../../../../src/features/console/metrics.js";
import { toCsv } from "../../../../src/features/console/rules/csv.js";
import { formatChange, formatFigure } from "../../../../src/features/console/rules/format-figure.js";

describe("the console's CSV", () => {
  it("starts with a BOM, quotes what needs quoting, and defuses formulas", () => {
    const csv = toCsv(
      ["名称", "数量"],
      [
        ["满200减30", 3],
        ['说"好",的', null],
        ["=HYPERLINK(1)", -5],
        ["a\nb", new Date("2026-01-02T03:04:05Z")],
      ],
    );
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split("\r\n")).toEqual([
      "名称,数量",
      "满200减30,3",
      '"说""好"",的",',
      "'=HYPERLINK(1),-5",
      '"a\nb",2026-01-02T03:04:05.000Z',
      "",
    ]);
  });
});

describe("the console's figures", () => {
  it("formats money, counts and ratios as chat and page show them", () => {
    expect(formatFigure("money", 1_234_550)).toBe("¥12,345.50");
    expect(formatFigure("count", 1_234_567)).toBe("1,234,567");
    expect(formatFigure("ratio", 2 / 3)).toBe("66.7%");
    expect(formatChange(120, 100)).toBe("+20.0%");
    expect(formatChange(80, 100)).toBe("-20.0%");
    expect(formatChange(5, 0)).toBe("—");
  });

  it("derives the average order and the conversion, 0 when there is nothing to divide by", () => {
    const zero = { gmvCents: 0, paidOrders: 0, buyers: 0, attributedOrders: 0, membersReached: 0, couponClaims: 0, couponRedemptions: 0 };
    expect(withDerived(zero)).toMatchObject({ averageOrderCents: 0, conversion: 0 });
    expect(withDerived({ ...zero, gmvCents: 1000, paidOrders: 3, attributedOrders: 1, membersReached: 4 })).toMatchObject({
      averageOrderCents: 333,
      conversion: 0.25,
    });
  });

  it("gives every metric a definition and one SQL per bucket", () => {
    for (const metric of COUNTED_METRICS) {
      expect(metric.definition.length, metric.key).toBeGreaterThan(5);
      expect(metricSql(metric, "window")).toContain("'window'::text");
      expect(metricSql(metric, "day")).toContain("at time zone $3::text");
      expect(metricSql(metric, "hour")).toContain("date_trunc('hour'");
      expect(metric.sql).toContain("$1");
      expect(metric.sql).toContain("$2");
    }
  });
});
