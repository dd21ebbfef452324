// Copies the Swagger UI files /docs needs from the swagger-ui-dist package into the build,
// so the API docs load with no request to another host.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const from = dirname(require.resolve("swagger-ui-dist/package.json"));
const to = join(here, "..", "..", "api", "static", "swagger");
mkdirSync(to, { recursive: true });
for (const name of ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE"]) {
  copyFileSync(join(from, name), join(to, name));
}
console.log(`copied Swagger UI ${require("swagger-ui-dist/package.json").version} to ${to}`);
