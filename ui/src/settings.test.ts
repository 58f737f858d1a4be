import { afterEach, describe, expect, it } from "vitest";
import { setLocale } from "./i18n";
import { endpointProblem } from "./views/settingsView";

describe("the phone field", () => {
  afterEach(() => setLocale("en"));

  it("accepts what a platform dials: technology/number", () => {
    for (const phone of ["PJSIP/9001", " SIP/trunk/13800138000 ", "Local/9001@supervisors"]) {
      expect(endpointProblem(phone)).toBeNull();
    }
  });

  it("says what is wrong in the user's language before asking the backend", () => {
    setLocale("en");
    expect(endpointProblem("  ")).toContain("Enter your phone");
    expect(endpointProblem("9001")).toContain("technology/number");
    expect(endpointProblem("PJSIP/9001&PJSIP/9002")).toContain("technology/number");
    setLocale("zh-CN");
    expect(endpointProblem("PJ SIP/9001")).toContain("不含空格");
  });
});
