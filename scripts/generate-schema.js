// Writes schema/client-access-rules.schema.json from the vocabulary. Runs on the compiled
// sources (`npm run build` first), so it needs nothing beyond Node; tests/schema/schema.test.ts
// fails when the checked-in file is stale.
import { writeFileSync } from "node:fs";
import { renderSchema } from "../dist/lib/model/schema.js";

const target = new URL("../schema/client-access-rules.schema.json", import.meta.url);
writeFileSync(target, renderSchema());
console.log(`Wrote ${target.pathname}`);
