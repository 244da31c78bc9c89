import { describe, expect, it } from "vitest";
import { formatDate, formatEuro, parseEuro, timeframe } from "./format";

describe("German formats", () => {
  it("writes money as 9.800.000 €", () => {
    expect(formatEuro(980_000_000)).toBe("9.800.000\u00a0€");
    expect(formatEuro(123_456)).toBe("1.234,56\u00a0€");
  });
  it("writes dates as TT.MM.JJJJ", () => {
    expect(formatDate("2018-04-24")).toBe("24.04.2018");
    expect(formatDate(null)).toBe("");
  });
  it("reads euro amounts as users type them", () => {
    expect(parseEuro("9.800.000")).toBe(980_000_000);
    expect(parseEuro("1.234,5 €")).toBe(123_450);
    expect(parseEuro("12,345")).toBeNull();
    expect(parseEuro("abc")).toBeNull();
  });
  it("describes timeframes", () => {
    expect(timeframe("2016-12-01", "2019-12-31", false)).toBe("01.12.2016 – 31.12.2019");
    expect(timeframe("2016-12-01", null, true)).toBe("ab 01.12.2016, fortlaufend");
  });
});
