// Independent peer: typage (the age-encryption npm package, age's own TypeScript implementation).
// Usage:
//   AGE_PEER_RECIPIENT=age1... node age-encryption-peer.mjs encrypt < plain > file.age
//   AGE_PEER_IDENTITY=AGE-SECRET-KEY-... node age-encryption-peer.mjs decrypt < file.age > plain
//   AGE_PEER_IDENTITY=AGE-SECRET-KEY-... node age-encryption-peer.mjs recipient
//   node age-encryption-peer.mjs keygen-pq      (prints the identity, then its recipient, one per line)
// Keys come from the environment, never from the argument list.
import { Encrypter, Decrypter, generateHybridIdentity, identityToRecipient } from "age-encryption";

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

try {
  const mode = process.argv[2];
  if (mode === "encrypt") {
    const e = new Encrypter();
    e.addRecipient(process.env.AGE_PEER_RECIPIENT);
    process.stdout.write(await e.encrypt(await readStdin()));
  } else if (mode === "decrypt") {
    const d = new Decrypter();
    d.addIdentity(process.env.AGE_PEER_IDENTITY);
    process.stdout.write(await d.decrypt(await readStdin()));
  } else if (mode === "recipient") {
    process.stdout.write((await identityToRecipient(process.env.AGE_PEER_IDENTITY)) + "\n");
  } else if (mode === "keygen-pq") {
    const identity = await generateHybridIdentity();
    process.stdout.write(identity + "\n" + (await identityToRecipient(identity)) + "\n");
  } else {
    console.error("usage: node age-encryption-peer.mjs encrypt|decrypt|recipient|keygen-pq");
    process.exit(2);
  }
} catch (e) {
  console.error(`age-encryption: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
