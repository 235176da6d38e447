import { RuleTester } from "eslint";
import * as vitest from "vitest";

// ESLint's RuleTester uses these hooks when they are set, so each case becomes a vitest test.
RuleTester.describe = vitest.describe;
RuleTester.it = vitest.it;
RuleTester.itOnly = vitest.it.only;
