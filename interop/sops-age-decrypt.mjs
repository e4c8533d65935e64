// Independent peer: decrypts a SOPS file with the `sops-age` npm package and prints the values as JSON.
// Usage: SOPS_AGE_KEY=AGE-SECRET-KEY-1... node sops-age-decrypt.mjs FILE [env|yaml|json]
// The key comes from the environment, never from the argument list.
import { readFile } from "node:fs/promises";
import { decryptSops } from "sops-age";

const file = process.argv[2];
const fileType = process.argv[3] ?? "env";
const secretKey = process.env.SOPS_AGE_KEY;
if (!file || !secretKey) {
  console.error("usage: SOPS_AGE_KEY=... node sops-age-decrypt.mjs FILE");
  process.exit(2);
}
try {
  const content = await readFile(file, "utf8");
  const data = await decryptSops(content, { secretKey, fileType });
  process.stdout.write(JSON.stringify(data));
} catch (e) {
  console.error(`sops-age: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
